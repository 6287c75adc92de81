package org.labledger.source;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import java.util.List;

/**
 * Sources over GraphQL. (The other reference lists a dashboard needs for its filters are served by their own rooms:
 * TopicGraphQL, QuestionnaireGraphQL; Questionnaire.source by QuestionnaireGraphQL, since questionnaires point at
 * sources and not the other way.)
 */
@GraphQLApi
public class SourceGraphQL {

    @Query("sources")
    @Description("All sources, by key")
    public @NonNull List<@NonNull SourceNode> sources() {
        return Source.<Source>list("order by key").stream().map(SourceNode::of).toList();
    }
}
