package org.labledger.graphql;

import graphql.ExecutionResult;
import graphql.language.OperationDefinition;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What one HTTP request's GraphQL execution left on the request's duplicated Vert.x context (like
 * {@link GraphQLHttpStatus}): the final result and the kind of operation that ran, recorded by
 * {@link GraphQLGuards.ErrorCodes}, and the request's HTTP response, remembered by {@link GraphQLRequestGuard}. The
 * HTTP layer reads them: {@link GraphQLHttpCaching} tags a successful query, the response cache (stream/ResponseCache)
 * keeps what SmallRye wrote without reading the response body back, and the error logging tells a request the client
 * abandoned from a failure.
 */
public final class GraphQLResults {

    private static final String KEY = GraphQLResults.class.getName();
    private static final String OPERATION = KEY + ".operation";
    private static final String RENDERED = KEY + ".rendered";
    private static final String RESPONSE = KEY + ".response";
    private static final String WANTED = KEY + ".wanted";

    private GraphQLResults() {
    }

    static void record(Context context, ExecutionResult result) {
        if (context != null) {
            context.putLocal(KEY, result);
        }
    }

    static void recordOperation(Context context, OperationDefinition.Operation operation) {
        if (context != null && operation != null) {
            context.putLocal(OPERATION, operation);
        }
    }

    static void rememberResponse(Context context, HttpServerResponse response) {
        if (context != null) {
            context.putLocal(RESPONSE, response);
        }
    }

    /** The response cache will keep this request's response, so a direct plan's body is recorded for it. */
    public static void wantBody(Context context) {
        if (context != null) {
            context.putLocal(WANTED, Boolean.TRUE);
        }
    }

    /**
     * A query answered by a direct plan ({@link GraphQLDirect}): there is no execution result, its body is the rendered
     * one. Recorded only when it will be read — by the response cache ({@link #wantBody}) or for a GET's ETag — since
     * a recorded body stays reachable as long as the request's context, past young collections.
     */
    static void recordDirect(Context context, io.vertx.core.buffer.Buffer body, boolean get) {
        if (context != null && (get || Boolean.TRUE.equals(context.getLocal(WANTED)))) {
            context.putLocal(RENDERED, body.getBytes());
            context.putLocal(OPERATION, OperationDefinition.Operation.QUERY);
        }
    }

    /** The result of the request whose duplicated context this is, or null. */
    public static ExecutionResult of(Context context) {
        return context == null ? null : context.getLocal(KEY);
    }

    /** The operation that ran (query, mutation, subscription), or null when none did (a document that failed). */
    static OperationDefinition.Operation operation(Context context) {
        return context == null ? null : context.getLocal(OPERATION);
    }

    /**
     * Whether the client is gone: the response of this request was closed (the connection dropped) or already ended
     * (an idle or processing timeout answered it) while the execution still ran. Its fetchers then fail for that
     * reason (the request scope is terminated, the JDBC statement closed), which is no fault of the server.
     */
    static boolean abandoned(Context context) {
        HttpServerResponse response = context == null ? null : context.getLocal(RESPONSE);
        return abandoned(response);
    }

    static boolean abandoned(HttpServerResponse response) {
        return response != null && (response.closed() || response.ended());
    }

    /**
     * The body of a successful query (no errors, data present, the operation a query) exactly as SmallRye writes it,
     * rendered once per request and kept on the context; null for anything else (errors, a mutation or subscription,
     * no execution). The response cache keeps these bytes and the ETag is their hash.
     */
    public static byte[] successfulQueryBody(Context context, String contentType) {
        if (context == null) {
            return null;
        }
        byte[] rendered = context.getLocal(RENDERED);
        if (rendered != null) {
            return rendered;
        }
        ExecutionResult result = of(context);
        if (result == null || !result.getErrors().isEmpty() || !result.isDataPresent()
                || operation(context) != OperationDefinition.Operation.QUERY) {
            return null;
        }
        rendered = new ExecutionResponse(result).getExecutionResultAsString().getBytes(charset(contentType));
        context.putLocal(RENDERED, rendered);
        return rendered;
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (RuntimeException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
