package org.labledger.answer;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The comparison of two questionnaires' answers, under the questionnaires' path (tagged with them). A root class
 * with the full path: Quarkus REST routes to the root class with the longest matching path, and this one is longer
 * than QuestionnaireResource's {@code /api/questionnaires}.
 */
@Path("/api/questionnaires/{a}/compare/{b}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "questionnaires")
public class QuestionnaireComparisonResource {

    @Inject
    QuestionnaireComparison comparison;

    @GET
    @Operation(operationId = "compareQuestionnaires", summary = "Compare two questionnaires (e.g. FMTI editions) over the questions they share, matched by normalised text: per lab answered counts in each and the delta; questions only in one")
    @APIResponse(responseCode = "200", description = "the comparison", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuestionnaireComparison.Comparison.class)))
    public QuestionnaireComparison.Comparison compare(@Parameter(description = "the first questionnaire", example = "ailabwatch-questions-to-labs") @PathParam("a") String a, @Parameter(description = "the second questionnaire", example = "akash-policy-lobbying-questions") @PathParam("b") String b) {
        return comparison.compare(a, b);
    }
}
