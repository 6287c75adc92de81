package org.labledger.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.Locale;

/**
 * The HTTP status of a GraphQL response, per GraphQL over HTTP: a response without a {@code data} entry (the document
 * did not parse or validate, the cost limits refused it, the result grew too large) is a request error, so with
 * {@code application/graphql-response+json} it gets a 4xx/5xx status instead of SmallRye's 200; with the legacy
 * {@code application/json} a well-formed GraphQL response stays 200.
 * <p>
 * The status is handed from the execution to the HTTP layer through the request's duplicated Vert.x context (a
 * local of that context, i.e. of that one request): {@link GraphQLGuards.ErrorCodes} captures the context when the
 * execution starts and records the status when the result has no data; {@link GraphQLRequestGuard}'s headers-end
 * handler, which captured the same context when the request arrived, applies it.
 */
final class GraphQLHttpStatus {

    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final String KEY = GraphQLHttpStatus.class.getName() + ".noData";

    private GraphQLHttpStatus() {
    }

    /** The current context if it is a request's duplicated context (never the event loop's shared root context). */
    static Context requestContext() {
        Context c = Vertx.currentContext();
        return c != null && VertxContext.isDuplicatedContext(c) ? c : null;
    }

    /** Records the status of a result without data: 500/503 for an internal or unavailable error, else 400. */
    static void record(Context context, ExecutionResult result) {
        if (context == null || result.isDataPresent()) {
            return;
        }
        int status = 400;
        for (GraphQLError e : result.getErrors()) {
            Object code = e.getExtensions() == null ? null : e.getExtensions().get("code");
            if ("INTERNAL_ERROR".equals(code)) {
                status = 500;
            } else if ("SERVICE_UNAVAILABLE".equals(code) && status != 500) {
                status = 503;
            }
        }
        context.putLocal(KEY, status);
    }

    /** The status recorded for a response without data, or null. */
    static Integer recorded(Context context) {
        return context == null ? null : context.getLocal(KEY);
    }

    static boolean isGraphQLResponse(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(GRAPHQL_RESPONSE);
    }
}
