package org.factcheck.workbench.article;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.factcheck.workbench.article.ArticleImportService.ImportReport;
import org.factcheck.workbench.article.ArticleImportService.Upload;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.user.security.CurrentUser;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** {@code POST /api/articles/import}: one or many .txt, .md or .html files in one multipart request. */
@Path("/")
public class ArticleImportResource {

    private final ArticleImportService imports;
    private final CurrentUser currentUser;

    ArticleImportResource(ArticleImportService imports, CurrentUser currentUser) {
        this.imports = imports;
        this.currentUser = currentUser;
    }

    @POST
    @Path("/articles/import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ANALYST_ROLE)
    public ImportReport importFiles(@RestForm(FileUpload.ALL) List<FileUpload> files) {
        List<Upload> uploads = files == null ? List.of() : files.stream()
                .map(f -> new Upload(f.fileName(), f.contentType(), f.uploadedFile(), f.size())).toList();
        return imports.importAll(uploads, currentUser.get());
    }
}
