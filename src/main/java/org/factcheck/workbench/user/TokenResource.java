package org.factcheck.workbench.user;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.factcheck.workbench.user.UserViews.CreateTokenRequest;
import org.factcheck.workbench.user.UserViews.TokenCreated;
import org.factcheck.workbench.user.UserViews.TokenList;
import org.factcheck.workbench.user.security.CurrentUser;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokenResource {

    private final TokenService tokens;
    private final CurrentUser currentUser;

    TokenResource(TokenService tokens, CurrentUser currentUser) {
        this.tokens = tokens;
        this.currentUser = currentUser;
    }

    @GET
    @Path("/tokens")
    @RolesAllowed(Role.VIEWER_ROLE)
    public TokenList list() {
        return new TokenList(tokens.list(currentUser.get()));
    }

    @POST
    @Path("/tokens")
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response create(@Valid @NotNull CreateTokenRequest request) {
        TokenCreated created = tokens.create(request.name(), currentUser.get());
        return Response.created(URI.create("tokens/" + created.id())).entity(created)
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/tokens/{id}")
    @RolesAllowed(Role.VIEWER_ROLE)
    public UserViews.TokenView get(@PathParam("id") long id) {
        return tokens.get(id, currentUser.get());
    }

    @DELETE
    @Path("/tokens/{id}")
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response revoke(@PathParam("id") long id) {
        tokens.revoke(id, currentUser.get());
        return Response.noContent().build();
    }
}
