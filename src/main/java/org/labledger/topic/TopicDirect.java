package org.labledger.topic;

import org.labledger.graphql.DirectJson;

import java.util.Map;

/** The GraphQL {@code Topic} as {@link DirectJson} writes it from a {@code topic} row (graphql/GraphQLDirect). */
public final class TopicDirect {

    /** Its plain fields; {@code path} (walked in the tree) and {@code version} are not expressible here. */
    public static final DirectJson.Type TYPE = new DirectJson.Type("Topic", Map.of(
            "slug", DirectJson.column("slug"),
            "name", DirectJson.column("name"),
            "description", DirectJson.column("description"),
            "parent", "coalesce((select to_json(p.slug)::text from topic p where p.id = {t}.parent_id), 'null')"),
            Map.of());

    private TopicDirect() {
    }
}
