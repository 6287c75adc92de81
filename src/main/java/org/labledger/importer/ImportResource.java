package org.labledger.importer;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.labledger.common.ApiException;
import org.labledger.common.OpenApiContract;
import org.labledger.seed.ImportReport;
import org.labledger.seed.SeedImporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

@Path("/api/imports")
@Tag(name = "imports")
public class ImportResource {

    @Inject
    FmtiImporter fmti;
    @Inject
    SeedImporter seeds;
    @Inject
    SecurityIdentity identity;

    /** Largest file accepted in an import (the real FMTI files are at most ~180 KB). */
    @ConfigProperty(name = "labledger.import.max-file-size", defaultValue = "2M")
    MemorySize maxFileSize;
    /** Most developer columns (and report files) of an edition (the real ones have 13–14). */
    @ConfigProperty(name = "labledger.import.max-developers", defaultValue = "50")
    int maxDevelopers;
    /** Most indicator rows of an edition (the real ones have ~100). */
    @ConfigProperty(name = "labledger.import.max-indicators", defaultValue = "500")
    int maxIndicators;
    /** Most CSV cells per file (the real ones have at most ~1,600). */
    @ConfigProperty(name = "labledger.import.max-cells", defaultValue = "20000")
    int maxCells;

    @POST
    @Path("/fmti")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "importFmti", summary = "Import one edition of the Foundation Model Transparency Index (all or nothing; idempotent; dryRun=true reports without writing;"
            + " an import that would create labs needs the role admin, or dryRun=true to list them)")
    public FmtiImporter.FmtiImportReport importFmti(@RestForm("edition") @PartType(MediaType.TEXT_PLAIN) String edition,
                                                    @RestForm("scores") FileUpload scores,
                                                    @RestForm("indicators") FileUpload indicators,
                                                    @RestForm("reports") List<FileUpload> reports,
                                                    @Parameter(description = "true: report what would change and write nothing", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("dryRun") String dryRunParam,
                                                    @RestForm("dryRun") @PartType(MediaType.TEXT_PLAIN) String dryRunForm) {
        long started = System.nanoTime();
        if (scores == null) {
            throw ApiException.badParameter("scores", "the scores matrix (a CSV file part named 'scores') is required");
        }
        String dry = dryRunParam != null ? dryRunParam : dryRunForm;
        if (dry != null && !dry.equalsIgnoreCase("true") && !dry.equalsIgnoreCase("false")) {
            throw ApiException.badParameter("dryRun", "must be true or false, was '" + dry + "'");
        }
        List<FileUpload> reportParts = reports == null ? List.of() : reports;
        if (reportParts.size() > maxDevelopers) {
            throw new ImportTooLarge("reports", null, reportParts.size() + " report files; an import takes at most " + maxDevelopers
                    + " (one per developer, labledger.import.max-developers)");
        }
        // every size is checked before any file is read
        List<FileUpload> all = new ArrayList<>(reportParts);
        all.add(scores);
        if (indicators != null) {
            all.add(indicators);
        }
        for (FileUpload f : all) {
            if (f.size() > maxFileSize.asLongValue()) {
                throw new ImportTooLarge(f == scores ? "scores" : f == indicators ? "indicators" : "reports", f.fileName(), "the file has "
                        + f.size() + " bytes; an import takes files of at most " + maxFileSize.asLongValue() + " bytes (labledger.import.max-file-size)");
            }
        }
        List<FmtiParser.Upload> reportFiles = new ArrayList<>();
        for (FileUpload r : reportParts) {
            reportFiles.add(read("reports", r));
        }
        // parsed and bounded outside any transaction: nothing touches the database until the files are known to be good
        FmtiEdition parsed = fmti.read(edition, read("scores", scores), indicators == null ? null : read("indicators", indicators),
                reportFiles, new FmtiParser.Limits(maxDevelopers, maxIndicators, maxCells));
        return fmti.importEdition(parsed, Boolean.parseBoolean(dry), identity.hasRole("admin"), started);
    }

    @POST
    @Path("/dataset")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "importDataset", summary = "Import a dataset document (seeds/ format, e.g. another instance's GET /api/export): validated whole, upserted by key, all or nothing")
    @RequestBody(required = true, description = "a dataset document in the seeds/ format", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = org.labledger.seed.SeedDocument.class)))
    public ImportReport importDataset(byte[] body) {
        return seeds.importFile("request body", body, true);
    }

    private static FmtiParser.Upload read(String part, FileUpload f) {
        try {
            return new FmtiParser.Upload(f.fileName() == null || f.fileName().isBlank() ? part + ".csv" : f.fileName(), Files.readAllBytes(f.uploadedFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
