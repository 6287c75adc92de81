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
    DatasetHistory history;
    @Inject
    PastDatasets past;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportDataset", summary = "The whole dataset in the seeds/ JSON format (importable with POST /api/imports/dataset); with asOf, exactly as it stood then (rebuilt from the row history, which starts when the database got it; earlier times only where a release's snapshot holds that state)")
    @APIResponse(responseCode = "200", description = "the whole dataset (Content-Disposition: attachment). LabLedger-Data-Version and LabLedger-As-Of name the state it is: the data version and the time of its commit (absent before the first recorded write); GET /api/export?asOf=<LabLedger-As-Of> gives these very bytes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SeedDocument.class)))
    @APIResponse(responseCode = "400", description = "asOf is not an ISO-8601 date or date-time, or is in the future",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "asOf is before the row history starts and no release snapshot holds the state of that time exactly (the detail names the history's start)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response export(@Parameter(description = "the dataset exactly as it stood at this time: the state after the last commit at or before it"
            + " (ISO-8601 date, meaning its start in UTC, or date-time; not in the future). Any time since the row history started (V17; the detail"
            + " of a 422 names that start) is rebuilt exactly; an earlier one only where a release was made then and nothing changed up to that time."
            + " A time within the last moment can still gain a write that was committing: use the LabLedger-As-Of of an export for a point that stays put.",
            example = "2026-12-01T00:00:00Z") @QueryParam("asOf") String asOf) {
        OffsetDateTime t = RevisionService.timestamp("asOf", asOf);
        if (t != null && t.isAfter(OffsetDateTime.now())) {
            throw ApiException.badParameter("asOf", "'" + asOf + "' is in the future");
        }
        DatasetHistory.Snapshot s;
        if (t == null) {
            s = history.current();
        } else {
            Optional<DatasetHistory.Snapshot> rebuilt = history.at(t);
            if (rebuilt.isPresent()) {
                s = rebuilt.get();
            } else {
                OffsetDateTime start = history.start().orElse(null);
                Optional<byte[]> then = past.at(t, start);
                s = then.isPresent() ? new DatasetHistory.Snapshot(then.get(), null, null) : history.current();
            }
        }
        Response.ResponseBuilder r = Response.ok(s.document(), MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"labledger-export.json\"");
        if (s.version() != null) {
            r.header("LabLedger-Data-Version", s.version()).header("LabLedger-As-Of", s.at().toString());
        }
        return r.build();
    }
}
