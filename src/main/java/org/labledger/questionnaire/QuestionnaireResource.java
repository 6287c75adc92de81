package org.labledger.questionnaire;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/questionnaires")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "questionnaires")
public class QuestionnaireResource {

    @Inject
    QuestionnaireService service;

    @GET
    @Operation(summary = "All questionnaires, with question counts and the labs they were put to")
    public List<QuestionnaireService.QuestionnaireView> list() {
        return service.list();
    }

    @GET
    @Path("/{a}/compare/{b}")
    @Operation(summary = "Compare two questionnaires (e.g. FMTI editions) over the questions they share, matched by normalised text: per lab answered counts in each and the delta; questions only in one")
    public QuestionnaireService.Comparison compare(@PathParam("a") String a, @PathParam("b") String b) {
        return service.compare(a, b);
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "One questionnaire")
    public QuestionnaireService.QuestionnaireView get(@PathParam("slug") String slug) {
        return service.get(slug);
    }
}
