package org.labledger.graphql;

import java.util.List;
import java.util.Map;

/**
 * A relation with arguments resolved in batches (e.g. {@code Lab.answerPage(questionnaire, statuses, page, size)}). A
 * SmallRye batch field passes the first occurrence's arguments to all occurrences, so aliases with other arguments would
 * get wrong answers; {@link GraphQLKeyedBatches} instead loads such a field through a graphql-java DataLoader of the
 * request per distinct set of arguments: one batch per argument set, whatever the number of parents. The field itself
 * is declared as usual (a {@code @Source} method with its arguments and descriptions), which stays the resolver when
 * the batch is not installed. Implementations are CDI beans (kept with {@code @Unremovable}).
 */
public interface KeyedBatch {

    /** The object type that holds the field ("Lab"). */
    String type();

    /** The field ("answerPage"). */
    String field();

    /** One result per source, in the sources' order, for these arguments (as graphql-java coerced them). */
    List<?> load(List<Object> sources, Map<String, Object> arguments);
}
