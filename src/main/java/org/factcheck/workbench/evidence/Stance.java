package org.factcheck.workbench.evidence;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a piece of evidence bears on a claim. */
public enum Stance {
    SUPPORTS, REFUTES, CONTEXT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Stance> fromKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }

    public static String allowedKeys() {
        return Arrays.stream(values()).map(Stance::key).collect(Collectors.joining(", "));
    }
}
