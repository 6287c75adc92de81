package org.labledger.question;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.labledger.graphql.GraphQLRelation;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The question's to-one relations for the compiled GraphQL path: its own resolvers, called for a whole level. */
@ApplicationScoped
@Unremovable
public class QuestionRelations implements GraphQLRelation {

    @Inject
    QuestionGraphQL graphql;

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Function<List<Object>, List<?>>> relations() {
        return Map.of(
                "Question.topic", sources -> graphql.topic((List<QuestionNode>) (List<?>) sources),
                "Question.questionnaire", sources -> graphql.questionnaire((List<QuestionNode>) (List<?>) sources));
    }
}
