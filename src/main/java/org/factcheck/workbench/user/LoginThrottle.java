package org.factcheck.workbench.user;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.factcheck.workbench.shared.ProblemException;

/**
 * Brute-force protection of sign-in: at most {@link #MAX_FAILURES} failed attempts per username in a window of
 * {@link #WINDOW}; after that, sign-in answers 429 with Retry-After until the window ends, whatever the password.
 * Failures are written in their own transaction, so the failed sign-in's rollback does not undo them.
 */
@ApplicationScoped
public class LoginThrottle {

    public static final int MAX_FAILURES = 10;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final EntityManager em;

    LoginThrottle(EntityManager em) {
        this.em = em;
    }

    /** Refuses the attempt when the username has used up its failures in the current window. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void check(String username) {
        List<?> rows = em.createNativeQuery("""
                        SELECT failures, ceil(extract(epoch FROM window_start + make_interval(secs => :window) - now()))::bigint
                          FROM login_throttle WHERE username = :u""")
                .setParameter("u", key(username)).setParameter("window", WINDOW.toSeconds()).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        Object[] row = (Object[]) rows.get(0);
        int failures = ((Number) row[0]).intValue();
        long retryAfter = ((Number) row[1]).longValue();
        if (failures >= MAX_FAILURES && retryAfter > 0) {
            throw new ProblemException(429, "too-many-attempts", "Too many attempts",
                    "too many failed sign-ins for this username; try again in " + Math.max(1, (retryAfter + 59) / 60) + " minutes",
                    null, Map.of("retryAfterSeconds", retryAfter)).withHeader("Retry-After", Long.toString(retryAfter));
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(String username) {
        em.createNativeQuery("""
                        INSERT INTO login_throttle (username, failures, window_start) VALUES (:u, 1, now())
                        ON CONFLICT (username) DO UPDATE SET
                            failures = CASE WHEN login_throttle.window_start < now() - make_interval(secs => :window)
                                            THEN 1 ELSE login_throttle.failures + 1 END,
                            window_start = CASE WHEN login_throttle.window_start < now() - make_interval(secs => :window)
                                                THEN now() ELSE login_throttle.window_start END""")
                .setParameter("u", key(username)).setParameter("window", WINDOW.toSeconds()).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void clear(String username) {
        em.createNativeQuery("DELETE FROM login_throttle WHERE username = :u").setParameter("u", key(username)).executeUpdate();
    }

    /** Forgets windows that have ended. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void sweep() {
        em.createNativeQuery("DELETE FROM login_throttle WHERE window_start < now() - make_interval(secs => :window)")
                .setParameter("window", WINDOW.toSeconds()).executeUpdate();
    }

    private static String key(String username) {
        String u = username == null ? "" : UserService.normalizeUsername(username);
        return u.length() > 200 ? u.substring(0, 200) : u;
    }
}
