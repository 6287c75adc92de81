package org.labledger.source;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sources")
public class SourceResource {

    @Inject
    SourceService service;

    @GET
    @Operation(summary = "All source documents, with how many facts cite each")
    public List<SourceService.SourceView> list() {
        return service.list();
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "One source document")
    public SourceService.SourceView get(@PathParam("key") String key) {
        return service.get(key);
    }
}
