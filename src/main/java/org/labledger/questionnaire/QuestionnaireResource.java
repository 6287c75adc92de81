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
    @Operation(summary = "All questionnaires, with question counts and the labs they were put to")
    public List<QuestionnaireService.QuestionnaireView> list() {
        return service.list();
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "One questionnaire")
    public jakarta.ws.rs.core.Response get(@PathParam("slug") String slug) {
        QuestionnaireService.QuestionnaireView v = service.get(slug);
        return view(jakarta.ws.rs.core.Response.ok(), v, writes.require(slug).version);
    }

    private static jakarta.ws.rs.core.Response view(jakarta.ws.rs.core.Response.ResponseBuilder b, QuestionnaireService.QuestionnaireView v,
                                                    int version) {
        return b.entity(v).tag(new jakarta.ws.rs.core.EntityTag("v" + version)).build();
    }

    @jakarta.ws.rs.POST
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @jakarta.annotation.security.RolesAllowed("admin")
    @org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "bearer")
    @Operation(summary = "Create a questionnaire (admin); recorded as a revision")
    public jakarta.ws.rs.core.Response create(@jakarta.validation.constraints.NotNull QuestionnaireInput body,
                                              @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        return writes.create(body, "", q -> view(jakarta.ws.rs.core.Response.created(PublicUrls.of("api/questionnaires/{slug}", q.slug)),
                service.get(q.slug), q.version));
    }

    @jakarta.ws.rs.PUT
    @Path("/{slug}")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @jakarta.annotation.security.RolesAllowed("admin")
    @org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "bearer")
    @Operation(summary = "Replace a questionnaire (admin; If-Match required); recorded as a revision")
    public jakarta.ws.rs.core.Response put(@PathParam("slug") String slug, @jakarta.ws.rs.HeaderParam("If-Match") String ifMatch,
                                           @jakarta.validation.constraints.NotNull QuestionnaireInput body) {
        return writes.update(slug, body, "", ifMatch, null, q -> view(jakarta.ws.rs.core.Response.ok(), service.get(q.slug), q.version));
    }

    @jakarta.ws.rs.DELETE
    @Path("/{slug}")
    @jakarta.annotation.security.RolesAllowed("admin")
    @org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "bearer")
    @Operation(summary = "Delete a questionnaire (admin); 409 while questions refer to it")
    public jakarta.ws.rs.core.Response delete(@PathParam("slug") String slug, @jakarta.ws.rs.HeaderParam("If-Match") String ifMatch,
                                              @jakarta.ws.rs.QueryParam("reason") String reason) {
        writes.delete(slug, ifMatch, null, reason);
        return jakarta.ws.rs.core.Response.noContent().build();
    }
}
