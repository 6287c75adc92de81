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
    private static final String BODY = GraphQLResults.class.getName() + ".body";
    private static final String WANTED = GraphQLResults.class.getName() + ".wanted";

    /** The response cache will keep this request's response: a direct plan's body is then recorded for it. */
    public static void wantBody(Context context) {
        if (context != null) {
            context.putLocal(WANTED, Boolean.TRUE);
        }
    }

    private GraphQLResults() {
    }

    static void record(Context context, ExecutionResult result) {
        if (context != null) {
            context.putLocal(KEY, result);
        }
    }

    /** The body a direct plan ({@link GraphQLDirect}) answered the request with: there is no execution result then. */
    static void recordBody(Context context, io.vertx.core.buffer.Buffer body) {
        if (context != null && Boolean.TRUE.equals(context.getLocal(WANTED))) {
            context.putLocal(BODY, body);
        }
    }

    /** The body of a request answered by a direct plan, or null (copied: only the response cache asks for it). */
    public static byte[] bodyOf(Context context) {
        io.vertx.core.buffer.Buffer body = context == null ? null : context.getLocal(BODY);
        return body == null ? null : body.getBytes();
    }

    /** The result of the request whose duplicated context this is, or null. */
    public static ExecutionResult of(Context context) {
        return context == null ? null : context.getLocal(KEY);
    }
}
