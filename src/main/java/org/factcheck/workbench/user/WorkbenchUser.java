package org.factcheck.workbench.user;

/**
 * The signed-in user of a request, as the security layer resolved it.
 *
 * @param sessionId the session row when the request came with the session cookie, else null
 * @param csrfToken that session's CSRF token, else null
 * @param tokenId the API token when the request came with one, else null
 */
public record WorkbenchUser(long id, String username, String displayName, Role role, Long sessionId, String csrfToken,
                            Long tokenId) {

    /** A user acting without a request (start-up tasks, scheduled sweeps). */
    public static WorkbenchUser system(AppUser user) {
        return new WorkbenchUser(user.id, user.username, user.displayName, user.role(), null, null, null);
    }

    public static final String IDENTITY_ATTRIBUTE = "workbench.user";

    public boolean viaSession() {
        return sessionId != null;
    }

    public boolean has(Role needed) {
        return role.includes(needed);
    }
}
