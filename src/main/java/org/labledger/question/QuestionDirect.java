package org.labledger.question;

import org.labledger.graphql.DirectJson;
import org.labledger.topic.TopicDirect;

import java.util.Map;

/** The GraphQL {@code Question} as {@link DirectJson} writes it from a {@code question} row (graphql/GraphQLDirect). */
public final class QuestionDirect {

    /** Its plain fields and its topic; lists and the other relations are not expressible here. */
    public static final DirectJson.Type TYPE = new DirectJson.Type("Question", Map.of(
            "key", DirectJson.column("key"),
            "ordinal", DirectJson.column("ordinal"),
            "text", DirectJson.column("text"),
            "notes", DirectJson.column("notes"),
            "minAddressees", DirectJson.column("min_addressees"),
            "context", DirectJson.column("context")),
            Map.of("topic", new DirectJson.Relation(TopicDirect.TYPE, "topic", "{t}.id = {s}.topic_id", false)));

    private QuestionDirect() {
    }
}
