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

    @jakarta.inject.Inject
    QualifiedValueService qualified;

    @Query("qualifiedValues")
    @Description("One record's figures (what each measures, its qualifier, value, unit, the document's words) and relative dates (words, anchor, a date derived only from a stated anchor date); error NOT_FOUND when there is no such record")
    public @NonNull QualifiedValueService.QualifiedValues qualifiedValues(@NonNull @Description("The record's type") SubjectType type,
                                                                         @NonNull @Description("The record's slug or key (an answer: questionKey/labSlug)") String key) {
        return qualified.of(type, key);
    }
}
