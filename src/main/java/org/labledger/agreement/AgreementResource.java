package org.labledger.agreement;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.Params;
import org.labledger.common.Preconditions;
import org.labledger.common.PublicUrls;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.labledger.common.OpenApiContract;
import org.labledger.common.Paging;

@Path("/api/agreements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agreements")
public class AgreementResource {

    @Inject
    AgreementService service;
    @Inject
    AgreementWriteService writes;

    @GET
    @Operation(operationId = "listAgreements", summary = "Agreements between labs as a timeline of version chains (each version its own entry, linked by supersedes/supersededBy; chains by earliest known date)")
    @APIResponse(responseCode = "200", description = "one page of agreement versions, timeline order", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AgreementService.AgreementSummary.class)))
    public Response list(@Parameter(description = "only agreements this lab is party to", example = "openai") @QueryParam("lab") String lab,
                         @Parameter(description = "only this kind", schema = @Schema(implementation = AgreementKind.class)) @QueryParam("kind") String kind,
                         @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        Params params = new Params();
        AgreementKind k = params.oneEnum("kind", kind, AgreementKind.class);
        int p = Paging.page(params, page);
        int s = Paging.size(params, size);
        params.check();
        return Paging.ok(Paging.slice(service.list(Params.text(lab), k), p, s), uri);
    }

    @GET
    @Path("/{slug}")
    @Operation(operationId = "getAgreement", summary = "One agreement version: parties, provisions with figures and validity, the whole version chain, sources")
    @APIResponse(responseCode = "200", description = "the agreement version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementService.AgreementDetail.class)))
    public Response get(@Parameter(description = "an agreement version", example = "microsoft-openai-definitive-agreement") @PathParam("slug") String slug) {
        return view(Response.ok(), slug);
    }

    @GET
    @Path("/{from}/diff/{to}")
    @Operation(operationId = "diffAgreements", summary = "What changed between two versions of one agreement: added, removed, modified (before/after), continued, unchanged; read from the provisions' lineage links")
    @APIResponse(responseCode = "200", description = "the changes from `from` to the later version `to`", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementService.DiffView.class)))
    @APIResponse(responseCode = "422", description = "Unprocessable Content: the two are the same version, `to` is the earlier one, or they are not versions of one supersedes chain", content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public AgreementService.DiffView diff(@Parameter(description = "the earlier version", example = "microsoft-openai-2019") @PathParam("from") String from,
                                          @Parameter(description = "a later version of the same agreement", example = "microsoft-openai-definitive-agreement") @PathParam("to") String to) {
        return service.diff(from, to);
    }

    private Response view(Response.ResponseBuilder b, String slug) {
        AgreementService.AgreementDetail d = service.get(slug);
        return b.entity(d).tag(Preconditions.entityTag(d.version())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "createAgreement", summary = "Create an agreement version with its parties (curator); recorded as a revision")
    @APIResponse(responseCode = "201", description = "created", headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementService.AgreementDetail.class)))
    public Response create(@NotNull AgreementInput body, @Context UriInfo uri) {
        return writes.create(body, "", a -> view(Response.created(PublicUrls.of("api/agreements/{slug}", a.slug)), a.slug));
    }

    @PUT
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "replaceAgreement", summary = "Replace an agreement and its parties (curator; If-Match required); recorded as a revision")
    @APIResponse(responseCode = "200", description = "replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementService.AgreementDetail.class)))
    public Response put(@Parameter(description = "an agreement version", example = "microsoft-openai-definitive-agreement") @PathParam("slug") String slug, @Parameter(required = true, description = "the current ETag of the record (GET it first)", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch, @NotNull AgreementInput body) {
        return writes.update(slug, body, "", ifMatch, null, a -> view(Response.ok(), a.slug));
    }

    @DELETE
    @Path("/{slug}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "deleteAgreement", summary = "Delete an agreement (admin); 409 while provisions, events or a later version refer to it")
    @APIResponse(responseCode = "204", description = "deleted (recorded as a revision)")
    public Response delete(@Parameter(description = "an agreement version", example = "microsoft-openai-definitive-agreement") @PathParam("slug") String slug, @Parameter(description = "checked when given: the current ETag of the record", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch, @Parameter(description = "why (recorded with the revision)") @QueryParam("reason") String reason) {
        writes.delete(slug, ifMatch, null, reason);
        return Response.noContent().build();
    }

    private Response provision(Response.ResponseBuilder b, String slug, Provision p) {
        AgreementService.ProvisionView v = service.get(slug).provisions().stream().filter(x -> x.key().equals(p.key)).findFirst().orElseThrow();
        return b.entity(v).tag(Preconditions.entityTag(p.version)).build();
    }

    @GET
    @Path("/{slug}/provisions/{key}")
    @Operation(operationId = "getProvision", summary = "One provision, with its ETag (the version) for If-Match")
    @APIResponse(responseCode = "200", description = "the provision", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementService.ProvisionView.class)))
    public Response getProvision(@Parameter(description = "an agreement version", example = "microsoft-openai-definitive-agreement") @PathParam("slug") String slug, @Parameter(description = "a provision of it", example = "microsoft-openai-definitive-agreement-stake") @PathParam("key") String key) {
        return provision(Response.ok(), slug, writes.requireProvision(slug, key));
    }

    @GET
    @Path("/{slug}/provisions/{key}/state")
    @Operation(operationId = "getProvisionAsOf", summary = "The provision as the change history says it stood at asOf (its recorded snapshot, with lineage, heldEntity and figures; one never changed since the seed import: its current one); 404 when it did not exist then")
    @APIResponse(responseCode = "200", description = "the provision's state then", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = org.labledger.history.RevisionService.PastRecord.class)))
    public org.labledger.history.RevisionService.PastRecord provisionAsOf(@Parameter(description = "an agreement version", example = "microsoft-openai-definitive-agreement") @PathParam("slug") String slug,
                                                                          @Parameter(description = "a provision of it (also one deleted since)", example = "microsoft-openai-definitive-agreement-stake") @PathParam("key") String key,
                                                                          @Parameter(required = true, description = "the time (ISO-8601 date or date-time)", example = "2026-01-01T00:00:00Z") @QueryParam("asOf") String asOf) {
        return writes.provisionAsOf(slug, key, asOf);
    }

    @POST
    @Path("/{slug}/provisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "createProvision", summary = "Add a provision to an agreement (curator); recorded as a revision")
    @APIResponse(responseCode = "201", description = "created", headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementService.ProvisionView.class)))
    public Response addProvision(@Parameter(description = "an agreement version", example = "microsoft-openai-definitive-agreement") @PathParam("slug") String slug, @NotNull ProvisionInput body, @Context UriInfo uri) {
        return writes.addProvision(slug, body, "",
                p -> provision(Response.created(PublicUrls.of("api/agreements/{slug}/provisions/{key}", slug, p.key)), slug, p));
    }

    @PUT
    @Path("/{slug}/provisions/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "replaceProvision", summary = "Replace a provision (curator; If-Match required); recorded as a revision")
    @APIResponse(responseCode = "200", description = "replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgreementService.ProvisionView.class)))
    public Response putProvision(@Parameter(description = "an agreement version", example = "microsoft-openai-definitive-agreement") @PathParam("slug") String slug, @Parameter(description = "a provision of it", example = "microsoft-openai-definitive-agreement-stake") @PathParam("key") String key, @Parameter(required = true, description = "the current ETag of the record (GET it first)", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch,
                                 @NotNull ProvisionInput body) {
        return writes.updateProvision(slug, key, body, "", ifMatch, null, p -> provision(Response.ok(), slug, p));
    }

    @DELETE
    @Path("/{slug}/provisions/{key}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "deleteProvision", summary = "Delete a provision and its citations (admin); recorded as a revision")
    @APIResponse(responseCode = "204", description = "deleted (recorded as a revision)")
    public Response deleteProvision(@Parameter(description = "an agreement version", example = "microsoft-openai-definitive-agreement") @PathParam("slug") String slug, @Parameter(description = "a provision of it", example = "microsoft-openai-definitive-agreement-stake") @PathParam("key") String key, @Parameter(description = "checked when given: the current ETag of the record", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch,
                                    @Parameter(description = "why (recorded with the revision)") @QueryParam("reason") String reason) {
        writes.deleteProvision(slug, key, ifMatch, null, reason);
        return Response.noContent().build();
    }
}
