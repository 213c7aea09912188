package org.factcheck.workbench.user.security;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.factcheck.workbench.shared.WorkbenchConfig;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.user.Secrets;
import org.factcheck.workbench.user.WorkbenchUser;

/**
 * Resolves session and token secrets to users: one indexed query, on plain JDBC because it runs for every API call
 * before any transaction exists. An answer is reused for up to {@link #REUSE} (a user's requests come in bursts);
 * every change that ends or narrows a credential (sign-out, revocation, a changed or disabled account) forgets all
 * answers on this instance at once, and other instances notice within that time.
 */
@ApplicationScoped
public class CredentialStore {

    private static final String SESSION_QUERY = """
            SELECT u.id, u.username, u.display_name, u.role, s.id, s.csrf_token,
                   s.last_seen_at < now() - interval '1 minute'
              FROM user_session s JOIN app_user u ON u.id = s.user_id
             WHERE s.secret_hash = ? AND s.expires_at > now() AND NOT u.disabled""";
    private static final String TOUCH_SESSION = """
            UPDATE user_session
               SET last_seen_at = now(),
                   expires_at = least(now() + make_interval(secs => ?), created_at + make_interval(secs => ?))
             WHERE id = ?""";
    private static final String TOKEN_QUERY = """
            SELECT u.id, u.username, u.display_name, u.role, t.id,
                   t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute'
              FROM api_token t JOIN app_user u ON u.id = t.user_id
             WHERE t.secret_hash = ? AND t.revoked_at IS NULL AND NOT u.disabled""";
    private static final String TOUCH_TOKEN = "UPDATE api_token SET last_used_at = now() WHERE id = ?";

    public static final Duration REUSE = Duration.ofSeconds(2);
    private static final int MAX_REMEMBERED = 10_000;

    private record Remembered(WorkbenchUser user, long atNanos, long generation) {
    }

    private final AgroalDataSource dataSource;
    private final WorkbenchConfig config;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    /** Goes up at every forget, so that a look-up that started before a change never stores its answer. */
    private final AtomicLong generation = new AtomicLong();

    CredentialStore(AgroalDataSource dataSource, WorkbenchConfig config, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.config = config;
        this.transactions = transactions;
    }

    public Optional<WorkbenchUser> resolve(CredentialRequest request) {
        String hash = request.kind().name() + ":" + Secrets.sha256(request.secret());
        long now = System.nanoTime();
        long current = generation.get();
        Remembered r = remembered.get(hash);
        if (r != null && r.generation() == current && now - r.atNanos() < REUSE.toNanos()) {
            return Optional.of(r.user());
        }
        Optional<WorkbenchUser> user;
        try (Connection c = dataSource.getConnection()) {
            String secretHash = hash.substring(hash.indexOf(':') + 1);
            user = request.kind() == CredentialRequest.Kind.SESSION ? bySession(c, secretHash) : byToken(c, secretHash);
        } catch (SQLException e) {
            throw new CredentialCheckUnavailable(e);
        }
        if (user.isPresent()) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            if (generation.get() == current) {
                remembered.put(hash, new Remembered(user.get(), now, current));
            }
        } else {
            remembered.remove(hash);
        }
        return user;
    }

    /**
     * Forgets every remembered answer now and again when the current transaction ends: called by each change that
     * ends or narrows a credential, so the next request on this instance is checked against the database.
     */
    public void forgetAfterChange() {
        forgetAll();
        if (transactions.getTransactionKey() != null) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    forgetAll();
                }
            });
        }
    }

    /** Forgets every remembered answer (another instance changed an account or revoked a token). */
    public void forgetAll() {
        generation.incrementAndGet();
        remembered.clear();
    }

    /** The credential could not be checked because the database cannot be reached. */
    public static final class CredentialCheckUnavailable extends RuntimeException {
        CredentialCheckUnavailable(SQLException cause) {
            super("credential look-up failed: the database cannot be reached", cause);
        }
    }

    /**
     * Of the given sessions and tokens, those still valid (not ended, expired or revoked, user not disabled):
     * long-lived connections such as the event stream check their credential with this.
     */
    public java.util.Set<Long> validSessions(java.util.Collection<Long> sessionIds) {
        return stillValid("SELECT s.id FROM user_session s JOIN app_user u ON u.id = s.user_id"
                + " WHERE s.id = ANY(?) AND s.expires_at > now() AND NOT u.disabled", sessionIds);
    }

    public java.util.Set<Long> validTokens(java.util.Collection<Long> tokenIds) {
        return stillValid("SELECT t.id FROM api_token t JOIN app_user u ON u.id = t.user_id"
                + " WHERE t.id = ANY(?) AND t.revoked_at IS NULL AND NOT u.disabled", tokenIds);
    }

    private java.util.Set<Long> stillValid(String sql, java.util.Collection<Long> ids) {
        java.util.Set<Long> valid = new java.util.HashSet<>();
        if (ids.isEmpty()) {
            return valid;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    valid.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("credential check failed", e);
        }
        return valid;
    }

    private Optional<WorkbenchUser> bySession(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SESSION_QUERY)) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                WorkbenchUser user = new WorkbenchUser(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Role.fromKey(rs.getString(4)).orElseThrow(), rs.getLong(5), rs.getString(6), null);
                if (rs.getBoolean(7)) {
                    try (PreparedStatement touch = c.prepareStatement(TOUCH_SESSION)) {
                        touch.setLong(1, config.session().idleTimeout().toSeconds());
                        touch.setLong(2, config.session().absoluteTimeout().toSeconds());
                        touch.setLong(3, user.sessionId());
                        touch.executeUpdate();
                    }
                }
                return Optional.of(user);
            }
        }
    }

    private Optional<WorkbenchUser> byToken(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TOKEN_QUERY)) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                WorkbenchUser user = new WorkbenchUser(rs.getLong(1), rs.getString(2), rs.getString(3),
                        Role.fromKey(rs.getString(4)).orElseThrow(), null, null, rs.getLong(5));
                if (rs.getBoolean(6)) {
                    try (PreparedStatement touch = c.prepareStatement(TOUCH_TOKEN)) {
                        touch.setLong(1, rs.getLong(5));
                        touch.executeUpdate();
                    }
                }
                return Optional.of(user);
            }
        }
    }
}
