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
    @Path("/{slug}")
    @Operation(summary = "One questionnaire")
    public QuestionnaireService.QuestionnaireView get(@PathParam("slug") String slug) {
        return service.get(slug);
    }
}
