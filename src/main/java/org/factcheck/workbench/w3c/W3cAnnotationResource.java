package org.factcheck.workbench.w3c;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import org.factcheck.workbench.shared.ETags;
import org.factcheck.workbench.shared.ProblemException;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.user.security.CurrentUser;
import org.factcheck.workbench.w3c.W3cDocuments.Row;
import org.factcheck.workbench.w3c.W3cDocuments.Totals;
import org.factcheck.workbench.w3c.W3cLinks.Links;

/**
 * The W3C Web Annotation Protocol: one annotation container per article, {@code /api/w3c/articles/{id}/annotations/},
 * paged with {@code ?page=N} (and {@code &iris=1} for pages of IRIs), and each annotation at
 * {@code /api/w3c/annotations/{id}}. (The {@code application/ld+json} answer of {@code GET /api/articles/{id}/annotations}
 * is in {@code AnnotationResource}, beside the JSON one, so that the two are negotiated.)
 */
@Path("/")
public class W3cAnnotationResource {

    private final W3cDocuments documents;
    private final W3cAnnotationService service;
    private final W3cLinks links;
    private final CurrentUser currentUser;
    private final W3cResponses responses;

    W3cAnnotationResource(W3cDocuments documents, W3cAnnotationService service, W3cLinks links, CurrentUser currentUser,
                          W3cResponses responses) {
        this.documents = documents;
        this.service = service;
        this.links = links;
        this.currentUser = currentUser;
        this.responses = responses;
    }

    @GET
    @Path("/w3c/articles/{articleId}/annotations/")
    @Produces({W3c.LD_JSON, MediaType.APPLICATION_JSON})
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response container(@PathParam("articleId") long articleId, @QueryParam("page") String page,
                              @QueryParam("iris") String iris, @Context UriInfo uriInfo, @Context HttpHeaders headers) {
        if (page == null && iris == null) {
            return responses.collection(articleId, true, uriInfo, headers);
        }
        int index = pageIndex(page);
        Prefer.Contained contained = contained(iris);
        Links l = links.of(uriInfo);
        Totals totals = documents.totals(articleId);
        ObjectNode doc = documents.page(totals, index, contained, l, true);
        return responses.representation(doc, headers, "Accept")
                .header("Allow", W3c.PAGE_ALLOW)
                .build();
    }

    @OPTIONS
    @Path("/w3c/articles/{articleId}/annotations/")
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response containerOptions(@PathParam("articleId") long articleId) {
        documents.totals(articleId);
        return Response.noContent()
                .header("Allow", W3c.CONTAINER_ALLOW)
                .header("Accept-Post", W3c.MEDIA_TYPE)
                .header("Link", W3c.CONTAINER_LINKS)
                .build();
    }

    @POST
    @Path("/w3c/articles/{articleId}/annotations/")
    @Consumes({W3c.LD_JSON, MediaType.APPLICATION_JSON})
    @Produces({W3c.LD_JSON, MediaType.APPLICATION_JSON})
    @RolesAllowed(Role.ANALYST_ROLE)
    public Response create(@PathParam("articleId") long articleId, byte[] body, @Context UriInfo uriInfo,
                           @Context HttpHeaders headers) throws IOException {
        Links l = links.of(uriInfo);
        Row row = service.create(articleId, responses.json(body), l, currentUser.get());
        return responses.written(Response.status(Response.Status.CREATED).location(URI.create(l.annotation(row.id()))), row, l, headers);
    }

    @GET
    @Path("/w3c/annotations/{id}")
    @Produces({W3c.LD_JSON, MediaType.APPLICATION_JSON})
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response annotation(@PathParam("id") long id, @Context UriInfo uriInfo, @Context HttpHeaders headers) {
        Row row = documents.row(id);
        return Response.ok(responses.bytes(documents.annotation(row, links.of(uriInfo))), W3cResponses.mediaType(headers))
                .tag(ETags.of(row.version()))
                .header("Link", W3c.RESOURCE_LINK)
                .header("Allow", W3c.ANNOTATION_ALLOW)
                .header("Vary", "Accept")
                .build();
    }

    @OPTIONS
    @Path("/w3c/annotations/{id}")
    @RolesAllowed(Role.VIEWER_ROLE)
    public Response annotationOptions(@PathParam("id") long id) {
        documents.row(id);
        return Response.noContent()
                .header("Allow", W3c.ANNOTATION_ALLOW)
                .header("Link", W3c.RESOURCE_LINK)
                .build();
    }

    /** Replaces the target and the claim of an annotation; needs If-Match with its ETag (428 without, 412 when stale). */
    @PUT
    @Path("/w3c/annotations/{id}")
    @Consumes({W3c.LD_JSON, MediaType.APPLICATION_JSON})
    @Produces({W3c.LD_JSON, MediaType.APPLICATION_JSON})
    @RolesAllowed(Role.ANALYST_ROLE)
    public Response replace(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, byte[] body,
                            @Context UriInfo uriInfo, @Context HttpHeaders headers) throws IOException {
        Links l = links.of(uriInfo);
        JsonNode doc = responses.json(body);
        Row row = service.replace(id, ifMatch, doc, l, currentUser.get());
        return responses.written(Response.ok(), row, l, headers);
    }

    /** Deletes an annotation; If-Match is optional, and when sent must name the current version (412 otherwise). */
    @DELETE
    @Path("/w3c/annotations/{id}")
    @RolesAllowed(Role.ANALYST_ROLE)
    public Response delete(@PathParam("id") long id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(id, ifMatch, currentUser.get());
        return Response.noContent().build();
    }

    private static int pageIndex(String page) {
        if (page == null) {
            return 0;
        }
        if (!page.matches("[0-9]{1,6}")) {
            throw ProblemException.invalidField("page", "must be a page number, 0 for the first page");
        }
        return Integer.parseInt(page);
    }

    private static Prefer.Contained contained(String iris) {
        if (iris == null || iris.equals("0")) {
            return Prefer.Contained.DESCRIPTIONS;
        }
        if (iris.equals("1")) {
            return Prefer.Contained.IRIS;
        }
        throw ProblemException.invalidField("iris", "must be 1 (the annotations' addresses only) or 0 (their descriptions)");
    }

}
