package org.factcheck.workbench.presence;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.user.security.CurrentUser;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PresenceResource {

    private final PresenceService presence;
    private final CurrentUser currentUser;

    PresenceResource(PresenceService presence, CurrentUser currentUser) {
        this.presence = presence;
        this.currentUser = currentUser;
    }

    public record Here(String clientId) {
    }

    @GET
    @Path("/articles/{id}/presence")
    @RolesAllowed(Role.VIEWER_ROLE)
    public PresenceService.Readers readers(@PathParam("id") long articleId) {
        return presence.readers(articleId);
    }

    /** Says this tab shows the article; renew every 15 s or so. */
    @PUT
    @Path("/articles/{id}/presence")
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response here(@PathParam("id") long articleId, @NotNull Here request) {
        presence.here(articleId, request.clientId(), currentUser.get());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/articles/{id}/presence/{clientId}")
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response gone(@PathParam("id") long articleId, @PathParam("clientId") String clientId) {
        presence.gone(articleId, clientId, currentUser.get());
        return Response.noContent().build();
    }
}
