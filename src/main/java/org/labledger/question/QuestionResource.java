package org.labledger.question;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.ApiException;
import org.labledger.common.Paging;

import java.util.List;

@Path("/api/questions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "questions")
public class QuestionResource {

    @Inject
    QuestionService service;

    @GET
    @Operation(summary = "Questions, filtered, sorted and paged (total in the body, X-Total-Count and Link headers)")
    public Response list(@Parameter(description = "put to this lab (slug)") @QueryParam("lab") String lab,
                         @Parameter(description = "in this topic or below (slug)") @QueryParam("topic") String topic,
                         @Parameter(description = "answer status: UNANSWERED, PARTIAL, ANSWERED; repeat or comma-separate for several") @QueryParam("status") List<String> status,
                         @Parameter(description = "questionnaire slug") @QueryParam("questionnaire") String questionnaire,
                         @Parameter(description = "full-text search (web-search syntax: words, \"phrases\", -not, or)") @QueryParam("q") String q,
                         @Parameter(description = "ordinal (default), key, topic, questionnaire, relevance (with q); '-' prefix for descending") @QueryParam("sort") String sort,
                         @Parameter(description = "page number, from 0") @QueryParam("page") @DefaultValue("0") String page,
                         @Parameter(description = "page size, 1 to 200") @QueryParam("size") @DefaultValue("50") String size,
                         @Context UriInfo uri) {
        int p = integer("page", page);
        int s = integer("size", size);
        Paging.check(p, s);
        QuestionFilter filter = new QuestionFilter(blankToNull(lab), blankToNull(topic), QuestionService.parseStatuses(status),
                blankToNull(questionnaire), q);
        return Paging.ok(service.search(filter, sort, p, s), uri);
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "One question with its answers per lab and their sources")
    public QuestionService.QuestionDetail get(@PathParam("key") String key) {
        return service.get(key);
    }

    static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "'" + value + "' is not a whole number");
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
