package org.factcheck.workbench.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.factcheck.workbench.article.TextNormalizer;
import org.factcheck.workbench.event.EventLog;
import org.factcheck.workbench.event.EventType;
import org.factcheck.workbench.shared.Cursors;
import org.factcheck.workbench.shared.ETags;
import org.factcheck.workbench.shared.FieldErrors;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.user.UserViews.CreateUserRequest;
import org.factcheck.workbench.user.UserViews.UpdateUserRequest;
import org.factcheck.workbench.user.UserViews.UserPage;
import org.factcheck.workbench.user.UserViews.UserView;

@ApplicationScoped
@Transactional
public class UserService {

    private final org.factcheck.workbench.user.security.CredentialStore credentials;

    public static final String USERNAME_RULE = "must be 1-64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit";

    private final EntityManager em;
    private final PasswordHasher hasher;
    private final EventLog events;

    UserService(EntityManager em, PasswordHasher hasher, EventLog events,
                org.factcheck.workbench.user.security.CredentialStore credentials) {
        this.credentials = credentials;
        this.em = em;
        this.hasher = hasher;
        this.events = events;
    }

    public static String normalizeUsername(String username) {
        return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
    }

    public UserView create(CreateUserRequest request, WorkbenchUser actor) {
        FieldErrors errors = new FieldErrors();
        String username = normalizeUsername(request.username());
        if (username == null || !username.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            errors.add("username", USERNAME_RULE);
        }
        String displayName = TextNormalizer.normalizeLine(request.displayName());
        errors.required("displayName", displayName);
        errors.maxLength("displayName", displayName, 200);
        String passwordProblem = PasswordHasher.policyViolation(request.password(), username);
        if (passwordProblem != null) {
            errors.add("password", passwordProblem);
        }
        Role role = request.role() == null ? null : Role.fromKey(request.role()).orElse(null);
        if (role == null) {
            errors.add("role", "must be one of " + Role.allowedKeys());
        }
        errors.throwIfAny();
        if (AppUser.findByUsername(username).isPresent()) {
            throw ProblemException.conflict("a user with the username '" + username + "' already exists");
        }
        AppUser user = new AppUser();
        user.username = username;
        user.displayName = displayName;
        user.passwordHash = hasher.hash(request.password());
        user.roleKey = role.key();
        user.updatedAt = Instant.now();
        user.persist();
        em.flush();
        em.refresh(user);
        events.record(EventType.USER_CREATED, actor, null, null, user.id, null, snapshot(user));
        return UserView.of(user);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public UserPage list(String limit, String cursor) {
        int pageSize = Cursors.limit(limit);
        long before = Cursors.decode(cursor);
        List<AppUser> users = em.createQuery("SELECT u FROM AppUser u WHERE u.id < :before ORDER BY u.id DESC", AppUser.class)
                .setParameter("before", before).setMaxResults(pageSize + 1).getResultList();
        List<UserView> items = users.stream().limit(pageSize).map(UserView::of).toList();
        return new UserPage(items, users.size() > pageSize ? Cursors.encode(items.get(items.size() - 1).id()) : null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AppUser find(long id) {
        AppUser user = em.find(AppUser.class, id);
        if (user == null) {
            throw ProblemException.notFound("user " + id);
        }
        return user;
    }

    /** Changes a user. If-Match is optional here; when given it must match. */
    public AppUser update(long id, String ifMatch, UpdateUserRequest request, WorkbenchUser actor) {
        AppUser user = find(id);
        credentials.forgetAfterChange(); // a role, name, password or disabled flag may change
        if (ifMatch != null && !ifMatch.isBlank()) {
            ETags.check(ETags.requiredVersion(ifMatch, "user " + id), user.version, "user " + id);
        }
        FieldErrors errors = new FieldErrors();
        String displayName = null;
        if (request.displayName() != null) {
            displayName = TextNormalizer.normalizeLine(request.displayName().orElse(null));
            errors.required("displayName", displayName);
            errors.maxLength("displayName", displayName, 200);
        }
        Role role = null;
        if (request.role() != null) {
            role = request.role().flatMap(Role::fromKey).orElse(null);
            if (role == null) {
                errors.add("role", "must be one of " + Role.allowedKeys());
            }
        }
        String password = null;
        if (request.password() != null) {
            password = request.password().orElse(null);
            String problem = PasswordHasher.policyViolation(password, user.username);
            if (problem != null) {
                errors.add("password", problem);
            }
        }
        Boolean disabled = null;
        if (request.disabled() != null) {
            disabled = request.disabled().orElse(null);
            if (disabled == null) {
                errors.add("disabled", "must be true or false");
            }
        }
        errors.throwIfAny();
        boolean losesAdmin = user.role() == Role.ADMIN && !user.disabled
                && (role != null && role != Role.ADMIN || Boolean.TRUE.equals(disabled));
        if (losesAdmin && activeAdmins() <= 1) {
            throw ProblemException.conflict("this is the last active admin; make another user admin first");
        }
        if ((displayName == null || displayName.equals(user.displayName)) && (role == null || role.key().equals(user.roleKey))
                && password == null && (disabled == null || disabled == user.disabled)) {
            return user; // nothing to change
        }
        Map<String, Object> before = snapshot(user);
        if (displayName != null) {
            user.displayName = displayName;
        }
        if (role != null) {
            user.roleKey = role.key();
        }
        if (disabled != null) {
            user.disabled = disabled;
        }
        boolean endSessions = Boolean.TRUE.equals(disabled) || password != null;
        if (password != null) {
            user.passwordHash = hasher.hash(password);
        }
        user.updatedAt = Instant.now();
        em.flush();
        if (endSessions) {
            em.createQuery("DELETE FROM UserSession s WHERE s.userId = :id").setParameter("id", id).executeUpdate();
        }
        Map<String, Object> after = snapshot(user);
        if (password != null) {
            after.put("passwordChanged", true);
        }
        events.record(EventType.USER_UPDATED, actor, null, null, id, before, after);
        return user;
    }

    /** Counts the active admins, locking their rows so that two admins cannot demote each other at once. */
    public long activeAdmins() {
        return em.createQuery("SELECT u FROM AppUser u WHERE u.roleKey = 'admin' AND u.disabled = false", AppUser.class)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList().size();
    }

    /** Creates an account without an acting user (first start, dev mode); does nothing when the username exists. */
    public boolean createIfMissing(String username, String displayName, String password, Role role) {
        if (AppUser.findByUsername(username).isPresent()) {
            return false;
        }
        AppUser user = new AppUser();
        user.username = username;
        user.displayName = displayName;
        user.passwordHash = hasher.hash(password);
        user.roleKey = role.key();
        user.updatedAt = Instant.now();
        user.persist();
        em.flush();
        events.record(EventType.USER_CREATED, null, null, null, user.id, null, snapshot(user));
        return true;
    }

    private static Map<String, Object> snapshot(AppUser u) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("username", u.username);
        s.put("displayName", u.displayName);
        s.put("role", u.roleKey);
        s.put("disabled", u.disabled);
        return s;
    }
}
