package org.labledger.source;

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
 * The figures and relative dates of any one record (a claim, an event, a provision, ...): provisions, agreements
 * and events also carry theirs in their own responses; this reaches those of every other kind of record.
 */
@Path("/api/qualified-values/{type}/{key}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sources")
public class QualifiedValuesResource {

    @Inject
    QualifiedValueService service;

    @GET
    @Operation(operationId = "getQualifiedValues", summary = "A record's figures (qualifier, measure, unit, the document's words) and relative dates (words, anchor, derived date); 404 for an unknown record, 400 for an unknown type")
    @APIResponse(responseCode = "200", description = "the record's figures and relative dates (both possibly empty)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QualifiedValueService.QualifiedValues.class)))
    public QualifiedValueService.QualifiedValues get(
            @Parameter(description = "the record's type: LAB, QUESTIONNAIRE, QUESTION, ANSWER, AGREEMENT, PROVISION, EVENT, SCORE, ENTITY or CLAIM", example = "CLAIM") @PathParam("type") String type,
            @Parameter(description = "the record's slug or key (an answer: questionKey/labSlug)", example = "c001-valuation-nearing-135b") @PathParam("key") String key) {
        return service.of(type, key);
    }
}
