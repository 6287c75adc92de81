package org.labledger.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import org.labledger.common.BodyLimit;
import org.labledger.common.TextRules;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses every GraphQL request document before SmallRye sees it, with the configured parser limits, so
 * that a syntax error or an oversized query is answered with a GraphQL error that has a code
 * ({@code GRAPHQL_PARSE_FAILED}, {@code QUERY_TOO_LARGE}, {@code BAD_REQUEST}) and a message saying where
 * the problem is; SmallRye itself answers those with a bare "Unparseable input document".
 * <p>
 * Status codes, per GraphQL over HTTP. The guard's own answers are {@code application/graphql-response+json} unless
 * the client's preferred acceptable type is {@code application/json} ({@link #acceptsGraphQLResponse}):
 * <ul>
 *   <li>a document that does not parse or is too large (a GraphQL response without data): 400 with
 *       graphql-response+json, 200 with application/json (the spec's "SHOULD use 200" for the legacy type);</li>
 *   <li>a request that is not a well-formed GraphQL-over-HTTP request, whatever the Accept: 400 for a bad envelope
 *       (no body, not JSON, no string {@code query}, {@code variables}/{@code extensions} not objects,
 *       {@code operationName} not a string, refused characters), 415 for another Content-Type, 405 for a
 *       mutation over GET;</li>
 *   <li>SmallRye's responses without data (validation, the cost limits, a result too large): the headers-end handler
 *       turns its 200 into 400 (500/503 for an internal or database error) when the response is graphql-response+json
 *       ({@link GraphQLHttpStatus}); a response with data, even {@code "data": null} with errors, stays 200.</li>
 * </ul>
 */
@ApplicationScoped
public class GraphQLRequestGuard {


    /** The request as the guard read it, on the routing context under {@link #REQUEST} once it passed. */
    public record Request(String query, String operationName, boolean variables, boolean extensions, JsonNode variableValues) {
    }

    static final String REQUEST = Request.class.getName();

    @Inject
    ObjectMapper mapper;
    @Inject
    GraphQLGuards guards;
    @Inject
    GraphQLHttpCaching caching;

    /** Route order of the GraphQL body handler. */
    static final int BODY_ORDER = -215;

    /**
     * Two routes: the body first (-215: after the body limits, -220, and before the response cache, -210, and the
     * security filters, -200), then the checks (-94). Between them the response cache (stream/ResponseCache)
     * answers a request it has seen before from the raw request, without the JSON and GraphQL parsing here: an
     * entry exists only for a request that passed these checks and the cost analysis, and its key is that exact
     * request (method, path, parameters, Accept and the other varying headers, Content-Type, body bytes), which is all
     * that the checks decide on.
     */
    void routes(@Observes Router router) {
        router.routeWithRegex("/graphql/?").order(BODY_ORDER).handler(BodyHandler.create().setBodyLimit(BodyLimit.GRAPHQL_MAX_BODY_BYTES)
                // a buffer of the announced size, not 1 KB per request (the largest allocation of a cached POST)
                .setPreallocateBodyBuffer(true));
        router.routeWithRegex("/graphql/?").order(-94).handler(this::check);
    }

    void check(RoutingContext rc) {
        // SmallRye answers with the Accept entry it matched, parameters included ("application/json;q=1"): a response's
        // Content-Type carries no quality, so only the media type (and the charset) is kept
        io.vertx.core.Context context = GraphQLHttpStatus.requestContext();
        GraphQLResults.rememberResponse(context, rc.response()); // to tell a request the client abandoned from a failure
        rc.addHeadersEndHandler(v -> {
            String type = rc.response().headers().get("Content-Type");
            if (type != null && type.toLowerCase(java.util.Locale.ROOT).contains(";q=")) {
                rc.response().headers().set("Content-Type", type.split(";")[0].trim() + "; charset=UTF-8");
            }
            // GraphQL over HTTP: an application/graphql-response+json response without data (validation, cost limits)
            // is a request error; SmallRye answers it 200
            Integer noData = GraphQLHttpStatus.recorded(context);
            if (noData != null && rc.response().getStatusCode() == 200 && GraphQLHttpStatus.isGraphQLResponse(type)) {
                rc.response().setStatusCode(noData).setStatusMessage(io.netty.handler.codec.http.HttpResponseStatus.valueOf(noData).reasonPhrase());
            }
            caching.tag(rc, context); // ETag, Cache-Control, 304 for a successful query over GET
        });
        String query;
        JsonNode variables = null;
        JsonNode operationName = null;
        JsonNode extensions = null;
        if (rc.request().method() == HttpMethod.GET) {
            query = rc.request().getParam("query");
            try {
                variables = json(rc.request().getParam("variables"));
                extensions = json(rc.request().getParam("extensions"));
            } catch (Exception e) {
                fail(rc, 400, "the parameters 'variables' and 'extensions' must be JSON objects", "BAD_REQUEST", null);
                return;
            }
            String name = rc.request().getParam("operationName");
            operationName = name == null ? null : mapper.getNodeFactory().textNode(name);
        } else if (rc.request().method() == HttpMethod.POST) {
            String type = rc.request().getHeader("Content-Type");
            // the first media type: the bundled GraphiQL (SmallRye's render.js) sends "application/json, application/json"
            String mediaType = type == null ? "" : type.split("[;,]")[0].trim().toLowerCase(java.util.Locale.ROOT);
            boolean graphqlBody = mediaType.equals("application/graphql");
            if (!graphqlBody && !mediaType.equals("application/json") && !mediaType.equals("application/graphql-response+json")) {
                fail(rc, 415, "send the request as application/json ({\"query\": \"...\", \"variables\": {...}}) or application/graphql; "
                        + "was " + (type == null ? "no Content-Type" : "'" + type + "'"), "UNSUPPORTED_MEDIA_TYPE", null);
                return;
            }
            String body = rc.body() == null ? null : rc.body().asString();
            if (body == null || body.isBlank()) {
                fail(rc, 400, "the request has no body; send {\"query\": \"...\"}", "BAD_REQUEST", null);
                return;
            }
            if (graphqlBody) {
                query = body;
            } else {
                try {
                    JsonNode json = mapper.readTree(body);
                    JsonNode q = json == null || !json.isObject() ? null : json.get("query");
                    if (q == null || !q.isTextual()) {
                        fail(rc, 400, "the request body needs a string field 'query'", "BAD_REQUEST", null);
                        return;
                    }
                    query = q.asText();
                    variables = json.get("variables");
                    operationName = json.get("operationName");
                    extensions = json.get("extensions");
                } catch (Exception e) {
                    fail(rc, 400, "the request body is not valid JSON", "BAD_REQUEST", null);
                    return;
                }
            }
        } else {
            rc.next();
            return;
        }
        if (query == null) {
            rc.next();
            return;
        }
        String envelope = variables != null && !variables.isNull() && !variables.isObject() ? "'variables' must be a JSON object (or null)"
                : operationName != null && !operationName.isNull() && !operationName.isTextual() ? "'operationName' must be a string (or null)"
                : extensions != null && !extensions.isNull() && !extensions.isObject() ? "'extensions' must be a JSON object (or null)"
                : null;
        if (envelope != null) {
            fail(rc, 400, envelope, "BAD_REQUEST", null);
            return;
        }
        String text = TextRules.problem(query);
        if (text == null && operationName != null && operationName.isTextual()) {
            text = TextRules.problem(operationName.asText());
        }
        if (text != null) {
            fail(rc, 400, "the query " + text, "BAD_REQUEST", null);
            return;
        }
        boolean get = rc.request().method() == HttpMethod.GET;
        rc.put(REQUEST, new Request(query, operationName == null || operationName.isNull() ? null : operationName.asText(),
                variables != null && !variables.isNull() && !variables.isEmpty(), extensions != null && !extensions.isNull() && !extensions.isEmpty(),
                variables != null && !variables.isNull() && !variables.isEmpty() ? variables : null));
        if (!get && guards.isKnownDocument(query)) {
            rc.next(); // parsed and validated before (GraphQLGuards' document cache): dashboards repeat their queries
            return;
        }
        ParserOptions options = guards.parserOptions();
        Document document;
        try {
            document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query).parserOptions(options).build());
            if (get && mutates(document, operationName == null || operationName.isNull() ? null : operationName.asText())) {
                // GraphQL over HTTP: GET is safe, so a mutation over GET is refused (a link or a prefetch must never write)
                rc.response().putHeader("Allow", "POST");
                fail(rc, 405, "mutations must be sent with POST", "METHOD_NOT_ALLOWED", null);
                return;
            }
        } catch (InvalidSyntaxException e) {
            // the parser cancels oversized documents with "More than N characters/tokens have been presented"
            boolean tooLarge = e instanceof ParseCancelledException || String.valueOf(e.getMessage()).contains("have been presented");
            // a GraphQL-level error: 400 with application/graphql-response+json, 200 for a client that accepts only
            // application/json (GraphQL over HTTP: a well-formed GraphQL response SHOULD be 200 there)
            boolean legacy = !acceptsGraphQLResponse(rc);
            fail(rc, legacy ? 200 : 400, e.getMessage(), tooLarge ? "QUERY_TOO_LARGE" : "GRAPHQL_PARSE_FAILED", e);
            return;
        }
        if (get && !GetParameters.prepare(rc, document, operationName == null || operationName.isNull() ? null : operationName.asText())) {
            fail(rc, acceptsGraphQLResponse(rc) ? 400 : 200, "Unknown operation named '" + operationName.asText() + "'.", "GRAPHQL_VALIDATION_FAILED", null);
            return;
        }
        rc.next();
    }

    /** Whether the operation that would run (the named one, or the only one) is a mutation or subscription. */
    private static boolean mutates(Document document, String operationName) {
        for (OperationDefinition op : document.getDefinitionsOfType(OperationDefinition.class)) {
            boolean selected = operationName == null || operationName.equals(op.getName());
            if (selected && op.getOperation() != OperationDefinition.Operation.QUERY) {
                return true;
            }
        }
        return false;
    }

    private JsonNode json(String value) throws Exception {
        return value == null || value.isBlank() ? null : mapper.readTree(value);
    }

    /**
     * Whether the guard's own answers are {@code application/graphql-response+json}: when the request has no Accept,
     * or its most preferred acceptable entry (q &gt; 0; Vert.x orders them by quality) is that type, the legacy
     * {@code application/graphql+json}, or {@code application/*} / {@code *}{@code /*} (unless graphql-response+json
     * has q=0 and application/json has not); not when it is {@code application/json}. An Accept with neither gets
     * graphql-response+json too (an error must be readable; SmallRye answers 406 to a valid document there).
     */
    static boolean acceptsGraphQLResponse(RoutingContext rc) {
        var accept = rc.parsedHeaders() == null ? null : rc.parsedHeaders().accept();
        if (accept == null || accept.isEmpty()) {
            return true;
        }
        // "type;q=0": not acceptable, not even through a wildcard (read from the raw header: Vert.x drops such entries)
        java.util.Set<String> excluded = new java.util.HashSet<>();
        for (String raw : String.join(",", rc.request().headers().getAll("Accept")).split(",")) {
            String[] parts = raw.split(";");
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("q") && quality(kv[1]) <= 0) {
                    excluded.add(parts[0].trim().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        for (var entry : accept) {
            if (quality(entry.parameter("q")) <= 0) {
                continue;
            }
            String type = (entry.component() + "/" + entry.subComponent()).toLowerCase(java.util.Locale.ROOT);
            if (type.equals("application/json")) {
                return false;
            }
            if (type.equals(GraphQLHttpStatus.GRAPHQL_RESPONSE) || type.equals("application/graphql+json")) {
                return true;
            }
            if (type.equals("application/*") || type.equals("*/*")) {
                return !excluded.contains(GraphQLHttpStatus.GRAPHQL_RESPONSE) || excluded.contains("application/json");
            }
        }
        return true;
    }

    /** An Accept entry's quality; absent or malformed counts as 1. */
    private static double quality(String q) {
        try {
            return q == null ? 1 : Double.parseDouble(q.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void fail(RoutingContext rc, int status, String message, String code, InvalidSyntaxException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        if (e != null && e.getLocation() != null) {
            Map<String, Object> location = new LinkedHashMap<>(); // in this order, as SmallRye writes its errors
            location.put("line", e.getLocation().getLine());
            location.put("column", e.getLocation().getColumn());
            error.put("locations", List.of(location));
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        extensions.put("classification", e == null ? "BadRequest" : "InvalidSyntax");
        error.put("extensions", extensions);
        try {
            String type = acceptsGraphQLResponse(rc) ? GraphQLHttpStatus.GRAPHQL_RESPONSE : "application/json";
            rc.response().setStatusCode(status).putHeader("Content-Type", type + "; charset=UTF-8") // as SmallRye writes it
                    .end(mapper.writeValueAsString(Map.of("errors", List.of(error))));
        } catch (Exception ex) {
            rc.fail(ex);
        }
    }
}
