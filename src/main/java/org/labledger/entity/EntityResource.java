package org.labledger.entity;

import jakarta.inject.Inject;
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

    @GET
    @Path("/entities")
    @Operation(operationId = "listEntities", summary = "Named entities (people, organisations, publications, legal entities, models, products, unnamed commenters), "
            + "by slug, paged; kind filters")
    @APIResponse(responseCode = "200", description = "one page of named entities, by slug", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = EntityService.EntityView.class)))
    public Response list(@Parameter(description = "only entities of this kind", example = "PERSON", schema = @Schema(implementation = EntityKind.class)) @QueryParam("kind") String kind, @QueryParam("page") String page, @QueryParam("size") String size,
                         @Context UriInfo uri) {
        Params params = new Params();
        EntityKind k = params.oneEnum("kind", kind, EntityKind.class);
        return page(params, k, page, size, uri);
    }

    @GET
    @Path("/people")
    @Operation(operationId = "listPeople", summary = "The named entities of kind PERSON, by slug, paged")
    @APIResponse(responseCode = "200", description = "one page of people, by slug", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = EntityService.EntityView.class)))
    public Response people(@QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        return page(new Params(), EntityKind.PERSON, page, size, uri);
    }

    @GET
    @Path("/entities/{slug}")
    @Operation(operationId = "getEntity", summary = "One named entity with its aliases (document spellings and curator inferences), citations and the claims it makes")
    public EntityService.EntityDetail get(@Parameter(description = "a named entity", example = "elon-musk") @PathParam("slug") String slug) {
        return service.detail(slug);
    }

    private Response page(Params params, EntityKind kind, String page, String size, UriInfo uri) {
        int p = params.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int s = params.integer("size", size, Paging.DEFAULT_SIZE, 1, Paging.MAX_SIZE);
        params.check();
        return Paging.ok(service.list(kind, p, s), uri);
    }
}
