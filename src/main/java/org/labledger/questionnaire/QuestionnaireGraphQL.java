package org.labledger.questionnaire;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.labledger.common.Batch;
import org.labledger.source.SourceNode;

import java.util.List;
import java.util.Map;

/** Questionnaires over GraphQL; relations resolved in batches. */
@GraphQLApi
public class QuestionnaireGraphQL {

    @Query("questionnaires")
    @Description("All questionnaires, by slug")
    public @NonNull List<@NonNull QuestionnaireNode> questionnaires() {
        return Questionnaire.<Questionnaire>list("order by slug").stream().map(QuestionnaireNode::of).toList();
    }

    // Here, not in the source room: a questionnaire points at its source, the source room knows nothing of questionnaires.
    @Description("The document the questionnaire was published in")
    public List<SourceNode> source(@Source List<QuestionnaireNode> questionnaires) {
        List<Long> ids = Batch.keys(questionnaires, QuestionnaireNode::sourceId);
        Map<Long, SourceNode> found = ids.isEmpty() ? Map.of()
                : Batch.index(org.labledger.source.Source.<org.labledger.source.Source>list("id in ?1", ids).stream().map(SourceNode::of).toList(), SourceNode::id);
        return Batch.one(questionnaires, QuestionnaireNode::sourceId, found);
    }
}
