package org.factcheck.workbench.export;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.factcheck.workbench.claim.RatingScale;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.w3c.W3cLinks;

/** {@code GET /api/export/verdicts}: the desk's verdicts as JSON, NDJSON, CSV or schema.org ClaimReview, streamed. */
@Path("/")
public class ExportResource {

    private final VerdictExporter exporter;
    private final RatingScale ratings;
    private final W3cLinks links;

    ExportResource(VerdictExporter exporter, RatingScale ratings, W3cLinks links) {
        this.exporter = exporter;
        this.ratings = ratings;
        this.links = links;
    }

    @GET
    @Path("/export/verdicts")
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response verdicts(@QueryParam("format") String format, @QueryParam("state") String state,
                             @QueryParam("articleId") String articleId, @QueryParam("since") String since,
                             @QueryParam("rating") String rating, @QueryParam("status") String status,
                             @Context UriInfo uriInfo) {
        ExportQuery query = ExportQuery.parse(format, state, articleId, since, rating, status, ratings);
        String base = links.of(uriInfo).root();
        StreamingOutput body = out -> exporter.write(query, base, out);
        String file = "verdicts-" + (query.publishedOnly() ? "published" : "all") + "-"
                + LocalDate.now(ZoneOffset.UTC) + "." + query.format().extension();
        return Response.ok(body, query.format().mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
