package org.labledger.answer;

import jakarta.inject.Inject;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.labledger.common.ApiException;
import org.labledger.history.RevisionService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import org.labledger.common.Negotiation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.PageResult;
import org.labledger.common.Paging;
import org.labledger.common.Params;
import org.labledger.common.CsvWriter;
import org.labledger.common.OpenApiContract;
import org.labledger.common.Preconditions;

import java.util.List;

@Path("/api")
@Tag(name = "answers")
public class AnswerResource {

    static final List<String> CSV_HEADER = List.of("id", "lab", "questionnaire", "question_key", "question_text", "topic", "status",
            "delivered", "answered_on", "updated_at", "summary", "source_urls");
    /** The largest CSV page (and the default size of a CSV): every answer of the dataset in one download, ~2 MB. */
    static final int CSV_MAX_SIZE = Paging.CSV_MAX_SIZE;
    static final String OFFSET_PAGE = Paging.OFFSET_PAGE;
    static final String CURSOR = Paging.CURSOR;

    @Inject
    AnswerService answers;
    @Inject
    AnswerWriteService writes;
    @Inject
    RevisionService revisions;

    @GET
    @Path("/answers")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(operationId = "listAnswers", summary = "Answers, filtered and paged (lab, topic with subtopics, status, questionnaire, question, delivered); "
            + "with Accept: text/csv, every matching answer as CSV")
    @APIResponse(responseCode = "200", description = "one page of answers (JSON or, with Accept: text/csv, CSV)", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AnswerService.AnswerRow.class)), @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    public Response list(@Parameter(description = "a lab (slug)", example = "anthropic") @QueryParam("lab") String lab, @Parameter(description = "a topic and the topics below it (slug)", example = "governance") @QueryParam("topic") String topic, @Parameter(description = "answer status; repeat or comma-separate for several", schema = @Schema(type = SchemaType.ARRAY, implementation = ResponseStatus.class), explode = Explode.TRUE) @QueryParam("status") List<String> status,
                         @Parameter(description = "a questionnaire (slug)", example = "ailabwatch-questions-to-labs") @QueryParam("questionnaire") String questionnaire, @Parameter(description = "a question (key)", example = "alw-multi-staff-safety-concerns-process") @QueryParam("question") String question,
                         @Parameter(description = "only answers that were (true) or were not (false) delivered", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("delivered") String delivered, @Parameter(description = OFFSET_PAGE) @QueryParam("page") String page, @QueryParam("size") String size,
                         @Parameter(description = CURSOR) @QueryParam("cursor") String cursor,
                         @Parameter(description = "true: start the CSV with a UTF-8 byte order mark (U+FEFF), so that Excel reads it as UTF-8; CSV only", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("bom") String bom,
                         @Context UriInfo uri, @Context HttpHeaders headers) {
        if (Negotiation.wantsCsv(headers)) {
            if (cursor != null) {
                throw ApiException.badParameter("cursor", "applies to the JSON list only; CSV pages by page and size");
            }
            return csv(lab, topic, status, questionnaire, question, delivered, page, size, bom, uri);
        }
        Params params = new Params();
        if (bom != null) {
            params.add("bom", "applies to CSV only (Accept: text/csv or /api/answers.csv)");
        }
        AnswerFilter filter = filter(params, lab, topic, status, questionnaire, question, delivered);
        return Paging.ok(params, page, size, cursor, (c, s) -> answers.rowsAfter(filter, c, s), (n, s) -> answers.rows(filter, n, s), uri);
    }

    @GET
    @Path("/answers/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getAnswer", summary = "One answer, with its ETag (the version) for If-Match")
    @APIResponse(responseCode = "200", description = "the answer", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerWriteService.AnswerDetail.class)))
    public Response get(@Parameter(description = "an answer", example = "38") @PathParam("id") long id) {
        AnswerWriteService.AnswerDetail a = writes.detail(id);
        return Response.ok(a).tag(Preconditions.entityTag(a.version())).build();
    }

    @PUT
    @Path("/answers/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "replaceAnswer", summary = "Replace an answer's state (If-Match required; a status change needs sourceUrl, sourceKey or reason); recorded as a revision")
    @APIResponse(responseCode = "200", description = "the answer as changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerWriteService.AnswerDetail.class)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerChange.class),
            examples = @ExampleObject(name = "partial", summary = "answer 38 (Meta, alw-meta-weights-release-threshold) becomes PARTIAL, with its evidence", value = "{\"status\": \"PARTIAL\", \"summary\": \"Meta says it would stop releasing weights above an unspecified risk threshold.\", \"sourceUrl\": \"https://example.org/meta-statement\", \"quote\": \"an unspecified risk threshold\", \"reason\": \"public statement, no figure given\"}")))
    public Response put(@Parameter(description = "an answer", example = "38") @PathParam("id") long id, @Parameter(required = true, description = "the current ETag of the record (GET it first)", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch, @NotNull AnswerChange change) {
        AnswerWriteService.AnswerDetail a = writes.update(id, change, "", ifMatch, null, writes::detail);
        return Response.ok(a).tag(Preconditions.entityTag(a.version())).build();
    }

    @PATCH
    @Path("/answers/{id}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "patchAnswer", summary = "Change some fields of an answer (JSON merge patch; If-Match required); recorded as a revision")
    @RequestBody(required = true, description = "RFC 7396 merge patch of AnswerChange: the fields to change, null removes one", content = {@Content(mediaType = "application/merge-patch+json", schema = @Schema(type = SchemaType.OBJECT)), @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "200", description = "the answer as changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerWriteService.AnswerDetail.class)))
    public Response patch(@Parameter(description = "an answer", example = "38") @PathParam("id") long id, @Parameter(required = true, description = "the current ETag of the record (GET it first)", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch, JsonNode patch) {
        AnswerWriteService.AnswerDetail a = writes.patch(id, patch, ifMatch, writes::detail);
        return Response.ok(a).tag(Preconditions.entityTag(a.version())).build();
    }

    @DELETE
    @Path("/answers/{id}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "deleteAnswer", summary = "Delete an answer (admin; If-Match required); the deletion is recorded as a revision")
    @APIResponse(responseCode = "204", description = "deleted (recorded as a revision)")
    public Response delete(@Parameter(description = "an answer", example = "38") @PathParam("id") long id, @Parameter(required = true, description = "the current ETag of the record (GET it first)", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch, @Parameter(description = "why (recorded with the revision)") @QueryParam("reason") String reason) {
        writes.delete(id, ifMatch, reason);
        return Response.noContent().build();
    }

    @GET
    @Path("/answers/{id}/history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listAnswerHistory", summary = "Every recorded change of the answer, oldest first: before/after, who, when, on what evidence")
    @APIResponse(responseCode = "200", description = "one page of the answer's revisions, oldest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = RevisionService.RevisionView.class)))
    public Response history(@Parameter(description = "an answer", example = "38") @PathParam("id") long id,
                            @Parameter(description = Paging.OFFSET_PAGE) @QueryParam("page") String page, @QueryParam("size") String size,
                            @Parameter(description = Paging.CURSOR) @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return Paging.ok(new org.labledger.common.Params(), page, size, cursor, (c, s) -> answers.historyAfter(id, c, s).rest(),
                (n, s) -> answers.history(id, n, s), uri);
    }

    public record Batch(@NotNull List<AnswerWriteService.BatchItem> items) {
    }

    @POST
    @Path("/answers/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "batchAnswers", summary = "Apply many answer changes atomically: each item names the answer (id, or question + lab), the version it was read at, and the new state; one bad item and none is applied")
    @APIResponse(responseCode = "200", description = "every item applied", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerWriteService.BatchResult.class)))
    public AnswerWriteService.BatchResult batch(@NotNull Batch batch) {
        List<AnswerWriteService.AnswerDetail> answers = writes.batch(batch.items(), writes::detail);
        return new AnswerWriteService.BatchResult(answers.size(), answers);
    }

    /**
     * Answers as CSV, paged like the JSON list (X-Total-Count, Link) but with pages of up to {@value #CSV_MAX_SIZE}
     * rows, the default: one download holds every answer of the dataset. Built in memory (at most ~2 MB), so that it
     * carries an ETag of its bytes like every other GET.
     */
    Response csv(String lab, String topic, List<String> status, String questionnaire, String question, String delivered,
                 String page, String size, String bom, UriInfo uri) {
        Params params = new Params();
        AnswerFilter filter = filter(params, lab, topic, status, questionnaire, question, delivered);
        int p = params.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int s = params.integer("size", size, CSV_MAX_SIZE, 1, CSV_MAX_SIZE);
        boolean withBom = CsvWriter.bom(params, bom);
        params.check();
        StringBuilder csv = new StringBuilder(CsvWriter.line(CSV_HEADER));
        // the CSV page (rows p*s .. p*s+s-1) read in chunks of c rows, c the largest divisor of s up to the JSON list's
        // largest page: chunk pages p*s/c .. (p+1)*s/c-1
        int c = Math.min(s, Paging.MAX_SIZE);
        while (s % c != 0) {
            c--;
        }
        long total = 0;
        for (long chunk = (long) p * (s / c); chunk < (long) (p + 1) * (s / c) && chunk <= Integer.MAX_VALUE; chunk++) {
            var rows = answers.rows(filter, (int) chunk, c);
            total = rows.totalItems();
            for (AnswerService.AnswerRow r : rows.items()) {
                csv.append(CsvWriter.line(java.util.Arrays.asList(r.id(), r.lab(), r.questionnaire(), r.question(), r.questionText(),
                        r.topic(), r.status(), r.delivered(), r.answeredOn() == null ? "" : r.answeredOn(),
                        r.updatedAt() == null ? "" : r.updatedAt().toString(), r.summary() == null ? "" : r.summary(),
                        String.join(" ", r.sourceUrls()))));
            }
            if (rows.items().size() < c) {
                break;
            }
        }
        Response paged = Paging.ok(PageResult.of(List.of(), p, s, total), uri);
        Response.ResponseBuilder b = CsvWriter.ok(csv.toString(), withBom, "answers.csv");
        paged.getHeaders().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        return b.build();
    }

    @GET
    @Path("/answers.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportAnswersCsv", summary = "The same CSV as GET /api/answers with Accept: text/csv")
    @APIResponse(responseCode = "200", description = "one page of matching answers (up to 10,000 rows: by default all of them), one CSV row each", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response csvPath(@Parameter(description = "a lab (slug)", example = "anthropic") @QueryParam("lab") String lab, @Parameter(description = "a topic and the topics below it (slug)", example = "governance") @QueryParam("topic") String topic, @Parameter(description = "answer status; repeat or comma-separate for several", schema = @Schema(type = SchemaType.ARRAY, implementation = ResponseStatus.class), explode = Explode.TRUE) @QueryParam("status") List<String> status,
                            @Parameter(description = "a questionnaire (slug)", example = "ailabwatch-questions-to-labs") @QueryParam("questionnaire") String questionnaire, @Parameter(description = "a question (key)", example = "alw-multi-staff-safety-concerns-process") @QueryParam("question") String question,
                            @Parameter(description = "only answers that were (true) or were not (false) delivered", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("delivered") String delivered, @QueryParam("page") String page, @QueryParam("size") String size,
                            @Parameter(description = "true: start the CSV with a UTF-8 byte order mark (U+FEFF), so that Excel reads it as UTF-8; CSV only", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("bom") String bom, @Context UriInfo uri) {
        return csv(lab, topic, status, questionnaire, question, delivered, page, size, bom, uri);
    }

    static AnswerFilter filter(Params params, String lab, String topic, List<String> status, String questionnaire, String question,
                               String delivered) {
        List<ResponseStatus> statuses = params.enums("status", status, ResponseStatus.class);
        Boolean d = null;
        if (delivered != null && !delivered.isBlank()) {
            if (delivered.equalsIgnoreCase("true") || delivered.equalsIgnoreCase("false")) {
                d = Boolean.parseBoolean(delivered);
            } else {
                params.add("delivered", "must be true or false, was '" + delivered + "'");
            }
        }
        return new AnswerFilter(Params.text(lab), Params.text(topic), statuses, Params.text(questionnaire), Params.text(question), d);
    }
}
