package org.labledger.answer;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import org.labledger.common.Negotiation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.Paging;
import org.labledger.common.Params;
import org.labledger.importer.Csv;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

@Path("/api")
@Tag(name = "answers")
public class AnswerResource {

    static final List<String> CSV_HEADER = List.of("lab", "questionnaire", "question_key", "topic", "status", "delivered", "date", "source_urls");

    @Inject
    AnswerService answers;

    @GET
    @Path("/answers")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Answers, filtered and paged (lab, topic with subtopics, status, questionnaire, question, delivered); "
            + "with Accept: text/csv, every matching answer as CSV")
    public Response list(@QueryParam("lab") String lab, @QueryParam("topic") String topic, @QueryParam("status") List<String> status,
                         @QueryParam("questionnaire") String questionnaire, @QueryParam("question") String question,
                         @QueryParam("delivered") String delivered, @QueryParam("page") String page, @QueryParam("size") String size,
                         @Context UriInfo uri, @Context HttpHeaders headers) {
        if (Negotiation.wantsCsv(headers)) {
            return csv(lab, topic, status, questionnaire, question, delivered);
        }
        Params params = new Params();
        AnswerFilter filter = filter(params, lab, topic, status, questionnaire, question, delivered);
        int p = params.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int s = params.integer("size", size, Paging.DEFAULT_SIZE, 1, Paging.MAX_SIZE);
        params.check();
        return Paging.ok(answers.rows(filter, p, s), uri);
    }

    Response csv(@QueryParam("lab") String lab, @QueryParam("topic") String topic, @QueryParam("status") List<String> status,
                        @QueryParam("questionnaire") String questionnaire, @QueryParam("question") String question,
                        @QueryParam("delivered") String delivered) {
        Params params = new Params();
        AnswerFilter filter = filter(params, lab, topic, status, questionnaire, question, delivered);
        params.check();
        answers.searchIds(filter, 0, 1); // reject unknown lab/topic/... before streaming starts
        StreamingOutput body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(Csv.line(CSV_HEADER));
            for (int page = 0; ; page++) {
                var rows = answers.rows(filter, page, Paging.MAX_SIZE);
                for (AnswerService.AnswerRow r : rows.items()) {
                    w.write(Csv.line(List.of(r.lab(), r.questionnaire(), r.question(), r.topic(), r.status(), r.delivered(),
                            r.answeredOn() == null ? "" : r.answeredOn(), String.join(" ", r.sourceUrls()))));
                }
                if (page + 1 >= rows.totalPages()) {
                    break;
                }
            }
            w.flush();
        };
        return Response.ok(body, "text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"answers.csv\"").build();
    }

    @GET
    @Path("/answers.csv")
    @Produces("text/csv")
    @Operation(summary = "The same CSV as GET /api/answers with Accept: text/csv")
    public Response csvPath(@QueryParam("lab") String lab, @QueryParam("topic") String topic, @QueryParam("status") List<String> status,
                            @QueryParam("questionnaire") String questionnaire, @QueryParam("question") String question,
                            @QueryParam("delivered") String delivered) {
        return csv(lab, topic, status, questionnaire, question, delivered);
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
