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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.Params;
import org.labledger.common.CsvWriter;
import org.labledger.common.Paging;

import java.math.BigDecimal;
import java.util.List;

@Path("/api")
@Tag(name = "scorecards")
public class ScorecardResource {

    static final List<String> CSV_HEADER = List.of("lab", "topic", "topic_path", "total", "answered", "partial", "unanswered",
            "not_delivered", "response_rate", "answered_rate", "unknown_delivery", "answered_by_lab", "answered_per_curator");

    @Inject
    ScorecardService scorecards;

    @GET
    @Path("/scorecards")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(operationId = "listScorecards", summary = "Every lab's scorecard (a lab × topic matrix), optionally for one topic subtree or questionnaire; "
            + "with Accept: text/csv, as CSV: one row per lab overall (empty topic), then one per lab and topic")
    @APIResponse(responseCode = "200", description = "one page of the labs' scorecards (JSON), or the whole matrix (CSV)", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ScorecardService.Scorecard.class)), @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    public Response list(@Parameter(description = "a topic and the topics below it (slug)", example = "governance") @QueryParam("topic") String topic, @Parameter(description = "a questionnaire (slug)", example = "ailabwatch-questions-to-labs") @QueryParam("questionnaire") String questionnaire,
                         @Parameter(description = "the scorecards as they stood at this time (ISO-8601 date or date-time), rebuilt from the change history: the labs the ledger held then, with their answers as they stood", example = "2026-01-01T00:00:00Z") @QueryParam("asOf") String asOf, @QueryParam("page") String page, @QueryParam("size") String size,
                         @Parameter(description = "true: start the CSV with a UTF-8 byte order mark (U+FEFF), so that Excel reads it as UTF-8; CSV only", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("bom") String bom, @Context HttpHeaders headers, @Context UriInfo uri) {
        boolean csv = Negotiation.wantsCsv(headers);
        boolean withBom = bom(csv, bom);
        List<ScorecardService.Scorecard> cards = scorecards.scorecards(null, Params.text(topic), Params.text(questionnaire),
                org.labledger.history.RevisionService.timestamp("asOf", asOf));
        // CSV is the whole matrix; JSON is paged like every other list
        return csv ? csv(cards, "scorecards.csv", withBom) : Paging.ok(cards, page, size, uri);
    }

    @GET
    @Path("/scorecards.csv")
    @Produces("text/csv")
    @Operation(operationId = "exportScorecardsCsv", summary = "The same CSV as GET /api/scorecards with Accept: text/csv")
    @APIResponse(responseCode = "200", description = "the lab x topic matrix as CSV", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response csvPath(@Parameter(description = "a topic and the topics below it (slug)", example = "governance") @QueryParam("topic") String topic, @Parameter(description = "a questionnaire (slug)", example = "ailabwatch-questions-to-labs") @QueryParam("questionnaire") String questionnaire,
                            @Parameter(description = "the scorecards as they stood at this time (ISO-8601 date or date-time), rebuilt from the change history: the labs the ledger held then, with their answers as they stood", example = "2026-01-01T00:00:00Z") @QueryParam("asOf") String asOf,
                            @Parameter(description = "true: start the CSV with a UTF-8 byte order mark (U+FEFF), so that Excel reads it as UTF-8; CSV only", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("bom") String bom) {
        boolean withBom = bom(true, bom);
        return csv(scorecards.scorecards(null, Params.text(topic), Params.text(questionnaire),
                org.labledger.history.RevisionService.timestamp("asOf", asOf)), "scorecards.csv", withBom);
    }

    /** The {@code bom} parameter: for CSV only (400 on a JSON request), true or false. */
    static boolean bom(boolean csv, String bom) {
        Params params = new Params();
        boolean withBom = CsvWriter.bom(params, bom);
        if (!csv && bom != null) {
            params.add("bom", "applies to CSV only (Accept: text/csv or the .csv path)");
        }
        params.check();
        return withBom;
    }

    /** Scorecards as CSV: one row per lab overall (empty topic), then one per lab and topic. */
    public static Response csv(List<ScorecardService.Scorecard> cards, String fileName, boolean bom) {
        StringBuilder sb = new StringBuilder(CsvWriter.line(CSV_HEADER));
        for (ScorecardService.Scorecard card : cards) {
            sb.append(row(card.lab(), "", "", card.counts()));
            for (ScorecardService.TopicScore t : card.topics()) {
                sb.append(row(card.lab(), t.topic(), String.join(" > ", t.path()), t.counts()));
            }
        }
        return CsvWriter.ok(sb.toString(), bom, fileName).build();
    }

    private static String row(String lab, String topic, String path, ScorecardService.Counts c) {
        return CsvWriter.line(List.of(lab, topic, path, c.total(), c.answered(), c.partial(), c.unanswered(), c.notDelivered(),
                plain(c.responseRate()), plain(c.answeredRate()), c.unknownDelivery(), c.answeredByLab(), c.answeredPerCurator()));
    }

    private static String plain(BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }
}
