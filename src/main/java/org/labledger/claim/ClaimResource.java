package org.labledger.claim;

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
            @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
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
        int p = params.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int s = params.integer("size", size, Paging.DEFAULT_SIZE, 1, Paging.MAX_SIZE);
        params.check();
        return Paging.ok(service.list(new ClaimFilter(aboutType, aboutKey, Params.text(claimant), stances, certainties, disp), p, s), uri);
    }

    @GET
    @Path("/{key}")
    @Operation(operationId = "getClaim", summary = "One claim with its claimant, subject, citations, what it disputes (disputes) and what disputes it (disputedBy)")
    public ClaimService.ClaimView get(@Parameter(description = "a claim", example = "c002-musk-control") @PathParam("key") String key) {
        return service.detail(key);
    }
}
