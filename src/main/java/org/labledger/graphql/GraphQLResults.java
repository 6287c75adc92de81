package org.labledger.graphql;

import graphql.ExecutionResult;
import io.vertx.core.Context;

/**
 * The final result of the GraphQL execution of one HTTP request, kept on the request's duplicated Vert.x context
 * (like {@link GraphQLHttpStatus}) by {@link GraphQLGuards.ErrorCodes}, so that the response cache
 * (stream/ResponseCache) can keep what SmallRye wrote without reading the response body back.
 */
public final class GraphQLResults {

    private static final String KEY = GraphQLResults.class.getName();

    private GraphQLResults() {
    }

    static void record(Context context, ExecutionResult result) {
        if (context != null) {
            context.putLocal(KEY, result);
        }
    }

    /** The result of the request whose duplicated context this is, or null. */
    public static ExecutionResult of(Context context) {
        return context == null ? null : context.getLocal(KEY);
    }
}
