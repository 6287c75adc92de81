package org.labledger.reply;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.ApiException;

import java.util.List;

/** The lab's replies and corrections on an answer, as reviewed, with their receipts (beside AnswerResource's /api/answers routes). */
@Path("/api")
@Tag(name = "reply")
public class LabReplyResource {

    @Inject
    ReplyService replies;

    @GET
    @Path("/answers/{id}/lab-replies")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAnswerLabReplies", summary = "Replies and corrections from the lab on this answer, as reviewed (newest first, at most 100), each with its receipt")
    @APIResponse(responseCode = "200", description = "the lab's reviewed submissions on the answer", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ReplyService.SubmissionView.class)))
    public List<ReplyService.SubmissionView> answer(@Parameter(description = "an answer", example = "38") @PathParam("id") long id) {
        if (org.labledger.answer.Answer.findById(id) == null) {
            throw ApiException.notFound("answer", String.valueOf(id));
        }
        return replies.published("answer", id);
    }
}
