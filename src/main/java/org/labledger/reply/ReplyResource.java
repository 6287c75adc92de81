package org.labledger.reply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.OpenApiContract;
import org.labledger.common.Paging;
import org.labledger.common.Params;
import org.labledger.common.Problem;
import org.labledger.common.ProblemMappers;
import org.labledger.common.PublicUrls;

import java.nio.charset.StandardCharsets;

/** The right of reply over REST: a lab's inbox and submissions, the curators' queue and decisions. */
@Path("/api/reply")
@Tag(name = "reply")
public class ReplyResource {

    /** Responses meant for one caller (a lab's inbox, a pending submission): no shared cache may keep them. */
    static final String PRIVATE = "private, no-store";

    @Inject
    ReplyService replies;
    @Inject
    ObjectMapper mapper;

    @GET
    @Path("/questions")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("lab")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "listReplyInbox", summary = "The caller's lab's inbox (lab token): the questions put to it, with their status, the questionnaire's reply-by date and whether the reply is overdue; paged")
    @APIResponse(responseCode = "200", description = "one page of the questions put to the lab", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ReplyService.InboxItem.class)))
    public Response inbox(@Parameter(description = Paging.OFFSET_PAGE) @QueryParam("page") String page, @QueryParam("size") String size,
                          @Parameter(description = Paging.CURSOR) @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return Response.fromResponse(Paging.ok(new Params(), page, size, cursor, (c, s) -> replies.inboxAfter(c, s).rest(), replies::inbox, uri))
                .header("Cache-Control", PRIVATE).build();
    }

    @POST
    @Path("/submissions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("lab")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "submitReply", summary = "Submit a reply to a question put to the caller's lab, a correction of its answer or a dispute of a claim about it (lab token); "
            + "stored verbatim, never changed (a re-submission is a new version); answered with a signed receipt")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplyInput.class),
            examples = @ExampleObject(name = "reply", value = "{\"kind\": \"REPLY\", \"question\": \"alw-anthropic-ltbt-fifth-board-member\", \"status\": \"ANSWERED\", \"statement\": \"Our statement ...\", \"links\": [\"https://example.org/statement\"], \"respondent\": \"Head of Policy\", \"capacity\": \"OFFICIAL\"}")))
    @APIResponse(responseCode = "201", description = "the receipt: SHA-256 of the canonical form (RFC 8785), the time received and a JWS by the service (verify with /.well-known/jwks.json)",
            headers = @Header(name = "Location", ref = "Location"), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplyService.Receipt.class)))
    @APIResponse(responseCode = "429", description = "Too Many Requests: the lab sent its allowance of submissions in the window; retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", ref = "RetryAfter"), content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response submit(String body) {
        if (body == null || body.isBlank()) {
            throw org.labledger.common.ApiException.badRequest("the body is required: a submission (JSON)");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > replies.maxBytes()) {
            throw new ReplyErrors.TooLarge("the submission is larger than the limit of " + replies.maxBytes() + " bytes");
        }
        ReplyInput in;
        try {
            in = mapper.readValue(body, ReplyInput.class);
        } catch (JsonMappingException e) {
            throw ProblemMappers.invalidBody(e);
        } catch (JsonProcessingException e) {
            throw ProblemMappers.malformed(e);
        }
        if (in == null) {
            throw org.labledger.common.ApiException.badRequest("the body is required: a submission (JSON)");
        }
        ReplyService.Receipt r = replies.submit(in, "");
        return Response.created(PublicUrls.of("/api/reply/submissions/{id}", r.id())).entity(r).build();
    }

    @GET
    @Path("/submissions")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"curator", "lab"})
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "listReplySubmissions", summary = "Submissions, newest first, paged: the curators' queue (state=pending) and every lab's; a lab token sees its own lab's only")
    @APIResponse(responseCode = "200", description = "one page of submissions", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ReplyService.SubmissionView.class)))
    public Response list(@Parameter(description = "pending, accepted, judged or rejected", example = "pending") @QueryParam("state") String state,
                         @Parameter(description = "one lab (slug); a lab token may name its own only", example = "anthropic") @QueryParam("lab") String lab,
                         @Parameter(description = Paging.OFFSET_PAGE) @QueryParam("page") String page, @QueryParam("size") String size,
                         @Parameter(description = Paging.CURSOR) @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        Params params = new Params();
        ReplySubmission.State st = params.oneEnum("state", state == null ? null : state.trim().toUpperCase(), ReplySubmission.State.class);
        String l = Params.text(lab);
        return Response.fromResponse(Paging.ok(params, page, size, cursor, (c, s) -> replies.listAfter(st, l, c, s), (n, s) -> replies.list(st, l, n, s), uri))
                .header("Cache-Control", PRIVATE).build();
    }

    @GET
    @Path("/submissions/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getReplySubmission", summary = "One submission with its receipt and every version on the same target: public once reviewed (an abusive one's text withheld); "
            + "before that, for its lab and the curators only")
    @APIResponse(responseCode = "200", description = "the submission", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplyService.SubmissionView.class)))
    public Response get(@Parameter(description = "a submission", example = "1") @PathParam("id") long id) {
        ReplyService.SubmissionView v = replies.view(id);
        Response.ResponseBuilder b = Response.ok(v);
        if (v.state() == ReplySubmission.State.PENDING || v.rejection() == ReplySubmission.Rejection.ABUSE) {
            b.header("Cache-Control", PRIVATE);
        }
        return b.build();
    }

    @POST
    @Path("/submissions/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "decideReplySubmission", summary = "Decide on a pending submission (curator), once: ACCEPT (a reply or correction becomes the lab's answer, kind LAB_REPLY, capacity OFFICIAL), "
            + "JUDGE (the same with the curator's status beside the lab's) or REJECT with a public reason; recorded as revisions")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DecisionInput.class),
            examples = @ExampleObject(name = "accept", value = "{\"decision\": \"ACCEPT\", \"reason\": \"the lab's official reply\"}")))
    @APIResponse(responseCode = "200", description = "the submission as decided", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplyService.SubmissionView.class)))
    public ReplyService.SubmissionView decide(@Parameter(description = "a submission", example = "1") @PathParam("id") long id, DecisionInput in) {
        if (in == null) {
            throw org.labledger.common.ApiException.badRequest("the body is required: a decision (JSON)");
        }
        return replies.decide(id, in, "");
    }
}
