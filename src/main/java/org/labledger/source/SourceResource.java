package org.labledger.source;

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

@Path("/api/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sources")
public class SourceResource {

    @Inject
    SourceService service;
    @Inject
    SourceWriteService writes;

    @GET
    @Operation(operationId = "listSources", summary = "All source documents, with how many facts cite each")
    @APIResponse(responseCode = "200", description = "one page of sources", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = SourceService.SourceView.class)))
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        return Paging.ok(service.list(), page, size, uri);
    }

    @GET
    @Path("/{key}")
    @Operation(operationId = "getSource", summary = "One source document, with its ETag (the version) for If-Match")
    @APIResponse(responseCode = "200", description = "the source", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SourceService.SourceView.class)))
    public Response get(@Parameter(description = "a source", example = "article-microsoft-openai-saga") @PathParam("key") String key) {
        SourceService.SourceView v = service.get(key);
        return view(Response.ok(), v, writes.require(key).version);
    }

    private static Response view(Response.ResponseBuilder b, SourceService.SourceView v, int version) {
        return b.entity(v).tag(Preconditions.entityTag(version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "createSource", summary = "Create a source document (curator); recorded as a revision")
    @APIResponse(responseCode = "201", description = "created", headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SourceService.SourceView.class)))
    public Response create(@NotNull SourceInput body, @Context UriInfo uri) {
        return writes.create(body, "", s -> view(Response.created(PublicUrls.of("api/sources/{key}", s.key)), service.get(s.key), s.version));
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "replaceSource", summary = "Replace a source document (curator; If-Match required); recorded as a revision")
    @APIResponse(responseCode = "200", description = "replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SourceService.SourceView.class)))
    public Response put(@Parameter(description = "a source", example = "article-microsoft-openai-saga") @PathParam("key") String key, @Parameter(required = true, description = "the current ETag of the record (GET it first)", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch, @NotNull SourceInput body) {
        return writes.update(key, body, "", ifMatch, null, s -> view(Response.ok(), service.get(s.key), s.version));
    }

    @DELETE
    @Path("/{key}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "deleteSource", summary = "Delete a source (admin); 409 while citations, questionnaires or other sources refer to it")
    @APIResponse(responseCode = "204", description = "deleted (recorded as a revision)")
    public Response delete(@Parameter(description = "a source", example = "article-microsoft-openai-saga") @PathParam("key") String key, @Parameter(description = "checked when given: the current ETag of the record", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch, @Parameter(description = "why (recorded with the revision)") @QueryParam("reason") String reason) {
        writes.delete(key, ifMatch, null, reason);
        return Response.noContent().build();
    }
}
