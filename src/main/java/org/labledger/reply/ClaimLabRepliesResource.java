package org.labledger.reply;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.claim.Claim;
import org.labledger.common.ApiException;
import org.labledger.common.PublicUrls;
import org.labledger.common.TextRules;
import org.labledger.lab.Lab;

import java.time.format.DateTimeFormatter;
import java.util.List;

/** The lab's disputes of a claim, as reviewed: a root resource of its own, since ClaimResource owns /api/claims. */
@Path("/api/claims/{key}/lab-replies")
@Tag(name = "reply")
public class ClaimLabRepliesResource {

    @Inject
    ReplyService replies;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listClaimLabReplies", summary = "Disputes of this claim by the lab it is about, as reviewed (newest first, at most 100), each with its receipt")
    @APIResponse(responseCode = "200", description = "the lab's reviewed disputes of the claim", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ReplyService.SubmissionView.class)))
    public List<ReplyService.SubmissionView> claim(@Parameter(description = "a claim", example = "claim-key") @PathParam("key") String key) {
        Claim c = Claim.findByKey(key);
        if (c == null) {
            throw ApiException.notFound("claim", key);
        }
        return replies.published("claim", c.id);
    }

}
