package org.labledger.lab;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.Negotiation;
import org.labledger.common.OpenApiContract;
import org.labledger.common.Paging;
import org.labledger.common.Params;
import org.labledger.common.Preconditions;
import org.labledger.common.PublicUrls;

@Path("/api/labs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "labs")
public class LabResource {

    @Inject
    LabService labs;
    @Inject
    LabWriteService writes;

    @GET
    @Operation(operationId = "listLabs", summary = "All labs and organisations, with how many questions were put to each and how many agreements each is party to")
    @APIResponse(responseCode = "200", description = "one page of labs, by slug", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = LabService.LabSummary.class)))
    public Response list(@Parameter(description = "only labs of this kind", example = "FRONTIER_LAB", schema = @Schema(implementation = LabKind.class)) @QueryParam("kind") String kind,
                         @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        Params params = new Params();
        LabKind k = params.oneEnum("kind", kind, LabKind.class);
        params.check();
        return Paging.ok(labs.list(k), page, size, uri);
    }

    @GET
    @Path("/{slug}")
    @Operation(operationId = "getLab", summary = "One lab: aliases, parent and children, counts, third-party scores, sources")
    @APIResponse(responseCode = "200", description = "the lab", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LabService.LabDetail.class)))
    public Response get(@Parameter(description = "a lab", example = "anthropic") @PathParam("slug") String slug) {
        return withTag(Response.ok(), labs.get(slug));
    }

    static Response withTag(Response.ResponseBuilder b, LabService.LabDetail d) {
        return b.entity(d).tag(Preconditions.entityTag(d.version())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "createLab", summary = "Create a lab (admin); recorded as a revision")
    @APIResponse(responseCode = "201", description = "created", headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LabService.LabDetail.class)))
    public Response create(@NotNull LabInput body, @Context UriInfo uri) {
        return writes.create(body, "", l -> withTag(Response.created(PublicUrls.of("api/labs/{slug}", l.slug)), labs.get(l.slug)));
    }

    @PUT
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "replaceLab", summary = "Replace a lab (admin; If-Match required); recorded as a revision")
    @APIResponse(responseCode = "200", description = "replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LabService.LabDetail.class)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LabInput.class),
            examples = @ExampleObject(name = "anthropic", summary = "the seed record of Anthropic, re-sent unchanged", value = "{\"slug\": \"anthropic\", \"name\": \"Anthropic\", \"kind\": \"FRONTIER_LAB\", \"aliases\": []}")))
    public Response put(@Parameter(description = "a lab", example = "anthropic") @PathParam("slug") String slug, @Parameter(required = true, description = "the current ETag of the record (GET it first)", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch,
                        @NotNull LabInput body) {
        return writes.update(slug, body, "", ifMatch, null, l -> withTag(Response.ok(), labs.get(l.slug)));
    }

    @PATCH
    @Path("/{slug}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "patchLab", summary = "Change some fields of a lab (JSON merge patch; admin; If-Match required); recorded as a revision")
    @RequestBody(required = true, description = "RFC 7396 merge patch of LabInput: the fields to change, null removes one", content = {@Content(mediaType = "application/merge-patch+json", schema = @Schema(type = SchemaType.OBJECT)), @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "200", description = "changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LabService.LabDetail.class)))
    public Response patch(@Parameter(description = "a lab", example = "anthropic") @PathParam("slug") String slug, @Parameter(required = true, description = "the current ETag of the record (GET it first)", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch,
                          JsonNode body) {
        return writes.patch(slug, body, ifMatch, l -> withTag(Response.ok(), labs.get(l.slug)));
    }

    @DELETE
    @Path("/{slug}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "deleteLab", summary = "Delete a lab (admin; If-Match checked when given); 409 while answers, agreements, provisions, child labs, scores or events refer to it")
    @APIResponse(responseCode = "204", description = "deleted (recorded as a revision)")
    public Response delete(@Parameter(description = "a lab", example = "anthropic") @PathParam("slug") String slug, @Parameter(description = "checked when given: the current ETag of the record", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch,
                           @Parameter(description = "why (recorded with the revision)") @QueryParam("reason") String reason) {
        writes.delete(slug, ifMatch, null, reason);
        return Response.noContent().build();
    }

}
