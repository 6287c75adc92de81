package org.labledger.claim;

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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.Paging;
import org.labledger.common.Params;
import org.labledger.source.SubjectType;

import java.util.List;

@Path("/api/claims")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "claims")
public class ClaimResource {

    @Inject
    ClaimService service;
    @Inject
    ClaimWriteService writes;

    @GET
    @Operation(operationId = "listClaims", summary = "Claims (who said what, with what stance and certainty), by key, paged; filters: about, claimant, stance, "
            + "certainty, disputed")
    @APIResponse(responseCode = "200", description = "one page of claims, by key", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ClaimService.ClaimView.class)))
    public Response list(
            @Parameter(description = "The record the claims are about, as type:key, e.g. event:bing-chat-launch-early-gpt-4, "
                    + "answer:questionKey/labSlug; types: lab, agreement, provision, event, question, answer", example = "lab:openai")
            @QueryParam("about") String about,
            @Parameter(description = "The claimant's entity slug", example = "elon-musk") @QueryParam("claimant") String claimant,
            @Parameter(description = "Stances, repeated or comma-separated", schema = @Schema(type = SchemaType.ARRAY, implementation = ClaimStance.class)) @QueryParam("stance") List<String> stance,
            @Parameter(description = "Certainties, repeated or comma-separated", schema = @Schema(type = SchemaType.ARRAY, implementation = ClaimCertainty.class)) @QueryParam("certainty") List<String> certainty,
            @Parameter(description = "true: only claims another claim disputes, contradicts or denies; false: only the others", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("disputed") String disputed,
            @Parameter(description = Paging.OFFSET_PAGE) @QueryParam("page") String page, @QueryParam("size") String size,
            @Parameter(description = Paging.CURSOR) @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        Params params = new Params();
        SubjectType aboutType = null;
        String aboutKey = null;
        String a = Params.text(about);
        if (a != null) {
            int colon = a.indexOf(':');
            if (colon <= 0 || colon == a.length() - 1) {
                params.add("about", "'" + a + "' is not type:key (e.g. event:bing-chat-launch-early-gpt-4); types: " + ClaimService.aboutTypes());
            } else {
                aboutType = params.oneEnum("about", a.substring(0, colon), SubjectType.class);
                aboutKey = a.substring(colon + 1).trim();
                if (aboutType != null && !ClaimService.ABOUT_TYPES.contains(aboutType)) {
                    params.add("about", "a claim cannot be about a " + aboutType + "; types: " + ClaimService.aboutTypes());
                    aboutType = null;
                }
            }
        }
        List<ClaimStance> stances = params.enums("stance", stance, ClaimStance.class);
        List<ClaimCertainty> certainties = params.enums("certainty", certainty, ClaimCertainty.class);
        Boolean disp = null;
        String d = Params.text(disputed);
        if (d != null) {
            if (d.equalsIgnoreCase("true") || d.equalsIgnoreCase("false")) {
                disp = Boolean.parseBoolean(d.toLowerCase());
            } else {
                params.add("disputed", "must be true or false, was '" + d + "'");
            }
        }
        ClaimFilter filter = new ClaimFilter(aboutType, aboutKey, Params.text(claimant), stances, certainties, disp);
        return Paging.ok(params, page, size, cursor, (c, s) -> service.listAfter(filter, c, s), (n, s) -> service.list(filter, n, s), uri);
    }

    @GET
    @Path("/{key}")
    @Operation(operationId = "getClaim", summary = "One claim with its claimant, subject, citations, what it disputes (disputes), what disputes it (disputedBy) and the records it supports; its ETag (the version) for If-Match")
    @APIResponse(responseCode = "200", description = "the claim", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClaimService.ClaimView.class)))
    public Response get(@Parameter(description = "a claim", example = "c002-musk-control") @PathParam("key") String key) {
        return view(Response.ok(), key);
    }

    @GET
    @Path("/{key}/state")
    @Operation(operationId = "getClaimAsOf", summary = "The claim as the change history says it stood at asOf (its recorded snapshot; a claim never changed since the seed import: its current one); 404 when it did not exist then")
    @APIResponse(responseCode = "200", description = "the claim's state then", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = org.labledger.history.RevisionService.PastRecord.class)))
    public org.labledger.history.RevisionService.PastRecord asOf(@Parameter(description = "a claim (also one deleted since)", example = "c002-musk-control") @PathParam("key") String key,
                                                                 @Parameter(required = true, description = "the time (ISO-8601 date or date-time)", example = "2026-01-01T00:00:00Z") @QueryParam("asOf") String asOf) {
        return writes.asOf(key, asOf);
    }

    private Response view(Response.ResponseBuilder b, String key) {
        Claim c = writes.require(key);
        return b.entity(service.detail(key)).tag(org.labledger.common.Preconditions.entityTag(c.version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "createClaim", summary = "Create a claim with its links to other claims, the records it supports and its citations (curator); recorded as a revision")
    @APIResponse(responseCode = "201", description = "created", headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClaimService.ClaimView.class)))
    public Response create(@NotNull ClaimInput body) {
        return writes.create(body, "", c -> view(Response.created(PublicUrls.of("api/claims/{key}", c.key)), c.key));
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "replaceClaim", summary = "Replace a claim, its links, supported records and citations (curator; If-Match required); recorded as a revision")
    @APIResponse(responseCode = "200", description = "replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClaimService.ClaimView.class)))
    public Response put(@Parameter(description = "a claim", example = "c002-musk-control") @PathParam("key") String key,
                        @Parameter(required = true, description = "the current ETag of the record (GET it first)", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch, @NotNull ClaimInput body) {
        return writes.update(key, body, "", ifMatch, null, c -> view(Response.ok(), c.key));
    }

    @DELETE
    @Path("/{key}")
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "deleteClaim", summary = "Delete a claim with its citations (curator); 409 while other claims link to it; recorded as a revision")
    @APIResponse(responseCode = "204", description = "deleted (recorded as a revision)")
    public Response delete(@Parameter(description = "a claim", example = "c002-musk-control") @PathParam("key") String key,
                           @Parameter(description = "checked when given: the current ETag of the record", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch,
                           @Parameter(description = "why (recorded with the revision)") @QueryParam("reason") String reason) {
        writes.delete(key, ifMatch, null, reason);
        return Response.noContent().build();
    }
}
