package org.labledger.stream;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.List;

/**
 * The change stream in the OpenAPI document: {@link ChangeStream} is a Vert.x route, not a Quarkus REST resource, so
 * the annotation scan does not see it, and the document would not describe every REST operation. Written at build time
 * (nothing in it depends on a run-time setting), as its REST neighbours' shared rules are (common/OpenApiContract,
 * which leaves an event-stream operation as it is).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ChangeStreamOpenApi implements OASFilter {

    static final String PROBLEM = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            openAPI.setPaths(OASFactory.createPaths());
        }
        Operation get = OASFactory.createOperation().operationId("streamChanges").addTag("history")
                .summary("Each committed change as it commits (server-sent events), optionally of some labs or types")
                .description("A `text/event-stream`: an `event: change` per committed write, `id:` its data version, `data:` one JSON "
                        + "object (`version`, `type`, `key`, `keys`, `labs`, `ops`, `more`), and a `: heartbeat` comment every "
                        + "`labledger.changes.heartbeat`. A change whose type or labs are not known in full reaches every subscriber "
                        + "it may concern. The GraphQL subscription `changes` is the same over WebSocket.")
                .parameters(List.of(filter("lab", "Only changes concerning these labs (slugs), repeatable or comma-separated; absent: all"),
                        filter("type", "Only changes of these types (table names: answer, lab, question, claim, citation, ...; any case), "
                                + "repeatable or comma-separated; absent: all"),
                        filter("entity", "An alias of type")))
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("200", OASFactory.createAPIResponse().description("The stream, open until the client closes it")
                                .content(OASFactory.createContent().addMediaType("text/event-stream", OASFactory.createMediaType()
                                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                                                .description("Server-sent events (WHATWG HTML, 9.2)")))))
                        .addAPIResponse("400", problem("An unknown parameter, or a filter value that is not a slug or a table name"))
                        .addAPIResponse("405", problem("Not GET"))
                        .addAPIResponse("503", problem("All of `labledger.changes.max-subscribers` streams are open; retry later")
                                .addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)))));
        openAPI.getPaths().addPathItem(ChangeStream.PATH, OASFactory.createPathItem().GET(get));
    }

    private static Parameter filter(String name, String description) {
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY).required(false).description(description)
                .style(Parameter.Style.FORM).explode(true)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(100)));
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType("application/problem+json", OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
    }
}
