package org.labledger.answer;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.labledger.common.Batch;
import org.labledger.common.Params;
import org.labledger.history.RevisionService;
import org.labledger.lab.LabNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scorecards over GraphQL: the top-level {@code scorecards} query and {@code Lab.scorecard}. They live with the
 * answers they count (the lab room knows nothing of answers); batched, so one set of statements for any number of labs.
 */
@GraphQLApi
public class ScorecardGraphQL {

    @Inject
    ScorecardService scorecards;
    @Inject
    Context context;

    @Query("scorecards")
    @Description("Every lab's scorecard in one go (a lab × topic matrix), optionally for one topic subtree or questionnaire")
    public @NonNull List<ScorecardService.@NonNull Scorecard> scorecards(@Description("Count only questions under this topic or its subtopics (slug)") String topic,
                                                                         @Description("Count only questions of this questionnaire (slug)") String questionnaire,
                                                                         @Description("As the scorecards stood at this time (ISO-8601), from the change history") String asOf) {
        return scorecards.scorecards(null, Params.text(topic), Params.text(questionnaire), RevisionService.timestamp("asOf", asOf),
                topicsSelected());
    }

    /**
     * Whether this {@code scorecards} field selects {@code topics} (through fragments and @include/@skip as well):
     * without it, the service reads the counts rolled up per root topic (V16). Read from graphql-java's selection set
     * through SmallRye's public Context; when that is not at hand, the topics are computed.
     */
    private boolean topicsSelected() {
        DataFetchingEnvironment env = context == null ? null : context.unwrap(DataFetchingEnvironment.class);
        return env == null || env.getSelectionSet() == null || env.getSelectionSet().contains("topics");
    }

    // A batched field takes no arguments (SmallRye passes the first occurrence's to all): for one topic or
    // questionnaire, the top-level query. For the same reason it always computes the topics: one batch may serve
    // occurrences that select them and others that do not, and it sees only the first one's selection.
    @Description("How the lab responded: counts by status, response rate, per topic (for one topic or questionnaire: the top-level `scorecards` query)")
    public List<ScorecardService.@NonNull Scorecard> scorecard(@Source List<LabNode> labs) {
        List<Long> ids = Batch.keys(labs, LabNode::id);
        List<ScorecardService.Scorecard> cards = scorecards.scorecards(ids, null, null);
        Map<Long, ScorecardService.Scorecard> byId = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byId.put(ids.get(i), cards.get(i));
        }
        return Batch.one(labs, LabNode::id, byId);
    }
}
