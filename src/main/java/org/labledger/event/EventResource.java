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
import org.labledger.common.Params;

import java.util.List;

@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events")
public class EventResource {

    @Inject
    EventService service;

    @GET
    @Operation(operationId = "listEvents", summary = "Reported events between labs (launches, models shared, statements), oldest first (undated last), paged; filters: lab, kind, from/to")
    @APIResponse(responseCode = "200", description = "one page of events, oldest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = EventService.EventView.class)))
    public Response list(@Parameter(description = "a lab (slug)", example = "anthropic") @QueryParam("lab") String lab,
                         @Parameter(description = "Kinds, repeated or comma-separated", schema = @Schema(type = SchemaType.ARRAY, implementation = EventKind.class)) @QueryParam("kind") List<String> kind,
                         @Parameter(description = "only events dated on or after this partial date (YYYY, YYYY-MM or YYYY-MM-DD), compared at the coarser precision of the two; undated events never match", example = "2022") @QueryParam("from") String from,
                         @Parameter(description = "only events dated on or before this partial date, compared at the coarser precision of the two; undated events never match", example = "2023-06") @QueryParam("to") String to,
                         @Parameter(description = Paging.OFFSET_PAGE) @QueryParam("page") String page, @QueryParam("size") String size,
                         @Parameter(description = Paging.CURSOR) @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        Params params = new Params();
        List<EventKind> kinds = params.enums("kind", kind, EventKind.class);
        EventFilter filter = new EventFilter(Params.text(lab), kinds, Params.text(from), Params.text(to));
        return Paging.ok(params, page, size, cursor, (c, s) -> service.listAfter(filter, c, s), (n, s) -> service.list(filter, n, s), uri);
    }
}
