package org.factcheck.workbench.presence;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import org.factcheck.workbench.article.Article;
import org.factcheck.workbench.event.EventLog;
import org.factcheck.workbench.event.EventType;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.user.WorkbenchUser;

/**
 * Who has which article open. Each open reader (browser tab) renews its row every few seconds; a user joins an
 * article with their first open tab and leaves with their last, and each of those is an event on the live feed.
 * Rows live in PostgreSQL, so every instance of the service sees every reader.
 */
@ApplicationScoped
@Transactional
public class PresenceService {

    /** A reader not heard from for this long has gone (closed laptop, lost network). */
    public static final int EXPIRY_SECONDS = 45;

    private static final String UPSERT = """
            INSERT INTO presence (client_id, user_id, article_id, seen_at) VALUES (:client, :user, :article, now())
            ON CONFLICT (client_id) DO UPDATE SET seen_at = now(), article_id = EXCLUDED.article_id
             WHERE presence.user_id = EXCLUDED.user_id""";

    private final EntityManager em;
    private final EventLog events;

    PresenceService(EntityManager em, EventLog events) {
        this.em = em;
        this.events = events;
    }

    public record Reader(String username, String displayName) {
    }

    public record Readers(List<Reader> items) {
    }

    /** What a browser tab's id looks like; PUT refuses anything else, so no row holds anything else. */
    private static final java.util.regex.Pattern CLIENT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{8,64}");

    static boolean isClientId(String clientId) {
        return clientId != null && CLIENT_ID.matcher(clientId).matches();
    }

    public void here(long articleId, String clientId, WorkbenchUser user) {
        if (!isClientId(clientId)) {
            throw ProblemException.invalidField("clientId", "must be 8-64 letters, digits, '-' or '_' identifying this browser tab");
        }
        if (em.find(Article.class, articleId) == null) {
            throw ProblemException.notFound("article " + articleId);
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(:u, :a)").setParameter("u", (int) user.id())
                .setParameter("a", (int) articleId).getSingleResult();
        boolean wasHere = isHere(articleId, user.id());
        int written = em.createNativeQuery(UPSERT).setParameter("client", clientId).setParameter("user", user.id())
                .setParameter("article", articleId).executeUpdate();
        if (written == 0) {
            throw ProblemException.conflict("this client id belongs to another user");
        }
        if (!wasHere) {
            events.record(EventType.PRESENCE_JOINED, user, articleId, null, user.id(), null, Map.of("user", user.username()));
        }
    }

    public void gone(long articleId, String clientId, WorkbenchUser user) {
        if (!isClientId(clientId)) {
            return; // no tab has this id, so there is nothing to remove (and PostgreSQL cannot even compare a NUL)
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(:u, :a)").setParameter("u", (int) user.id())
                .setParameter("a", (int) articleId).getSingleResult();
        int removed = em.createNativeQuery("DELETE FROM presence WHERE client_id = :client AND user_id = :user AND article_id = :article")
                .setParameter("client", clientId).setParameter("user", user.id()).setParameter("article", articleId).executeUpdate();
        if (removed > 0 && !isHere(articleId, user.id())) {
            events.record(EventType.PRESENCE_LEFT, user, articleId, null, user.id(), Map.of("user", user.username()), null);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Readers readers(long articleId) {
        if (em.find(Article.class, articleId) == null) {
            throw ProblemException.notFound("article " + articleId);
        }
        return new Readers(em.createQuery("""
                        SELECT DISTINCT new org.factcheck.workbench.presence.PresenceService$Reader(u.username, u.displayName)
                          FROM Presence p, AppUser u
                         WHERE u.id = p.userId AND p.articleId = :article AND p.seenAt > :since""", Reader.class)
                .setParameter("article", articleId)
                .setParameter("since", java.time.Instant.now().minusSeconds(EXPIRY_SECONDS))
                .getResultList());
    }

    /** Removes readers that stopped renewing; each user whose last tab went leaves (every instance may sweep). */
    @Scheduled(every = "15s", delayed = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        @SuppressWarnings("unchecked")
        List<Object[]> gone = em.createNativeQuery("""
                        DELETE FROM presence p
                         WHERE p.seen_at < now() - make_interval(secs => :expiry)
                        RETURNING p.user_id, p.article_id""")
                .setParameter("expiry", EXPIRY_SECONDS).getResultList();
        for (Object[] row : gone) {
            long userId = ((Number) row[0]).longValue();
            long articleId = ((Number) row[1]).longValue();
            if (!isHere(articleId, userId)) {
                org.factcheck.workbench.user.AppUser user = em.find(org.factcheck.workbench.user.AppUser.class, userId);
                WorkbenchUser who = WorkbenchUser.system(user);
                events.record(EventType.PRESENCE_LEFT, who, articleId, null, userId, Map.of("user", user.username), null);
            }
        }
    }

    private boolean isHere(long articleId, long userId) {
        return !em.createNativeQuery("SELECT 1 FROM presence WHERE article_id = :a AND user_id = :u LIMIT 1")
                .setParameter("a", articleId).setParameter("u", userId).getResultList().isEmpty();
    }
}
