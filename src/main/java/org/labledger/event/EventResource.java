package org.labledger.event;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.Paging;

@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events")
public class EventResource {

    @Inject
    EventService service;

    @GET
    @Operation(operationId = "listEvents", summary = "Reported events between labs (launches, models shared, statements), oldest first")
    @APIResponse(responseCode = "200", description = "one page of events, oldest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = EventService.EventView.class)))
    public Response list(@Parameter(description = "a lab (slug)", example = "anthropic") @QueryParam("lab") String lab, @QueryParam("page") String page, @QueryParam("size") String size, @Context UriInfo uri) {
        return Paging.ok(service.list(lab == null || lab.isBlank() ? null : lab.trim()), page, size, uri);
    }
}
