package org.labledger.source;

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

@Path("/api/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sources")
public class SourceResource {

    @Inject
    SourceService service;
    @Inject
    SourceWriteService writes;

    @GET
    @Operation(summary = "All source documents, with how many facts cite each")
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        return Paging.ok(service.list(), page, size, uri);
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "One source document, with its ETag (the version) for If-Match")
    public Response get(@PathParam("key") String key) {
        SourceService.SourceView v = service.get(key);
        return view(Response.ok(), v, writes.require(key).version);
    }

    private static Response view(Response.ResponseBuilder b, SourceService.SourceView v, int version) {
        return b.entity(v).tag(Preconditions.entityTag(version)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Create a source document (curator); recorded as a revision")
    public Response create(@NotNull SourceInput body, @Context UriInfo uri) {
        return writes.create(body, "", s -> view(Response.created(PublicUrls.of("api/sources/{key}", s.key)), service.get(s.key), s.version));
    }

    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Replace a source document (curator; If-Match required); recorded as a revision")
    public Response put(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch, @NotNull SourceInput body) {
        return writes.update(key, body, "", ifMatch, null, s -> view(Response.ok(), service.get(s.key), s.version));
    }

    @DELETE
    @Path("/{key}")
    @RolesAllowed("admin")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Delete a source (admin); 409 while citations, questionnaires or other sources refer to it")
    public Response delete(@PathParam("key") String key, @HeaderParam("If-Match") String ifMatch, @QueryParam("reason") String reason) {
        writes.delete(key, ifMatch, null, reason);
        return Response.noContent().build();
    }
}
