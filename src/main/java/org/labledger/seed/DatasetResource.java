package org.labledger.seed;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/export")
@Tag(name = "datasets")
public class DatasetResource {

    @Inject
    DatasetExporter exporter;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportDataset", summary = "The whole dataset in the seeds/ JSON format (importable with POST /api/imports/dataset)")
    @APIResponse(responseCode = "200", description = "the whole dataset (Content-Disposition: attachment)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SeedDocument.class)))
    public Response export() {
        return Response.ok(exporter.export())
                .header("Content-Disposition", "attachment; filename=\"labledger-export.json\"")
                .build();
    }
}
