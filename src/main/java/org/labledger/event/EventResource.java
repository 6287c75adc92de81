package org.labledger.event;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events")
public class EventResource {

    @Inject
    EventService service;

    @GET
    @Operation(summary = "Reported events between labs (launches, models shared, statements), oldest first")
    public List<EventService.EventView> list(@QueryParam("lab") String lab) {
        return service.list(lab == null || lab.isBlank() ? null : lab.trim());
    }
}
