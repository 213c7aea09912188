package org.factcheck.workbench.user;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import org.factcheck.workbench.user.UserViews.LoginRequest;
import org.factcheck.workbench.user.UserViews.SessionView;
import org.factcheck.workbench.user.security.CsrfFilter;
import org.factcheck.workbench.user.security.CurrentUser;
import org.factcheck.workbench.user.security.WorkbenchAuthenticationMechanism;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final SessionService sessions;
    private final CurrentUser currentUser;

    SessionResource(SessionService sessions, CurrentUser currentUser) {
        this.sessions = sessions;
        this.currentUser = currentUser;
    }

    @POST
    @Path("/session")
    @PermitAll
    public Response signIn(@Valid @NotNull LoginRequest request, @Context UriInfo uri) {
        SessionService.SignIn signIn = sessions.signIn(request.username(), request.password());
        boolean secure = "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        int maxAge = (int) Math.max(1, Duration.between(Instant.now(), signIn.expiresAt()).toSeconds());
        return Response.ok(SessionView.of(signIn.user()))
                .cookie(sessionCookie(signIn.secret(), maxAge, secure), csrfCookie(signIn.csrfToken(), maxAge, secure))
                .header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("/session")
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response current(@Context UriInfo uri) {
        WorkbenchUser user = currentUser.get();
        Response.ResponseBuilder response = Response.ok(SessionView.of(user)).header("Cache-Control", "no-store");
        if (user.viaSession()) {
            // Re-issued so a client that lost the readable cookie can make changes again.
            boolean secure = "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
            response.cookie(csrfCookie(user.csrfToken(), -1, secure));
        }
        return response.build();
    }

    @DELETE
    @Path("/session")
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response signOut(@Context UriInfo uri) {
        sessions.signOut(currentUser.get());
        boolean secure = "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
        return Response.noContent().cookie(sessionCookie("", 0, secure), csrfCookie("", 0, secure)).build();
    }

    private static NewCookie sessionCookie(String value, int maxAge, boolean secure) {
        return new NewCookie.Builder(WorkbenchAuthenticationMechanism.SESSION_COOKIE).value(value).path("/")
                .httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
    }

    private static NewCookie csrfCookie(String value, int maxAge, boolean secure) {
        // Readable by the page's script on purpose: it echoes the value in the X-XSRF-TOKEN header.
        return new NewCookie.Builder(CsrfFilter.COOKIE).value(value).path("/")
                .httpOnly(false).secure(secure).sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}
