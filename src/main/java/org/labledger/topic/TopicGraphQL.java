package org.labledger.topic;

import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import java.util.List;

/** Topics over GraphQL. */
@GraphQLApi
public class TopicGraphQL {

    @Inject
    TopicService topics;

    @Query("topics")
    @Description("The topic tree, flattened in path order")
    public @NonNull List<@NonNull TopicNode> topics() {
        TopicService.Tree tree = topics.tree();
        return tree.all().stream().map(t -> TopicNode.of(tree, t)).toList();
    }
}
