package org.labledger.source;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.OpenApiContract;

/** Citations are added to and removed from a record; they are read with the record they evidence. */
@Path("/api/citations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sources")
public class CitationResource {

    @Inject
    SourceWriteService writes;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "createCitation", summary = "Cite a source for a record (curator): subjectType, subject (slug/key; answers: questionKey/labSlug or id), source, quote and/or locator")
    @APIResponse(responseCode = "201", description = "the citation recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SourceWriteService.CitationDetail.class)))
    public Response create(@NotNull CitationInput body) {
        return Response.status(201).entity(writes.cite(body, "")).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "deleteCitation", summary = "Remove a citation (admin); recorded as a revision")
    @APIResponse(responseCode = "204", description = "deleted (recorded as a revision)")
    public Response delete(@Parameter(description = "a citation", example = "1") @PathParam("id") long id, @Parameter(description = "why (recorded with the revision)") @QueryParam("reason") String reason) {
        writes.uncite(id, reason);
        return Response.noContent().build();
    }
}
