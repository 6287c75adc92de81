package org.labledger.reply;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.OpenApiContract;

import java.util.List;

/**
 * The allow-list of a lab's representatives (admin): the token subjects that may act for the lab. Removing one
 * revokes it at once, whatever tokens it holds, without rotating any key. A root resource of its own (as
 * LabScorecardResource), since the lab room knows nothing of replies.
 */
@Path("/api/labs/{slug}/representatives")
@Tag(name = "reply")
public class RepresentativeResource {

    @Inject
    ReplyService replies;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "listLabRepresentatives", summary = "The token subjects allowed to act for the lab (admin), by subject")
    @APIResponse(responseCode = "200", description = "the lab's representatives", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ReplyService.Representative.class)))
    public Response list(@Parameter(description = "a lab", example = "anthropic") @PathParam("slug") String slug) {
        List<ReplyService.Representative> all = replies.representatives(slug);
        return Response.ok(all).header("Cache-Control", ReplyResource.PRIVATE).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "addLabRepresentative", summary = "Allow a token subject to act for the lab (admin); recorded as a revision")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RepresentativeInput.class)))
    @APIResponse(responseCode = "200", description = "the representative added", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplyService.Representative.class)))
    public ReplyService.Representative add(@Parameter(description = "a lab", example = "anthropic") @PathParam("slug") String slug, RepresentativeInput in) {
        if (in == null) {
            throw org.labledger.common.ApiException.badRequest("the body is required: {\"subject\": \"...\"}");
        }
        return replies.addRepresentative(slug, in);
    }

    @DELETE
    @Path("/{subject}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "removeLabRepresentative", summary = "Revoke a representative (admin): its tokens are refused from the next request on; recorded as a revision")
    @APIResponse(responseCode = "204", description = "revoked")
    public Response remove(@Parameter(description = "a lab", example = "anthropic") @PathParam("slug") String slug,
                           @Parameter(description = "the token subject", example = "jane@anthropic.example") @PathParam("subject") String subject,
                           @Parameter(description = "why (recorded with the revision)") @QueryParam("reason") String reason) {
        replies.removeRepresentative(slug, subject, reason);
        return Response.noContent().build();
    }
}
