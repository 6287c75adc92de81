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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.Paging;
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
    @Operation(summary = "Questions, filtered, sorted and paged (total in the body, X-Total-Count and Link headers)")
    public Response list(@Parameter(description = "put to this lab (slug)") @QueryParam("lab") String lab,
                         @Parameter(description = "in this topic or below (slug)") @QueryParam("topic") String topic,
                         @Parameter(description = "answer status: UNANSWERED, PARTIAL, ANSWERED; repeat or comma-separate for several") @QueryParam("status") List<String> status,
                         @Parameter(description = "questionnaire slug") @QueryParam("questionnaire") String questionnaire,
                         @Parameter(description = "full-text search (web-search syntax: words, \"phrases\", -not, or)") @QueryParam("q") String q,
                         @Parameter(description = "ordinal (default), key, topic, questionnaire, relevance (with q); '-' prefix for descending") @QueryParam("sort") String sort,
                         @Parameter(description = "page number, from 0") @QueryParam("page") String page,
                         @Parameter(description = "page size, 1 to 200") @QueryParam("size") String size,
                         @Context UriInfo uri) {
        Params params = new Params();
        int p = params.integer("page", page, 0, 0, Integer.MAX_VALUE);
        int s = params.integer("size", size, Paging.DEFAULT_SIZE, 1, Paging.MAX_SIZE);
        List<String> statuses = answers.statusNames(params, "status", status);
        params.check();
        QuestionFilter filter = new QuestionFilter(Params.text(lab), Params.text(topic), statuses, Params.text(questionnaire), q);
        return Paging.ok(service.search(filter, sort, p, s), uri);
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "One question with its answers per lab and their sources")
    public Response get(@PathParam("key") String key) {
        QuestionService.QuestionDetail d = service.get(key);
        return view(Response.ok(), d, writes.require(key).version);
    }

    private static Response view(Response.ResponseBuilder b, QuestionService.QuestionDetail d, int version) {
        return b.entity(d).tag(Preconditions.entityTag(version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Create a question (curator); the labs in addressedTo get UNANSWERED answers, which need sourceUrl, sourceKey or reason; recorded as revisions")
    public Response create(@NotNull QuestionInput body, @Context UriInfo uri) {
        return writes.create(body, "", q -> view(Response.created(PublicUrls.of("api/questions/{key}", q.key)), service.get(q.key), q.version));
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Replace a question (curator; If-Match required); recorded as a revision")
    public Response put(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch,
                        @NotNull QuestionInput body) {
        return writes.update(key, body, "", ifMatch, null, q -> view(Response.ok(), service.get(q.key), q.version));
    }

    @PATCH
    @Path("/{key}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @RolesAllowed("curator")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change some fields of a question (JSON merge patch; curator; If-Match required); recorded as a revision")
    public Response patch(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch,
                          JsonNode body) {
        return writes.patch(key, body, ifMatch, q -> view(Response.ok(), service.get(q.key), q.version));
    }

    @DELETE
    @Path("/{key}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Delete a question (admin); 409 while answers or sub-questions refer to it")
    public Response delete(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch,
                           @QueryParam("reason") String reason) {
        writes.delete(key, ifMatch, null, reason);
        return Response.noContent().build();
    }

}
