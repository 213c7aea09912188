package org.factcheck.workbench.user;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.factcheck.workbench.shared.ETags;
import org.factcheck.workbench.user.UserViews.CreateUserRequest;
import org.factcheck.workbench.user.UserViews.UpdateUserRequest;
import org.factcheck.workbench.user.UserViews.UserPage;
import org.factcheck.workbench.user.UserViews.UserView;
import org.factcheck.workbench.user.security.CurrentUser;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_ROLE)
public class UserResource {

    private final UserService users;
    private final CurrentUser currentUser;

    UserResource(UserService users, CurrentUser currentUser) {
        this.users = users;
        this.currentUser = currentUser;
    }

    @GET
    @Path("/users")
    public UserPage list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return users.list(limit, cursor);
    }

    @POST
    @Path("/users")
    public Response create(@Valid @NotNull CreateUserRequest request) {
        UserView created = users.create(request, currentUser.get());
        return Response.created(URI.create("users/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/users/{id}")
    public Response get(@PathParam("id") long id) {
        AppUser user = users.find(id);
        return Response.ok(UserView.of(user)).tag(ETags.of(user.version)).build();
    }

    @PATCH
    @Path("/users/{id}")
    public Response update(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull UpdateUserRequest request) {
        AppUser user = users.update(id, ifMatch, request, currentUser.get());
        return Response.ok(UserView.of(user)).tag(ETags.of(user.version)).build();
    }
}
