package org.factcheck.workbench.export;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.factcheck.workbench.user.Role;
import org.jboss.logging.Logger;

/** The desk as one archive: {@code GET /api/admin/archive} to back it up, {@code POST} to restore into an empty desk. */
@Path("/")
public class ArchiveResource {

    private static final Logger LOG = Logger.getLogger(ArchiveResource.class);

    private final DeskArchive archive;
    private final DeskRestore restore;

    ArchiveResource(DeskArchive archive, DeskRestore restore) {
        this.archive = archive;
        this.restore = restore;
    }

    @GET
    @Path("/admin/archive")
    @RolesAllowed(Role.ADMIN_ROLE)
    public Response download() {
        StreamingOutput body = archive::write;
        return Response.ok(body, "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"workbench-archive-" + LocalDate.now(ZoneOffset.UTC) + ".ndjson\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("/admin/archive")
    @Consumes({"application/x-ndjson", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_ROLE)
    public DeskRestore.Summary upload(InputStream body) throws IOException {
        DeskRestore.Summary summary = restore.restore(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
        LOG.infof("Desk restored from an archive: %s", summary);
        return summary;
    }
}
