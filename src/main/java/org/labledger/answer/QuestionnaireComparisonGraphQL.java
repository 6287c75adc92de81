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
    public QuestionnaireComparison.Comparison compareQuestionnaires(@NonNull @Description("The first questionnaire's slug") String a,
                                                                   @NonNull @Description("The second questionnaire's slug") String b) {
        return comparison.compare(a, b);
    }
}
