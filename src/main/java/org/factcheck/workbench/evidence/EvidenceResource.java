package org.factcheck.workbench.evidence;

import jakarta.annotation.security.RolesAllowed;
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
import org.factcheck.workbench.claim.ClaimQueries;
import org.factcheck.workbench.evidence.EvidenceViews.CreateEvidenceRequest;
import org.factcheck.workbench.evidence.EvidenceViews.EvidenceView;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.user.security.CurrentUser;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class EvidenceResource {

    private final EvidenceService evidence;
    private final ClaimQueries queries;
    private final CurrentUser currentUser;

    EvidenceResource(EvidenceService evidence, ClaimQueries queries, CurrentUser currentUser) {
        this.evidence = evidence;
        this.queries = queries;
        this.currentUser = currentUser;
    }

    @POST
    @Path("/claims/{claimId}/evidence")
    @RolesAllowed(Role.ANALYST_ROLE)
    public Response add(@PathParam("claimId") long claimId, @NotNull CreateEvidenceRequest request) {
        EvidenceView created = evidence.add(claimId, request, currentUser.get());
        return Response.created(URI.create("evidence/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/evidence/{id}")
    @RolesAllowed(Role.VIEWER_ROLE)
    public EvidenceView get(@PathParam("id") long id) {
        return queries.oneEvidence(id);
    }

    @GET
    @Path("/claims/{claimId}/evidence")
    @RolesAllowed(Role.VIEWER_ROLE)
    public EvidenceList list(@PathParam("claimId") long claimId) {
        queries.get(claimId);
        return new EvidenceList(queries.evidence(claimId));
    }

    public record EvidenceList(java.util.List<EvidenceView> items) {
    }

    @DELETE
    @Path("/evidence/{id}")
    @RolesAllowed(Role.ANALYST_ROLE)
    public Response delete(@PathParam("id") long id) {
        evidence.delete(id, currentUser.get());
        return Response.noContent().build();
    }
}
