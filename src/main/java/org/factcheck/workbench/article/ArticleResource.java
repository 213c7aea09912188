package org.factcheck.workbench.article;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.factcheck.workbench.article.ArticleViews.ArticlePage;
import org.factcheck.workbench.article.ArticleViews.ArticleView;
import org.factcheck.workbench.article.ArticleViews.CreateArticleRequest;
import org.factcheck.workbench.user.Role;
import org.factcheck.workbench.user.security.CurrentUser;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ArticleResource {

    private final ArticleService articles;
    private final CurrentUser currentUser;

    ArticleResource(ArticleService articles, CurrentUser currentUser) {
        this.articles = articles;
        this.currentUser = currentUser;
    }

    @GET
    @Path("/articles")
    @RolesAllowed(Role.VIEWER_ROLE)
    public ArticlePage list(@QueryParam("q") String q, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return articles.list(q, limit, cursor);
    }

    @POST
    @Path("/articles")
    @RolesAllowed(Role.ANALYST_ROLE)
    public Response create(@Valid @NotNull CreateArticleRequest request) {
        ArticleView created = articles.create(request, currentUser.get());
        return Response.created(URI.create("articles/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/articles/{id}")
    @RolesAllowed(Role.VIEWER_ROLE)
    public ArticleView get(@PathParam("id") long id) {
        return articles.get(id);
    }

    @DELETE
    @Path("/articles/{id}")
    @RolesAllowed(Role.ADMIN_ROLE)
    public Response delete(@PathParam("id") long id) {
        articles.delete(id, currentUser.get());
        return Response.noContent().build();
    }
}
