package org.labledger.lab;

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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.Negotiation;
import org.labledger.common.Paging;
import org.labledger.common.Params;
import org.labledger.common.Preconditions;
import org.labledger.common.PublicUrls;

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
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        return Paging.ok(labs.list(), page, size, uri);
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "One lab: aliases, parent and children, counts, third-party scores, sources")
    public Response get(@PathParam("slug") String slug) {
        return withTag(Response.ok(), labs.get(slug));
    }

    static Response withTag(Response.ResponseBuilder b, LabService.LabDetail d) {
        return b.entity(d).tag(Preconditions.entityTag(d.version())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Create a lab (admin); recorded as a revision")
    public Response create(@NotNull LabInput body, @Context UriInfo uri) {
        return writes.create(body, "", l -> withTag(Response.created(PublicUrls.of("api/labs/{slug}", l.slug)), labs.get(l.slug)));
    }

    @PUT
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Replace a lab (admin; If-Match required); recorded as a revision")
    public Response put(@PathParam("slug") String slug, @HeaderParam("If-Match") String ifMatch,
                        @NotNull LabInput body) {
        return writes.update(slug, body, "", ifMatch, null, l -> withTag(Response.ok(), labs.get(l.slug)));
    }

    @PATCH
    @Path("/{slug}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change some fields of a lab (JSON merge patch; admin; If-Match required); recorded as a revision")
    public Response patch(@PathParam("slug") String slug, @HeaderParam("If-Match") String ifMatch,
                          JsonNode body) {
        return writes.patch(slug, body, ifMatch, l -> withTag(Response.ok(), labs.get(l.slug)));
    }

    @DELETE
    @Path("/{slug}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Delete a lab (admin; If-Match checked when given); 409 while answers, agreements, provisions, child labs, scores or events refer to it")
    public Response delete(@PathParam("slug") String slug, @HeaderParam("If-Match") String ifMatch,
                           @QueryParam("reason") String reason) {
        writes.delete(slug, ifMatch, null, reason);
        return Response.noContent().build();
    }

}
