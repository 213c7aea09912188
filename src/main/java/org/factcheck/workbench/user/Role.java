package org.factcheck.workbench.user;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The role ladder: each role includes the ones before it. */
public enum Role {
    VIEWER, ANALYST, REVIEWER, ADMIN;

    /** Role names for {@code @RolesAllowed}. */
    public static final String VIEWER_ROLE = "viewer";
    public static final String ANALYST_ROLE = "analyst";
    public static final String REVIEWER_ROLE = "reviewer";
    public static final String ADMIN_ROLE = "admin";

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    /** This role and every role below it, as security role names. */
    public Set<String> grantedKeys() {
        return Arrays.stream(values()).filter(this::includes).map(Role::key).collect(Collectors.toUnmodifiableSet());
    }

    public static Optional<Role> fromKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key().equals(key)).findFirst();
    }

    public static String allowedKeys() {
        return Arrays.stream(values()).map(Role::key).collect(Collectors.joining(", "));
    }
}
