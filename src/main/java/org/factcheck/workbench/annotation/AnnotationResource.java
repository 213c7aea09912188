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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.factcheck.workbench.annotation.AnnotationViews.AnnotationList;
import org.factcheck.workbench.annotation.AnnotationViews.AnnotationView;
import org.factcheck.workbench.annotation.AnnotationViews.CreateAnnotationRequest;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.user.security.CurrentUser;
import org.factcheck.workbench.w3c.W3c;
import org.factcheck.workbench.w3c.W3cResponses;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AnnotationResource {

    private final AnnotationService annotations;
    private final CurrentUser currentUser;
    private final W3cResponses w3c;

    AnnotationResource(AnnotationService annotations, CurrentUser currentUser, W3cResponses w3c) {
        this.annotations = annotations;
        this.currentUser = currentUser;
        this.w3c = w3c;
    }

    @GET
    @Path("/articles/{articleId}/annotations")
    @RolesAllowed(Role.VIEWER_ROLE)
    @APIResponse(responseCode = "200", description = "The article's highlights in reading order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnnotationList.class)))
    public Response list(@PathParam("articleId") long articleId) {
        // The address has a second representation (application/ld+json below): caches must key on Accept.
        return Response.ok(annotations.listJson(articleId), MediaType.APPLICATION_JSON_TYPE).header("Vary", "Accept").build();
    }

    /**
     * The same highlights as a W3C Web Annotation {@code AnnotationCollection}, for {@code Accept: application/ld+json}
     * (the JSON list above stays the answer for {@code application/json} and for no preference).
     */
    @GET
    @Path("/articles/{articleId}/annotations")
    @Produces(W3c.LD_JSON)
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response listAsW3cCollection(@PathParam("articleId") long articleId, @Context UriInfo uriInfo,
                                        @Context HttpHeaders headers) {
        return w3c.collection(articleId, false, uriInfo, headers);
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
