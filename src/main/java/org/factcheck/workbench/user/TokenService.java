package org.factcheck.workbench.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.factcheck.workbench.article.TextNormalizer;
import org.factcheck.workbench.event.EventLog;
import org.factcheck.workbench.event.EventType;
import org.factcheck.workbench.shared.FieldErrors;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.user.UserViews.TokenCreated;
import org.factcheck.workbench.user.UserViews.TokenView;

/** Personal API tokens: shown once at creation, stored as SHA-256, revocable. */
@ApplicationScoped
@Transactional
public class TokenService {

    private final org.factcheck.workbench.user.security.CredentialStore credentials;

    public static final String PREFIX = "wbt_";
    public static final int MAX_ACTIVE_TOKENS = 50;

    private final EntityManager em;
    private final EventLog events;

    TokenService(EntityManager em, EventLog events, org.factcheck.workbench.user.security.CredentialStore credentials) {
        this.credentials = credentials;
        this.em = em;
        this.events = events;
    }

    public TokenCreated create(String rawName, WorkbenchUser owner) {
        FieldErrors errors = new FieldErrors();
        String name = TextNormalizer.normalizeLine(rawName);
        errors.required("name", name);
        errors.maxLength("name", name, 200);
        errors.throwIfAny();
        long active = em.createQuery("SELECT count(t) FROM ApiToken t WHERE t.userId = :u AND t.revokedAt IS NULL", Long.class)
                .setParameter("u", owner.id()).getSingleResult();
        if (active >= MAX_ACTIVE_TOKENS) {
            throw ProblemException.conflict("you already have " + MAX_ACTIVE_TOKENS + " active tokens; revoke one first");
        }
        String secret = PREFIX + Secrets.random(32);
        ApiToken token = new ApiToken();
        token.userId = owner.id();
        token.name = name;
        token.secretHash = Secrets.sha256(secret);
        token.persist();
        em.flush();
        em.refresh(token);
        events.record(EventType.TOKEN_CREATED, owner, null, null, token.id, null, Map.of("name", name));
        return new TokenCreated(token.id, token.name, secret, token.createdAt);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TokenView> list(WorkbenchUser owner) {
        return em.createQuery("SELECT t FROM ApiToken t WHERE t.userId = :u AND t.revokedAt IS NULL ORDER BY t.id", ApiToken.class)
                .setParameter("u", owner.id()).getResultList().stream()
                .map(t -> new TokenView(t.id, t.name, t.createdAt, t.lastUsedAt)).toList();
    }

    /** One's own active token (never its secret); another user's looks like a missing one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public TokenView get(long id, WorkbenchUser owner) {
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null || token.revokedAt != null || !token.userId.equals(owner.id())) {
            throw ProblemException.notFound("token " + id);
        }
        return new TokenView(token.id, token.name, token.createdAt, token.lastUsedAt);
    }

    /** Revokes one's own token; an admin may revoke anyone's. Another user's token looks like a missing one. */
    public void revoke(long id, WorkbenchUser actor) {
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null || token.revokedAt != null || !token.userId.equals(actor.id()) && actor.role() != Role.ADMIN) {
            throw ProblemException.notFound("token " + id);
        }
        token.revokedAt = Instant.now();
        credentials.forgetAfterChange();
        events.record(EventType.TOKEN_REVOKED, actor, null, null, id, Map.of("name", token.name, "userId", token.userId), null);
    }
}
