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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.OpenApiContract;
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
    @Operation(operationId = "listTopics", summary = "The topic tree, flattened in path order")
    @APIResponse(responseCode = "200", description = "one page of topics, in path order", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = TopicService.TopicView.class)))
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        return Paging.ok(service.list(), page, size, uri);
    }

    @GET
    @Path("/{slug}")
    @Operation(operationId = "getTopic", summary = "One topic, with its ETag (the version) for If-Match")
    @APIResponse(responseCode = "200", description = "the topic", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TopicService.TopicView.class)))
    public Response get(@Parameter(description = "a topic", example = "governance") @PathParam("slug") String slug) {
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
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "createTopic", summary = "Create a topic (curator); recorded as a revision")
    @APIResponse(responseCode = "201", description = "created", headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TopicService.TopicView.class)))
    public Response create(@NotNull TopicInput body, @Context UriInfo uri) {
        return writes.create(body, "", t -> view(Response.created(PublicUrls.of("api/topics/{slug}", t.slug)), t.slug));
    }

    @PUT
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "replaceTopic", summary = "Replace a topic (curator; If-Match required); recorded as a revision")
    @APIResponse(responseCode = "200", description = "replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TopicService.TopicView.class)))
    public Response put(@Parameter(description = "a topic", example = "governance") @PathParam("slug") String slug, @Parameter(required = true, description = "the current ETag of the record (GET it first)", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch, @NotNull TopicInput body) {
        return writes.update(slug, body, "", ifMatch, null, t -> view(Response.ok(), t.slug));
    }

    @DELETE
    @Path("/{slug}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "deleteTopic", summary = "Delete a topic (admin); 409 while questions or subtopics refer to it")
    @APIResponse(responseCode = "204", description = "deleted (recorded as a revision)")
    public Response delete(@Parameter(description = "a topic", example = "governance") @PathParam("slug") String slug, @Parameter(description = "checked when given: the current ETag of the record", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch, @Parameter(description = "why (recorded with the revision)") @QueryParam("reason") String reason) {
        writes.delete(slug, ifMatch, null, reason);
        return Response.noContent().build();
    }
}
