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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.Params;
import org.labledger.common.CsvWriter;

import java.math.BigDecimal;
import java.util.List;

@Path("/api")
@Tag(name = "scorecards")
public class ScorecardResource {

    static final List<String> CSV_HEADER = List.of("lab", "topic", "topic_path", "total", "answered", "partial", "unanswered",
            "not_delivered", "response_rate", "answered_rate");

    @Inject
    ScorecardService scorecards;

    @GET
    @Path("/scorecards")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Every lab's scorecard (a lab × topic matrix), optionally for one topic subtree or questionnaire; "
            + "with Accept: text/csv, as CSV: one row per lab overall (empty topic), then one per lab and topic")
    public Response list(@QueryParam("topic") String topic, @QueryParam("questionnaire") String questionnaire,
                         @QueryParam("asOf") String asOf, @QueryParam("bom") String bom, @Context HttpHeaders headers) {
        boolean csv = Negotiation.wantsCsv(headers);
        boolean withBom = bom(csv, bom);
        List<ScorecardService.Scorecard> cards = scorecards.scorecards(null, Params.text(topic), Params.text(questionnaire),
                org.labledger.history.RevisionService.timestamp("asOf", asOf));
        return csv ? csv(cards, "scorecards.csv", withBom) : Response.ok(cards, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/scorecards.csv")
    @Produces("text/csv")
    @Operation(summary = "The same CSV as GET /api/scorecards with Accept: text/csv")
    public Response csvPath(@QueryParam("topic") String topic, @QueryParam("questionnaire") String questionnaire,
                            @QueryParam("asOf") String asOf, @QueryParam("bom") String bom) {
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
                plain(c.responseRate()), plain(c.answeredRate())));
    }

    private static String plain(BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }
}
