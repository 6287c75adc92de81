package org.labledger.question;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.OpenApiContract;
import org.labledger.common.Paging;
import org.labledger.common.Cursor;
import org.labledger.common.PageResult;
import org.labledger.common.Params;
import org.labledger.common.Preconditions;
import org.labledger.common.PublicUrls;

import java.util.List;

@Path("/api/questions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "questions")
public class QuestionResource {

    @Inject
    QuestionService service;
    @Inject
    QuestionAnswers answers;
    @Inject
    QuestionWriteService writes;

    @GET
    @Operation(operationId = "listQuestions", summary = "Questions, filtered, sorted and paged (total in the body, X-Total-Count and Link headers)")
    @APIResponse(responseCode = "200", description = "one page of questions", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = QuestionService.QuestionSummary.class)))
    public Response list(@Parameter(description = "put to this lab (slug)", example = "anthropic") @QueryParam("lab") String lab,
                         @Parameter(description = "in this topic or below (slug)") @QueryParam("topic") String topic,
                         @Parameter(description = "answer status: UNANSWERED, PARTIAL, ANSWERED; repeat or comma-separate for several", schema = @Schema(type = SchemaType.ARRAY, ref = "ResponseStatus"), explode = Explode.TRUE) @QueryParam("status") List<String> status,
                         @Parameter(description = "questionnaire slug") @QueryParam("questionnaire") String questionnaire,
                         @Parameter(description = "full-text search (web-search syntax: words, \"phrases\", -not, or)", example = "whistleblower") @QueryParam("q") String q,
                         @Parameter(description = "ordinal (default), key, topic, questionnaire, relevance (with q); '-' prefix for descending", schema = @Schema(type = SchemaType.STRING, enumeration = {"ordinal", "-ordinal", "key", "-key", "topic", "-topic", "questionnaire", "-questionnaire", "relevance", "-relevance"})) @QueryParam("sort") String sort,
                         @Parameter(description = Paging.OFFSET_PAGE) @QueryParam("page") String page,
                         @Parameter(description = "page size, 1 to 200") @QueryParam("size") String size,
                         @Parameter(description = Paging.CURSOR + "; with sort ordinal or questionnaire (the default without q)") @QueryParam("cursor") String cursor,
                         @Context UriInfo uri) {
        Params params = new Params();
        int p = params.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int s = params.integer("size", size, Paging.DEFAULT_SIZE, 1, Paging.MAX_SIZE);
        List<String> statuses = answers.statusNames(params, "status", status);
        Cursor.exclusive(params, cursor, page);
        params.check();
        QuestionFilter filter = new QuestionFilter(Params.text(lab), Params.text(topic), statuses, Params.text(questionnaire), q);
        if (cursor != null && !cursor.isBlank()) {
            return Paging.ok(service.searchAfter(filter, sort, cursor, s), uri);
        }
        if (p == 0 && QuestionService.keysetSort(sort, q)) {
            // page 0 in questionnaire order is the first keyset page: the same rows, and the cursor of the next
            return Paging.ok(PageResult.first(service.searchAfter(filter, sort, null, s)), uri);
        }
        return Paging.ok(service.search(filter, sort, p, s), uri);
    }

    @GET
    @Path("/{key}")
    @Operation(operationId = "getQuestion", summary = "One question with its answers per lab and their sources")
    @APIResponse(responseCode = "200", description = "the question", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuestionService.QuestionDetail.class)))
    public Response get(@Parameter(description = "a question", example = "alw-multi-staff-safety-concerns-process") @PathParam("key") String key) {
        QuestionService.QuestionDetail d = service.get(key);
        return view(Response.ok(), d, writes.require(key).version);
    }

    private static Response view(Response.ResponseBuilder b, QuestionService.QuestionDetail d, int version) {
        return b.entity(d).tag(Preconditions.entityTag(version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "createQuestion", summary = "Create a question (curator); the labs in addressedTo get UNANSWERED answers, which need sourceUrl, sourceKey or reason; recorded as revisions")
    @APIResponse(responseCode = "201", description = "created", headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuestionService.QuestionDetail.class)))
    public Response create(@NotNull QuestionInput body, @Context UriInfo uri) {
        return writes.create(body, "", q -> view(Response.created(PublicUrls.of("api/questions/{key}", q.key)), service.get(q.key), q.version));
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "replaceQuestion", summary = "Replace a question (curator; If-Match required); recorded as a revision")
    @APIResponse(responseCode = "200", description = "replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuestionService.QuestionDetail.class)))
    public Response put(@Parameter(description = "a question", example = "alw-multi-staff-safety-concerns-process") @PathParam("key") String key, @Parameter(required = true, description = "the current ETag of the record (GET it first)", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch,
                        @NotNull QuestionInput body) {
        return writes.update(key, body, "", ifMatch, null, q -> view(Response.ok(), service.get(q.key), q.version));
    }

    @PATCH
    @Path("/{key}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "patchQuestion", summary = "Change some fields of a question (JSON merge patch; curator; If-Match required); recorded as a revision")
    @RequestBody(required = true, description = "RFC 7396 merge patch of QuestionInput: the fields to change, null removes one", content = {@Content(mediaType = "application/merge-patch+json", schema = @Schema(type = SchemaType.OBJECT)), @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "200", description = "changed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QuestionService.QuestionDetail.class)))
    public Response patch(@Parameter(description = "a question", example = "alw-multi-staff-safety-concerns-process") @PathParam("key") String key, @Parameter(required = true, description = "the current ETag of the record (GET it first)", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch,
                          JsonNode body) {
        return writes.patch(key, body, ifMatch, q -> view(Response.ok(), service.get(q.key), q.version));
    }

    @DELETE
    @Path("/{key}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "deleteQuestion", summary = "Delete a question (admin); 409 while answers or sub-questions refer to it")
    @APIResponse(responseCode = "204", description = "deleted (recorded as a revision)")
    public Response delete(@Parameter(description = "a question", example = "alw-multi-staff-safety-concerns-process") @PathParam("key") String key, @Parameter(description = "checked when given: the current ETag of the record", example = "\"v0\"") @HeaderParam("If-Match") String ifMatch,
                           @Parameter(description = "why (recorded with the revision)") @QueryParam("reason") String reason) {
        writes.delete(key, ifMatch, null, reason);
        return Response.noContent().build();
    }

}
