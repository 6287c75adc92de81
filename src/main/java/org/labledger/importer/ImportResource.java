package org.labledger.importer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.labledger.common.ApiException;
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

    /** Largest file accepted in an import (the FMTI reports are ~150 KB). */
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

    @Inject
    FmtiImporter fmti;
    @Inject
    SeedImporter seeds;

    @POST
    @Path("/fmti")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Import one edition of the Foundation Model Transparency Index (all or nothing; idempotent; dryRun=true reports without writing)")
    public FmtiImporter.FmtiImportReport importFmti(@RestForm("edition") @PartType(MediaType.TEXT_PLAIN) String edition,
                                                    @RestForm("scores") FileUpload scores,
                                                    @RestForm("indicators") FileUpload indicators,
                                                    @RestForm("reports") List<FileUpload> reports,
                                                    @QueryParam("dryRun") String dryRunParam,
                                                    @RestForm("dryRun") @PartType(MediaType.TEXT_PLAIN) String dryRunForm) {
        if (scores == null) {
            throw ApiException.badParameter("scores", "the scores matrix (a CSV file part named 'scores') is required");
        }
        List<FmtiParser.Upload> reportFiles = new ArrayList<>();
        for (FileUpload r : reports == null ? List.<FileUpload>of() : reports) {
            reportFiles.add(read("reports", r));
        }
        String dry = dryRunParam != null ? dryRunParam : dryRunForm;
        if (dry != null && !dry.equalsIgnoreCase("true") && !dry.equalsIgnoreCase("false")) {
            throw ApiException.badParameter("dryRun", "must be true or false, was '" + dry + "'");
        }
        return fmti.importEdition(edition, read("scores", scores), indicators == null ? null : read("indicators", indicators),
                reportFiles, Boolean.parseBoolean(dry));
    }

    @POST
    @Path("/dataset")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Import a dataset document (seeds/ format, e.g. another instance's GET /api/export): validated whole, upserted by key, all or nothing")
    public ImportReport importDataset(byte[] body) {
        return seeds.importFile("request body", body, true);
    }

    private static FmtiParser.Upload read(String part, FileUpload f) {
        if (f.size() > MAX_FILE_BYTES) {
            throw ApiException.badParameter(part, "file '" + f.fileName() + "' is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB");
        }
        try {
            return new FmtiParser.Upload(f.fileName() == null || f.fileName().isBlank() ? part + ".csv" : f.fileName(), Files.readAllBytes(f.uploadedFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
