package org.factcheck.workbench.comment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.factcheck.workbench.comment.CommentViews.CommentList;
import org.factcheck.workbench.comment.CommentViews.CommentRequest;
import org.factcheck.workbench.comment.CommentViews.CommentView;
import org.factcheck.workbench.comment.CommentViews.MentionList;
import org.factcheck.workbench.shared.ETags;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.user.security.CurrentUser;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommentResource {

    private final CommentService comments;
    private final CurrentUser currentUser;

    CommentResource(CommentService comments, CurrentUser currentUser) {
        this.comments = comments;
        this.currentUser = currentUser;
    }

    @GET
    @Path("/claims/{claimId}/comments")
    @RolesAllowed(Role.VIEWER_ROLE)
    public CommentList list(@PathParam("claimId") long claimId) {
        return comments.list(claimId);
    }

    @POST
    @Path("/claims/{claimId}/comments")
    @RolesAllowed(Role.ANALYST_ROLE)
    public Response add(@PathParam("claimId") long claimId, @NotNull CommentRequest request) {
        CommentView created = comments.add(claimId, request.body(), currentUser.get());
        return Response.created(URI.create("comments/" + created.id())).entity(created).tag(ETags.of(created.version())).build();
    }

    @GET
    @Path("/comments/{id}")
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response get(@PathParam("id") long id) {
        CommentView comment = comments.get(id);
        return Response.ok(comment).tag(ETags.of(comment.version())).build();
    }

    @PATCH
    @Path("/comments/{id}")
    @RolesAllowed(Role.ANALYST_ROLE)
    public Response edit(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                         @NotNull CommentRequest request) {
        CommentView edited = comments.edit(id, ifMatch, request.body(), currentUser.get());
        return Response.ok(edited).tag(ETags.of(edited.version())).build();
    }

    @DELETE
    @Path("/comments/{id}")
    @RolesAllowed(Role.ANALYST_ROLE)
    public Response delete(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        comments.delete(id, ifMatch, currentUser.get());
        return Response.noContent().build();
    }

    @GET
    @Path("/mentions")
    @RolesAllowed(Role.VIEWER_ROLE)
    public MentionList mentions() {
        return comments.mentions(currentUser.get());
    }

    /** Marks one's mentions read: all, or those of one claim ({@code ?claimId=}). */
    @POST
    @Path("/mentions/read")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response markRead(@QueryParam("claimId") String claimId) {
        Long claim = null;
        if (claimId != null && !claimId.isBlank()) {
            try {
                claim = Long.parseLong(claimId.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.invalidField("claimId", "must be a claim id");
            }
        }
        comments.markRead(currentUser.get(), claim);
        return Response.noContent().build();
    }
}
