package org.labledger.topic;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/topics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "topics")
public class TopicResource {

    @Inject
    TopicService service;

    @GET
    @Operation(summary = "The topic tree, flattened in path order")
    public List<TopicService.TopicView> list() {
        return service.list();
    }
}
