package org.factcheck.workbench.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.factcheck.workbench.export.ClaimImporter.ImportReport;
import org.factcheck.workbench.export.ClaimImporter.LineResult;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.user.security.CurrentUser;

/**
 * {@code POST /api/import/claims}: an NDJSON verdict export (one claim per line) read back into this desk, onto the
 * articles with the same text. Admins only: it publishes verdicts without a second reviewer. Each line is its own
 * transaction and gets its own result.
 */
@Path("/")
public class ClaimImportResource {

    private static final int MAX_LINES = 100_000;

    private final ClaimImporter importer;
    private final CurrentUser currentUser;
    private final ObjectMapper mapper;

    ClaimImportResource(ClaimImporter importer, CurrentUser currentUser, ObjectMapper mapper) {
        this.importer = importer;
        this.currentUser = currentUser;
        this.mapper = mapper;
    }

    @POST
    @Path("/import/claims")
    @Consumes({"application/x-ndjson", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_ROLE)
    public ImportReport importClaims(InputStream body) throws IOException {
        List<LineResult> results = new ArrayList<>();
        int imported = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (number > MAX_LINES) {
                    throw ProblemException.badRequest("at most " + MAX_LINES + " lines per import");
                }
                try {
                    ExportRecord record = mapper.readValue(line, ExportRecord.class);
                    long claimId = importer.importRecord(record, currentUser.get());
                    results.add(new LineResult(number, 201, claimId, null));
                    imported++;
                } catch (ProblemException e) {
                    results.add(new LineResult(number, e.status(), null, e.getMessage()));
                } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
                    String field = org.factcheck.workbench.shared.JsonPaths.of(e.getPath());
                    results.add(new LineResult(number, 400, null, "not a claim record of a verdict export"
                            + (field.isEmpty() ? "" : ": the field " + field + " is not valid")));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    results.add(new LineResult(number, 400, null, "the line is not JSON"));
                }
            }
        }
        if (results.isEmpty()) {
            throw ProblemException.badRequest("the body holds no record; send an NDJSON export (one claim per line)");
        }
        return new ImportReport(results, imported, results.size() - imported);
    }
}
