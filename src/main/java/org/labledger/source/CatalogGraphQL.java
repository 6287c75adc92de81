package org.labledger.source;

import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.labledger.common.Batch;
import org.labledger.questionnaire.Questionnaire;
import org.labledger.questionnaire.QuestionnaireNode;
import org.labledger.topic.TopicNode;
import org.labledger.topic.TopicService;

import java.util.List;
import java.util.Map;

/** The reference lists a dashboard needs for its filters: topics, questionnaires, sources. */
@GraphQLApi
public class CatalogGraphQL {

    @Inject
    TopicService topics;

    @Query("topics")
    @Description("The topic tree, flattened in path order")
    public @NonNull List<@NonNull TopicNode> topics() {
        TopicService.Tree tree = topics.tree();
        return tree.all().stream().map(t -> TopicNode.of(tree, t)).toList();
    }

    @Query("questionnaires")
    public @NonNull List<@NonNull QuestionnaireNode> questionnaires() {
        return Questionnaire.<Questionnaire>list("order by slug").stream().map(QuestionnaireNode::of).toList();
    }

    @Query("sources")
    public @NonNull List<@NonNull SourceNode> sources() {
        return org.labledger.source.Source.<org.labledger.source.Source>list("order by key").stream().map(SourceNode::of).toList();
    }

    @Description("The document the questionnaire was published in")
    public List<SourceNode> source(@Source List<QuestionnaireNode> questionnaires) {
        List<Long> ids = Batch.keys(questionnaires, QuestionnaireNode::sourceId);
        Map<Long, SourceNode> found = ids.isEmpty() ? Map.of()
                : Batch.index(org.labledger.source.Source.<org.labledger.source.Source>list("id in ?1", ids).stream().map(SourceNode::of).toList(), SourceNode::id);
        return Batch.one(questionnaires, QuestionnaireNode::sourceId, found);
    }
}
