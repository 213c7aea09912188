package org.factcheck.workbench.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.shared.WorkbenchConfig;

/** Sign-in and sign-out. A sign-in always makes a new session with new secrets, so no id is ever reused. */
@ApplicationScoped
@Transactional
public class SessionService {

    private final org.factcheck.workbench.user.security.CredentialStore credentials;

    public static final String BAD_CREDENTIALS = "the username or password is not correct";

    private final PasswordHasher hasher;
    private final WorkbenchConfig config;
    private final LoginThrottle throttle;

    SessionService(PasswordHasher hasher, WorkbenchConfig config, LoginThrottle throttle,
                   org.factcheck.workbench.user.security.CredentialStore credentials) {
        this.credentials = credentials;
        this.hasher = hasher;
        this.config = config;
        this.throttle = throttle;
    }

    /** What the client receives at sign-in: the user, the cookie secret and the CSRF token. */
    public record SignIn(WorkbenchUser user, String secret, String csrfToken, Instant expiresAt) {
    }

    public SignIn signIn(String username, String password) {
        throttle.check(username);
        Optional<AppUser> found = AppUser.findByUsername(UserService.normalizeUsername(username));
        if (found.isEmpty()) {
            hasher.burnEquivalentTime(password);
            throttle.recordFailure(username);
            throw badCredentials();
        }
        AppUser user = found.get();
        if (!hasher.matches(password, user.passwordHash) || user.disabled) {
            throttle.recordFailure(username);
            throw badCredentials();
        }
        throttle.clear(username);
        UserSession session = new UserSession();
        String secret = Secrets.random(32);
        session.secretHash = Secrets.sha256(secret);
        session.userId = user.id;
        session.csrfToken = Secrets.random(32);
        session.lastSeenAt = Instant.now();
        session.expiresAt = session.lastSeenAt.plus(min(config.session().idleTimeout(), config.session().absoluteTimeout()));
        session.persist();
        UserSession.delete("userId = ?1 and expiresAt < ?2", user.id, Instant.now());
        WorkbenchUser who = new WorkbenchUser(user.id, user.username, user.displayName, user.role(), session.id, session.csrfToken, null);
        return new SignIn(who, secret, session.csrfToken, session.expiresAt);
    }

    public void signOut(WorkbenchUser user) {
        if (user.sessionId() != null) {
            UserSession.deleteById(user.sessionId());
            credentials.forgetAfterChange();
        }
    }

    private static java.time.Duration min(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static ProblemException badCredentials() {
        return new ProblemException(401, "bad-credentials", "Unauthenticated", BAD_CREDENTIALS, null);
    }
}
