package org.labledger.questionnaire;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.OpenApiContract;
import org.labledger.common.Paging;
import org.labledger.common.Preconditions;
import org.labledger.common.PublicUrls;

@Path("/api/questionnaires")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "questionnaires")
public class QuestionnaireResource {

    @Inject
    QuestionnaireService service;
    @Inject
    QuestionnaireWriteService writes;

    @GET
    @Operation(operationId = "listQuestionnaires", summary = "All questionnaires, with question counts and the labs they were put to")
    @APIResponse(responseCode = "200", description = "one page of questionnaires", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = QuestionnaireService.QuestionnaireView.class)))
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        return Paging.ok(service.list(), page, size, uri);
    }

    @GET
    @Path("/{slug}")
    @Operation(operationId = "getQuestionnaire", summary = "One questionnaire")
    @APIResponse(responseCode = "200", description = "the questionnaire", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuestionnaireService.QuestionnaireView.class)))
    public Response get(@Parameter(description = "a questionnaire", example = "ailabwatch-questions-to-labs") @PathParam("slug") String slug) {
        QuestionnaireService.QuestionnaireView v = service.get(slug);
        return view(Response.ok(), v, writes.require(slug).version);
    }

    private static Response view(Response.ResponseBuilder b, QuestionnaireService.QuestionnaireView v,
                                 int version) {
        return b.entity(v).tag(Preconditions.entityTag(version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "createQuestionnaire", summary = "Create a questionnaire (admin); recorded as a revision")
    @APIResponse(responseCode = "201", description = "created", headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuestionnaireService.QuestionnaireView.class)))
    public Response create(@NotNull QuestionnaireInput body,
                           @Context UriInfo uri) {
        return writes.create(body, "", q -> view(Response.created(PublicUrls.of("api/questionnaires/{slug}", q.slug)),
                service.get(q.slug), q.version));
    }

    @PUT
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "replaceQuestionnaire", summary = "Replace a questionnaire (admin; If-Match required); recorded as a revision")
    @APIResponse(responseCode = "200", description = "replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuestionnaireService.QuestionnaireView.class)))
    public Response put(@Parameter(description = "a questionnaire", example = "ailabwatch-questions-to-labs") @PathParam("slug") String slug, @Parameter(required = true, description = "the current ETag of the record (GET it first)", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch,
                        @NotNull QuestionnaireInput body) {
        return writes.update(slug, body, "", ifMatch, null, q -> view(Response.ok(), service.get(q.slug), q.version));
    }

    @DELETE
    @Path("/{slug}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "deleteQuestionnaire", summary = "Delete a questionnaire (admin); 409 while questions refer to it")
    @APIResponse(responseCode = "204", description = "deleted (recorded as a revision)")
    public Response delete(@Parameter(description = "a questionnaire", example = "ailabwatch-questions-to-labs") @PathParam("slug") String slug, @Parameter(description = "checked when given: the current ETag of the record", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch,
                           @Parameter(description = "why (recorded with the revision)") @QueryParam("reason") String reason) {
        writes.delete(slug, ifMatch, null, reason);
        return Response.noContent().build();
    }
}
