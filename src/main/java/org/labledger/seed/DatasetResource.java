package org.labledger.seed;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.ApiException;
import org.labledger.history.RevisionService;

import java.time.OffsetDateTime;
import java.util.Optional;

@Path("/api/export")
@Tag(name = "datasets")
public class DatasetResource {

    @Inject
    DatasetExporter exporter;
    @Inject
    PastDatasets past;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportDataset", summary = "The whole dataset in the seeds/ JSON format (importable with POST /api/imports/dataset); with asOf, as it stood then, when that state is recorded exactly (now, or a release's snapshot: GET /api/releases)")
    @APIResponse(responseCode = "200", description = "the whole dataset (Content-Disposition: attachment)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SeedDocument.class)))
    @APIResponse(responseCode = "422", description = "asOf names a time whose state is not recorded exactly (the ledger changed between the snapshot before it and then)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response export(@Parameter(description = "the dataset as it stood at this time (ISO-8601 date or date-time, not in the future)", example = "2026-12-01T00:00:00Z") @QueryParam("asOf") String asOf) {
        OffsetDateTime t = RevisionService.timestamp("asOf", asOf);
        if (t != null && t.isAfter(OffsetDateTime.now())) {
            throw ApiException.badParameter("asOf", "'" + asOf + "' is in the future");
        }
        Optional<byte[]> then = t == null ? Optional.empty() : past.at(t);
        return Response.ok(then.isPresent() ? then.get() : exporter.export(), MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"labledger-export.json\"")
                .build();
    }
}
