package org.factcheck.workbench.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.factcheck.workbench.shared.WorkbenchConfig;

/** bcrypt through the platform's Elytron security, with the password policy in one place. */
@ApplicationScoped
public class PasswordHasher {

    public static final int MIN_LENGTH = 10;
    /** bcrypt reads 72 bytes; longer passwords would be silently truncated, so they are refused. */
    public static final int MAX_BYTES = 72;
    private final int cost;
    /** Verified against when the username is unknown, so both failures take the same time; made on first use. */
    private volatile String dummyHash;

    PasswordHasher(WorkbenchConfig config) {
        this.cost = config.bcryptCost();
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    public boolean matches(String password, String hash) {
        try {
            return hash != null && BcryptUtil.matches(password, hash);
        } catch (RuntimeException e) {
            return false;
        }
    }

    public void burnEquivalentTime(String password) {
        String hash = dummyHash;
        if (hash == null) {
            hash = hash("not-a-real-password-0000");
            dummyHash = hash;
        }
        matches(password, hash);
    }

    /** Why the password is not acceptable, or null. */
    public static String policyViolation(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters long";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "must be at most " + MAX_BYTES + " bytes in UTF-8";
        }
        if (password.isBlank() || password.codePoints().distinct().count() < 4) {
            return "must use at least 4 different characters";
        }
        if (username != null && password.equalsIgnoreCase(username)) {
            return "must not be the username";
        }
        return null;
    }
}
