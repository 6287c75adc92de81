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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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
    @Operation(summary = "All questionnaires, with question counts and the labs they were put to")
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        return Paging.ok(service.list(), page, size, uri);
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "One questionnaire")
    public Response get(@PathParam("slug") String slug) {
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
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Create a questionnaire (admin); recorded as a revision")
    public Response create(@NotNull QuestionnaireInput body,
                           @Context UriInfo uri) {
        return writes.create(body, "", q -> view(Response.created(PublicUrls.of("api/questionnaires/{slug}", q.slug)),
                service.get(q.slug), q.version));
    }

    @PUT
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Replace a questionnaire (admin; If-Match required); recorded as a revision")
    public Response put(@PathParam("slug") String slug, @HeaderParam("If-Match") String ifMatch,
                        @NotNull QuestionnaireInput body) {
        return writes.update(slug, body, "", ifMatch, null, q -> view(Response.ok(), service.get(q.slug), q.version));
    }

    @DELETE
    @Path("/{slug}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Delete a questionnaire (admin); 409 while questions refer to it")
    public Response delete(@PathParam("slug") String slug, @HeaderParam("If-Match") String ifMatch,
                           @QueryParam("reason") String reason) {
        writes.delete(slug, ifMatch, null, reason);
        return Response.noContent().build();
    }
}
