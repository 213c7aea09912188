package org.factcheck.workbench.user;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Optional;

/** Request and response records of the user feature. */
public final class UserViews {

    private UserViews() {
    }

    public record LoginRequest(@NotNull @Size(max = 200) String username, @NotNull @Size(max = 1000) String password) {
    }

    public record SessionView(long id, String username, String displayName, String role) {
        static SessionView of(WorkbenchUser u) {
            return new SessionView(u.id(), u.username(), u.displayName(), u.role().key());
        }
    }

    public record CreateUserRequest(@NotNull String username, @NotNull @Size(min = 1, max = 200) String displayName,
                                    @NotNull String password, @NotNull String role) {
    }

    /** Absent fields stay as they are. */
    public record UpdateUserRequest(Optional<@Size(min = 1, max = 200) String> displayName, Optional<String> role,
                                    Optional<String> password, Optional<Boolean> disabled) {
    }

    public record UserView(long id, String username, String displayName, String role, boolean disabled,
                           Instant createdAt, Instant updatedAt) {
        static UserView of(AppUser u) {
            return new UserView(u.id, u.username, u.displayName, u.roleKey, u.disabled, u.createdAt, u.updatedAt);
        }
    }

    public record UserPage(java.util.List<UserView> items, String nextCursor) {
    }

    public record CreateTokenRequest(@NotNull @Size(min = 1, max = 200) String name) {
    }

    public record TokenCreated(long id, String name, String token, Instant createdAt) {
    }

    public record TokenView(long id, String name, Instant createdAt, Instant lastUsedAt) {
    }

    public record TokenList(java.util.List<TokenView> items) {
    }
}
