package org.factcheck.workbench.export;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.factcheck.workbench.claim.RatingScale;
import org.factcheck.workbench.user.Role;

/** {@code GET /api/export/verdicts}: the desk's verdicts as JSON, NDJSON, CSV or schema.org ClaimReview, streamed. */
@Path("/")
public class ExportResource {

    private final VerdictExporter exporter;
    private final RatingScale ratings;

    ExportResource(VerdictExporter exporter, RatingScale ratings) {
        this.exporter = exporter;
        this.ratings = ratings;
    }

    @GET
    @Path("/export/verdicts")
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response verdicts(@QueryParam("format") String format, @QueryParam("state") String state,
                             @QueryParam("articleId") String articleId, @QueryParam("since") String since,
                             @QueryParam("rating") String rating, @QueryParam("status") String status) {
        ExportQuery query = ExportQuery.parse(format, state, articleId, since, rating, status, ratings);
        StreamingOutput body = out -> exporter.write(query, out);
        String file = "verdicts-" + (query.publishedOnly() ? "published" : "all") + "-"
                + LocalDate.now(ZoneOffset.UTC) + "." + query.format().extension();
        return Response.ok(body, query.format().mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
