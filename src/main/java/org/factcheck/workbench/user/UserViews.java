package org.factcheck.workbench.user;

import com.fasterxml.jackson.annotation.JsonProperty;
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

    /**
     * A partial change: an accessor returns null for a field the client did not send (it stays as it is) and
     * {@code Optional.empty()} for one sent as JSON null. A record cannot tell the two apart: Jackson gives an absent
     * {@code Optional} component {@code Optional.empty()}, so setters record which fields were present.
     */
    public static final class UpdateUserRequest {

        private Optional<String> displayName;
        private Optional<String> role;
        private Optional<String> password;
        private Optional<Boolean> disabled;

        public UpdateUserRequest() {
        }

        public Optional<String> displayName() {
            return displayName;
        }

        public Optional<String> role() {
            return role;
        }

        public Optional<String> password() {
            return password;
        }

        public Optional<Boolean> disabled() {
            return disabled;
        }

        @JsonProperty("displayName")
        void setDisplayName(String value) {
            displayName = Optional.ofNullable(value);
        }

        @JsonProperty("role")
        void setRole(String value) {
            role = Optional.ofNullable(value);
        }

        @JsonProperty("password")
        void setPassword(String value) {
            password = Optional.ofNullable(value);
        }

        @JsonProperty("disabled")
        void setDisabled(Boolean value) {
            disabled = Optional.ofNullable(value);
        }
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
