package org.labledger.answer;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.Negotiation;
import org.labledger.common.Params;
import org.labledger.history.RevisionService;
import org.labledger.lab.Lab;
import org.labledger.lab.LabService;

import java.util.List;

/**
 * One lab's scorecard, under the lab's path (tagged with the labs): here, with the answers it counts, because the
 * lab room knows nothing of answers. A root resource of its own, not methods of {@code @Path("/api")} classes:
 * Quarkus REST picks the root class with the longest matching path, and {@code /api/labs} (LabResource) would win
 * and answer 404. For the same reason the {@code .csv} path is a root of its own ({@link CsvPath}): a class path
 * matches only up to a '/', and {@code scorecard.csv} is not {@code scorecard/...}.
 */
@Path("/api/labs/{slug}/scorecard")
@Tag(name = "labs")
public class LabScorecardResource {

    @Inject
    ScorecardService scorecards;
    @Inject
    LabService labs;

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(operationId = "getLabScorecard", summary = "How the lab responded: counts by status and response rate, overall, per topic and per root topic "
            + "(with Accept: text/csv, as CSV)")
    @APIResponse(responseCode = "200", description = "the lab's scorecard", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScorecardService.Scorecard.class)), @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))})
    public Response scorecard(@Parameter(description = "a lab", example = "anthropic") @PathParam("slug") String slug,
                              @Parameter(description = "only this topic and the topics below it") @QueryParam("topic") String topic,
                              @Parameter(description = "only questions of this questionnaire") @QueryParam("questionnaire") String questionnaire,
                              @Parameter(description = "the scorecard as it stood at this time (ISO-8601), from the change history", example = "2026-01-01T00:00:00Z") @QueryParam("asOf") String asOf,
                              @Parameter(description = "true: start the CSV with a UTF-8 byte order mark (U+FEFF), so that Excel reads it as UTF-8; CSV only", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("bom") String bom, @Context HttpHeaders headers) {
        boolean csv = Negotiation.wantsCsv(headers);
        boolean withBom = ScorecardResource.bom(csv, bom);
        ScorecardService.Scorecard card = card(slug, topic, questionnaire, asOf);
        return csv ? ScorecardResource.csv(List.of(card), slug + "-scorecard.csv", withBom)
                : Response.ok(card, MediaType.APPLICATION_JSON).build();
    }

    ScorecardService.Scorecard card(String slug, String topic, String questionnaire, String asOf) {
        Long id = Lab.idBySlug(slug);
        if (id == null) {
            labs.require(slug); // the same 404 as every other lab path
        }
        return scorecards.scorecards(List.of(id), Params.text(topic), Params.text(questionnaire),
                RevisionService.timestamp("asOf", asOf)).get(0);
    }

    @Path("/api/labs/{slug}/scorecard.csv")
    @Tag(name = "labs")
    public static class CsvPath {

        @Inject
        LabScorecardResource cards;

        @GET
        @Produces("text/csv")
        @Operation(operationId = "exportLabScorecardCsv", summary = "The same CSV as GET /api/labs/{slug}/scorecard with Accept: text/csv")
        @APIResponse(responseCode = "200", description = "the lab's scorecard as CSV", content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
        public Response scorecardCsvPath(@Parameter(description = "a lab", example = "anthropic") @PathParam("slug") String slug, @Parameter(description = "a topic and the topics below it (slug)", example = "governance") @QueryParam("topic") String topic,
                                         @Parameter(description = "a questionnaire (slug)", example = "ailabwatch-questions-to-labs") @QueryParam("questionnaire") String questionnaire, @Parameter(description = "the scorecard as it stood at this time (ISO-8601 date or date-time), rebuilt from the change history", example = "2026-01-01T00:00:00Z") @QueryParam("asOf") String asOf,
                                         @Parameter(description = "true: start the CSV with a UTF-8 byte order mark (U+FEFF), so that Excel reads it as UTF-8; CSV only", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("bom") String bom) {
            boolean withBom = ScorecardResource.bom(true, bom);
            return ScorecardResource.csv(List.of(cards.card(slug, topic, questionnaire, asOf)), slug + "-scorecard.csv", withBom);
        }
    }
}
