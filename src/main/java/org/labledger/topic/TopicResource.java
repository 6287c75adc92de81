package org.labledger.topic;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.Paging;

import org.labledger.common.Preconditions;
import org.labledger.common.PublicUrls;

@Path("/api/topics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "topics")
public class TopicResource {

    @Inject
    TopicService service;
    @Inject
    TopicWriteService writes;

    @GET
    @Operation(summary = "The topic tree, flattened in path order")
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        return Paging.ok(service.list(), page, size, uri);
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "One topic, with its ETag (the version) for If-Match")
    public Response get(@PathParam("slug") String slug) {
        return view(Response.ok(), writes.require(slug).slug);
    }

    private Response view(Response.ResponseBuilder b, String slug) {
        TopicService.Tree tree = service.tree();
        Topic t = tree.bySlug(slug);
        return b.entity(tree.view(t)).tag(Preconditions.entityTag(t.version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Create a topic (curator); recorded as a revision")
    public Response create(@NotNull TopicInput body, @Context UriInfo uri) {
        return writes.create(body, "", t -> view(Response.created(PublicUrls.of("api/topics/{slug}", t.slug)), t.slug));
    }

    @PUT
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Replace a topic (curator; If-Match required); recorded as a revision")
    public Response put(@PathParam("slug") String slug, @HeaderParam("If-Match") String ifMatch, @NotNull TopicInput body) {
        return writes.update(slug, body, "", ifMatch, null, t -> view(Response.ok(), t.slug));
    }

    @DELETE
    @Path("/{slug}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Delete a topic (admin); 409 while questions or subtopics refer to it")
    public Response delete(@PathParam("slug") String slug, @HeaderParam("If-Match") String ifMatch, @QueryParam("reason") String reason) {
        writes.delete(slug, ifMatch, null, reason);
        return Response.noContent().build();
    }
}
