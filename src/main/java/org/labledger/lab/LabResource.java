package org.labledger.lab;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import org.labledger.common.Negotiation;
import org.labledger.common.Params;
import org.labledger.common.PublicUrls;

import java.util.List;

@Path("/api/labs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "labs")
public class LabResource {

    @Inject
    LabService labs;
    @Inject
    LabWriteService writes;

    @GET
    @Operation(summary = "All labs and organisations, with how many questions were put to each and how many agreements each is party to")
    public List<LabService.LabSummary> list() {
        return labs.list();
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "One lab: aliases, parent and children, counts, third-party scores, sources")
    public Response get(@PathParam("slug") String slug) {
        return withTag(Response.ok(), labs.get(slug));
    }

    static Response withTag(Response.ResponseBuilder b, LabService.LabDetail d) {
        return b.entity(d).tag(new jakarta.ws.rs.core.EntityTag("v" + d.version())).build();
    }

    @jakarta.ws.rs.POST
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @jakarta.annotation.security.RolesAllowed("admin")
    @org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "bearer")
    @Operation(summary = "Create a lab (admin); recorded as a revision")
    public Response create(@jakarta.validation.constraints.NotNull LabInput body, @Context jakarta.ws.rs.core.UriInfo uri) {
        return writes.create(body, "", l -> withTag(Response.created(PublicUrls.of("api/labs/{slug}", l.slug)), labs.get(l.slug)));
    }

    @jakarta.ws.rs.PUT
    @Path("/{slug}")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    @jakarta.annotation.security.RolesAllowed("admin")
    @org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "bearer")
    @Operation(summary = "Replace a lab (admin; If-Match required); recorded as a revision")
    public Response put(@PathParam("slug") String slug, @jakarta.ws.rs.HeaderParam("If-Match") String ifMatch,
                        @jakarta.validation.constraints.NotNull LabInput body) {
        return writes.update(slug, body, "", ifMatch, null, l -> withTag(Response.ok(), labs.get(l.slug)));
    }

    @jakarta.ws.rs.PATCH
    @Path("/{slug}")
    @jakarta.ws.rs.Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @jakarta.annotation.security.RolesAllowed("admin")
    @org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "bearer")
    @Operation(summary = "Change some fields of a lab (JSON merge patch; admin; If-Match required); recorded as a revision")
    public Response patch(@PathParam("slug") String slug, @jakarta.ws.rs.HeaderParam("If-Match") String ifMatch,
                          com.fasterxml.jackson.databind.JsonNode body) {
        return writes.patch(slug, body, ifMatch, l -> withTag(Response.ok(), labs.get(l.slug)));
    }

    @jakarta.ws.rs.DELETE
    @Path("/{slug}")
    @jakarta.annotation.security.RolesAllowed("admin")
    @org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement(name = "bearer")
    @Operation(summary = "Delete a lab (admin; If-Match checked when given); 409 while answers, agreements, provisions, child labs, scores or events refer to it")
    public Response delete(@PathParam("slug") String slug, @jakarta.ws.rs.HeaderParam("If-Match") String ifMatch,
                           @QueryParam("reason") String reason) {
        writes.delete(slug, ifMatch, null, reason);
        return Response.noContent().build();
    }

}
