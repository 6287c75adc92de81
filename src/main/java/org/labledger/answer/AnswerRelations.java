package org.labledger.answer;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.labledger.graphql.GraphQLRelation;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The answer's to-one relations for the compiled GraphQL path: its own resolvers, called for a whole level. */
@ApplicationScoped
@Unremovable
public class AnswerRelations implements GraphQLRelation {

    @Inject
    AnswerGraphQL graphql;

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Function<List<Object>, List<?>>> relations() {
        return Map.of(
                "Answer.question", sources -> graphql.question((List<AnswerNode>) (List<?>) sources),
                "Answer.lab", sources -> graphql.lab((List<AnswerNode>) (List<?>) sources));
    }
}
