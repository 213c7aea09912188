package org.factcheck.workbench.annotation;

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
import org.factcheck.workbench.annotation.AnnotationViews.AnnotationList;
import org.factcheck.workbench.annotation.AnnotationViews.AnnotationView;
import org.factcheck.workbench.annotation.AnnotationViews.CreateAnnotationRequest;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.user.security.CurrentUser;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AnnotationResource {

    private final AnnotationService annotations;
    private final CurrentUser currentUser;

    AnnotationResource(AnnotationService annotations, CurrentUser currentUser) {
        this.annotations = annotations;
        this.currentUser = currentUser;
    }

    @GET
    @Path("/articles/{articleId}/annotations")
    @RolesAllowed(Role.VIEWER_ROLE)
    public AnnotationList list(@PathParam("articleId") long articleId) {
        return annotations.list(articleId);
    }

    @POST
    @Path("/articles/{articleId}/annotations")
    @RolesAllowed(Role.ANALYST_ROLE)
    public Response create(@PathParam("articleId") long articleId, @NotNull CreateAnnotationRequest request) {
        AnnotationView created = annotations.create(articleId, request, currentUser.get());
        return Response.created(URI.create("annotations/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/annotations/{id}")
    @RolesAllowed(Role.VIEWER_ROLE)
    public AnnotationView get(@PathParam("id") long id) {
        return annotations.get(id);
    }

    @DELETE
    @Path("/annotations/{id}")
    @RolesAllowed(Role.ANALYST_ROLE)
    public Response delete(@PathParam("id") long id) {
        annotations.delete(id, currentUser.get());
        return Response.noContent().build();
    }
}
