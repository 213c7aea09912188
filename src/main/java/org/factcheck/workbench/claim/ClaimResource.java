package org.factcheck.workbench.claim;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.factcheck.workbench.claim.ClaimViews.ClaimPage;
import org.factcheck.workbench.claim.ClaimViews.ClaimView;
import org.factcheck.workbench.claim.ClaimViews.RatingList;
import org.factcheck.workbench.claim.ClaimViews.SetVerdictRequest;
import org.factcheck.workbench.claim.ClaimViews.UpdateClaimRequest;
import org.factcheck.workbench.shared.ETags;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.user.security.CurrentUser;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClaimResource {

    private final ClaimQueries queries;
    private final ClaimService claims;
    private final VerdictService verdicts;
    private final RatingScale ratings;
    private final ClaimHistory history;
    private final CurrentUser currentUser;

    ClaimResource(ClaimQueries queries, ClaimService claims, VerdictService verdicts, RatingScale ratings,
                  ClaimHistory history, CurrentUser currentUser) {
        this.history = history;
        this.queries = queries;
        this.claims = claims;
        this.verdicts = verdicts;
        this.ratings = ratings;
        this.currentUser = currentUser;
    }

    @GET
    @Path("/claims")
    @RolesAllowed(Role.VIEWER_ROLE)
    public ClaimPage list(@QueryParam("articleId") String articleId, @QueryParam("status") String status,
                          @QueryParam("rating") String rating, @QueryParam("q") String q,
                          @QueryParam("assignee") String assignee, @QueryParam("sort") String sort,
                          @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        String who = "me".equalsIgnoreCase(assignee == null ? "" : assignee.strip()) ? currentUser.get().username() : assignee;
        return queries.list(articleId, status, rating, q, who, sort, limit, cursor);
    }

    @GET
    @Path("/claims/{id}")
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response get(@PathParam("id") long id) {
        return withETag(queries.get(id));
    }

    @PATCH
    @Path("/claims/{id}")
    @RolesAllowed(Role.ANALYST_ROLE)
    public Response update(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @NotNull UpdateClaimRequest request) {
        return withETag(claims.update(id, ifMatch, request, currentUser.get()));
    }

    @PUT
    @Path("/claims/{id}/verdict")
    @RolesAllowed(Role.ANALYST_ROLE)
    public Response setVerdict(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                               @NotNull SetVerdictRequest request) {
        return withETag(verdicts.set(id, ifMatch, request, currentUser.get()));
    }

    @POST
    @Path("/claims/{id}/verdict/publish")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.REVIEWER_ROLE)
    public Response publish(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withETag(verdicts.publish(id, ifMatch, currentUser.get()));
    }

    public record ReturnRequest(String comment) {
    }

    @POST
    @Path("/claims/{id}/verdict/return")
    @RolesAllowed(Role.REVIEWER_ROLE)
    public Response returnForChanges(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                     @NotNull ReturnRequest request) {
        return withETag(verdicts.returnForChanges(id, ifMatch, request.comment(), currentUser.get()));
    }

    @GET
    @Path("/claims/{id}/history")
    @RolesAllowed(Role.VIEWER_ROLE)
    public ClaimHistory.HistoryPage history(@PathParam("id") long id, @QueryParam("limit") String limit,
                                            @QueryParam("cursor") String cursor) {
        return history.history(id, limit, cursor);
    }

    @GET
    @Path("/claims/{id}/verdicts")
    @RolesAllowed(Role.VIEWER_ROLE)
    public ClaimHistory.RevisionList verdictRevisions(@PathParam("id") long id) {
        return history.revisions(id);
    }

    @GET
    @Path("/claims/{id}/verdicts/{revision}")
    @RolesAllowed(Role.VIEWER_ROLE)
    public ClaimViews.VerdictView verdictRevision(@PathParam("id") long id, @PathParam("revision") int revision) {
        return history.revision(id, revision);
    }

    @GET
    @Path("/ratings")
    @RolesAllowed(Role.VIEWER_ROLE)
    public RatingList ratings() {
        return new RatingList(ratings.all());
    }

    private static Response withETag(ClaimView claim) {
        return Response.ok(claim).tag(ETags.of(claim.version())).build();
    }
}
