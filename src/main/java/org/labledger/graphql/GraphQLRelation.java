package org.labledger.graphql;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Relations without arguments that {@link GraphQLCompiled} may resolve for all the objects of one level at once,
 * instead of through graphql-java's per-field execution and a DataLoader: e.g. {@code Answer.question}. Each
 * delegates to the field's own {@code @Source List<…>} resolver, so both paths read the same rows. Implementations
 * are CDI beans (kept with {@code @Unremovable}), one per room.
 */
public interface GraphQLRelation {

    /**
     * By "Type.field" ("Answer.question"): one value per source, in the sources' order (a list for a to-many
     * relation), as the field's resolver returns them.
     */
    Map<String, Function<List<Object>, List<?>>> relations();
}
