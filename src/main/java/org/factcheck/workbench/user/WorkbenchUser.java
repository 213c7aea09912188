package org.factcheck.workbench.user;

/**
 * The signed-in user of a request, as the security layer resolved it.
 *
 * @param sessionId the session row when the request came with the session cookie, else null
 * @param csrfToken that session's CSRF token, else null
 */
public record WorkbenchUser(long id, String username, String displayName, Role role, Long sessionId, String csrfToken) {

    public static final String IDENTITY_ATTRIBUTE = "workbench.user";

    public boolean viaSession() {
        return sessionId != null;
    }

    public boolean has(Role needed) {
        return role.includes(needed);
    }
}
