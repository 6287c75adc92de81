package org.labledger.release;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.ApiException;
import org.labledger.common.OpenApiContract;
import org.labledger.common.Paging;
import org.labledger.common.Params;
import org.labledger.common.PublicUrls;

import java.util.concurrent.locks.ReentrantLock;

@Path("/api/releases")
@Tag(name = "releases")
public class ReleaseResource {

    static final String ZIP = "application/zip";

    @Inject
    ReleaseService releases;

    /** One release at a time in this process (numbers are consecutive); across replicas the primary key decides. */
    private static final ReentrantLock CREATING = new ReentrantLock();

    @Schema(description = "A new release: an optional description (what it is for)")
    @RegisterForReflection
    public record ReleaseInput(@Size(max = 2000) String description) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "createRelease", summary = "Make a dataset release (admin): an immutable numbered snapshot of the whole ledger as it stands now, with its SHA-256, release notes since the previous release, citation and Frictionless Data package")
    @APIResponse(responseCode = "201", description = "the release, as GET /api/releases/{number} serves it from now on", headers = @Header(name = "Location", ref = "Location"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReleaseService.ReleaseView.class)))
    public Response create(@Valid ReleaseInput body) {
        DatasetRelease made;
        CREATING.lock();
        try {
            made = releases.create(body == null || body.description() == null || body.description().isBlank() ? null : body.description().strip());
        } catch (PersistenceException e) {
            throw new ApiException.Conflict(409, "another release was made at the same time; try again");
        } finally {
            CREATING.unlock();
        }
        return Response.created(PublicUrls.of("api/releases/{number}", made.number)).entity(made.releaseJson).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listReleases", summary = "The dataset releases, newest first, paged")
    @APIResponse(responseCode = "200", description = "one page of releases (without notes and dataset)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ReleaseService.ReleaseSummary.class)))
    public Response list(@Parameter(description = Paging.OFFSET_PAGE) @QueryParam("page") String page, @QueryParam("size") String size,
                         @Parameter(description = Paging.CURSOR) @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return Paging.ok(new Params(), page, size, cursor, releases::listAfter, releases::list, uri);
    }

    @GET
    @Path("/{number}")
    @Produces({MediaType.APPLICATION_JSON, ZIP})
    @Operation(operationId = "getRelease", summary = "One release, byte for byte as it was made: JSON (notes, citation, the dataset document), or with Accept: application/zip the zip of labledger.json, one CSV per section, datapackage.json, CITATION.cff and RELEASE-NOTES.md")
    @APIResponse(responseCode = "200", description = "the release", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReleaseService.ReleaseView.class)),
            @Content(mediaType = ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response get(@Parameter(description = "the release number, from 1", example = "1") @PathParam("number") String number, @Context HttpHeaders headers) {
        int n = number(number);
        String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(ZIP) && !accept.contains(MediaType.APPLICATION_JSON)) {
            return zip(n);
        }
        return Response.ok(releases.json(n), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{number:[0-9]+}.zip")
    @Produces(ZIP)
    @Operation(operationId = "getReleaseZip", summary = "One release as a zip, byte for byte as it was made: labledger.json, data/*.csv, datapackage.json (Frictionless Data), CITATION.cff, RELEASE-NOTES.md")
    @APIResponse(responseCode = "200", description = "the release's zip (Content-Disposition: attachment)", content = @Content(mediaType = ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response getZip(@Parameter(description = "the release number, from 1", example = "1") @PathParam("number") String number) {
        return zip(number(number));
    }

    private Response zip(int n) {
        return Response.ok(releases.zip(n), ZIP)
                .header("Content-Disposition", "attachment; filename=\"labledger-release-" + n + ".zip\"").build();
    }

    private static int number(String value) {
        Params params = new Params();
        int n = params.integer("number", value, 0, 1, Integer.MAX_VALUE);
        params.check();
        return n;
    }
}
