package org.labledger.answer;

import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** The comparison of two questionnaires' answers over GraphQL. */
@GraphQLApi
public class QuestionnaireComparisonGraphQL {

    @Inject
    QuestionnaireComparison comparison;

    @Query("compareQuestionnaires")
    @Description("Two questionnaires (e.g. FMTI editions) compared over the questions they share, matched by normalised text")
    public QuestionnaireComparison.Comparison compareQuestionnaires(@NonNull String a, @NonNull String b) {
        return comparison.compare(a, b);
    }
}
