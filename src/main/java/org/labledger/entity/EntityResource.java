package org.labledger.entity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.labledger.common.OpenApiContract;
import org.labledger.common.PublicUrls;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.labledger.common.Paging;
import org.labledger.common.Params;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "entities")
public class EntityResource {

    @Inject
    EntityService service;
    @Inject
    EntityWriteService writes;

    @GET
    @Path("/entities")
    @Operation(operationId = "listEntities", summary = "Named entities (people, organisations, publications, legal entities, models, products, unnamed commenters), "
            + "by slug, paged; kind filters")
    @APIResponse(responseCode = "200", description = "one page of named entities, by slug", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = EntityService.EntityView.class)))
    public Response list(@Parameter(description = "only entities of this kind", example = "PERSON", schema = @Schema(implementation = EntityKind.class)) @QueryParam("kind") String kind,
                         @Parameter(description = Paging.OFFSET_PAGE) @QueryParam("page") String page, @QueryParam("size") String size,
                         @Parameter(description = Paging.CURSOR) @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        Params params = new Params();
        EntityKind k = params.oneEnum("kind", kind, EntityKind.class);
        return page(params, k, page, size, cursor, uri);
    }

    @GET
    @Path("/people")
    @Operation(operationId = "listPeople", summary = "The named entities of kind PERSON, by slug, paged")
    @APIResponse(responseCode = "200", description = "one page of people, by slug", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = EntityService.EntityView.class)))
    public Response people(@Parameter(description = Paging.OFFSET_PAGE) @QueryParam("page") String page, @QueryParam("size") String size,
                           @Parameter(description = Paging.CURSOR) @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return page(new Params(), EntityKind.PERSON, page, size, cursor, uri);
    }

    @GET
    @Path("/entities/{slug}")
    @Operation(operationId = "getEntity", summary = "One named entity with its aliases and citations; its ETag (the version) for If-Match")
    @APIResponse(responseCode = "200", description = "the entity", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntityService.EntityDetail.class)))
    public Response get(@Parameter(description = "a named entity", example = "elon-musk") @PathParam("slug") String slug) {
        return view(Response.ok(), slug);
    }

    @GET
    @Path("/entities/{slug}/state")
    @Operation(operationId = "getEntityAsOf", summary = "The entity as the change history says it stood at asOf (its recorded snapshot; an entity never changed since the seed import: its current one); 404 when it did not exist then")
    @APIResponse(responseCode = "200", description = "the entity's state then", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = org.labledger.history.RevisionService.PastRecord.class)))
    public org.labledger.history.RevisionService.PastRecord asOf(@Parameter(description = "a named entity (also one deleted since)", example = "elon-musk") @PathParam("slug") String slug,
                                                                 @Parameter(required = true, description = "the time (ISO-8601 date or date-time)", example = "2026-01-01T00:00:00Z") @QueryParam("asOf") String asOf) {
        return writes.asOf(slug, asOf);
    }

    private Response view(Response.ResponseBuilder b, String slug) {
        NamedEntity e = writes.require(slug);
        return b.entity(service.detail(slug)).tag(org.labledger.common.Preconditions.entityTag(e.version)).build();
    }

    @POST
    @Path("/entities")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "createEntity", summary = "Create a named entity with its aliases and citations (curator); recorded as a revision")
    @APIResponse(responseCode = "201", description = "created", headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntityService.EntityDetail.class)))
    public Response create(@NotNull EntityInput body) {
        return writes.create(body, "", e -> view(Response.created(PublicUrls.of("api/entities/{slug}", e.slug)), e.slug));
    }

    @PUT
    @Path("/entities/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "replaceEntity", summary = "Replace a named entity, its aliases and citations (curator; If-Match required); recorded as a revision")
    @APIResponse(responseCode = "200", description = "replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntityService.EntityDetail.class)))
    public Response put(@Parameter(description = "a named entity", example = "elon-musk") @PathParam("slug") String slug,
                        @Parameter(required = true, description = "the current ETag of the record (GET it first)", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch, @NotNull EntityInput body) {
        return writes.update(slug, body, "", ifMatch, null, e -> view(Response.ok(), e.slug));
    }

    @DELETE
    @Path("/entities/{slug}")
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "deleteEntity", summary = "Delete a named entity with its citations (curator); 409 while claims name it as claimant; recorded as a revision")
    @APIResponse(responseCode = "204", description = "deleted (recorded as a revision)")
    public Response delete(@Parameter(description = "a named entity", example = "elon-musk") @PathParam("slug") String slug,
                           @Parameter(description = "checked when given: the current ETag of the record", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch,
                           @Parameter(description = "why (recorded with the revision)") @QueryParam("reason") String reason) {
        writes.delete(slug, ifMatch, null, reason);
        return Response.noContent().build();
    }

    private Response page(Params params, EntityKind kind, String page, String size, String cursor, UriInfo uri) {
        return Paging.ok(params, page, size, cursor, (c, s) -> service.listAfter(kind, c, s), (n, s) -> service.list(kind, n, s), uri);
    }
}
