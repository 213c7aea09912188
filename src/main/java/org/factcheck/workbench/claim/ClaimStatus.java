package org.factcheck.workbench.claim;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The workflow of a claim: open, in progress, in review, published. */
public enum ClaimStatus {
    OPEN, IN_PROGRESS, IN_REVIEW, PUBLISHED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ClaimStatus> fromKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }

    public static String allowedKeys() {
        return Arrays.stream(values()).map(ClaimStatus::key).collect(Collectors.joining(", "));
    }
}
