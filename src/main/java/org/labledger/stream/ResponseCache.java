package org.labledger.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.labledger.common.HttpCaching;
import org.labledger.common.RequestIds;
import org.labledger.graphql.GraphQLResults;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The response cache for anonymous reads: {@code GET /api/**} and GraphQL queries ({@code GET} and {@code POST
 * /graphql}), kept per normalised request and served again while the data version ({@link DataVersion}) has not
 * moved. A committed write anywhere (this replica or another) advances the version, and every entry of an older
 * version is then a miss; entries are bounded by weight (body and header bytes; Caffeine), evicted by size.
 * <ul>
 * <li>The key: method, path, the query parameters sorted by name, the request headers a response depends on
 * ({@link #VARYING}: Accept, Accept-Encoding — a compressed body's ETag is weak —, Accept-Charset, Accept-Language,
 * the X-Forwarded-* and Forwarded headers that build absolute URLs behind a proxy) and, for a GraphQL POST, the
 * Content-Type and the body as canonical JSON (keys sorted, no insignificant whitespace).</li>
 * <li>A request with {@code Cache-Control: no-cache} (or {@code Pragma: no-cache}) is answered by the origin and its
 * response kept again; {@code no-store} bypasses the cache both ways (uncached measurements, debugging).</li>
 * <li>Never cached: a request with an {@code Authorization} header, any other method, a response other than 200,
 * a GraphQL response with errors, a GraphQL operation that is not a query (mutations run on every request), a
 * response carrying Set-Cookie, and anything while the version is not confirmed (listener down).</li>
 * <li>What is kept is what went out: status, headers (ETag and Cache-Control from HttpCaching, Link, X-Total-Count,
 * Content-Type, Vary) and the uncompressed body; per-request headers (X-Request-Id, CORS, Date, Content-Length) are
 * made for each request again, and compression happens on the wire as for any response.</li>
 * <li>Conditional requests: a hit whose If-None-Match names the kept ETag (weak comparison, as HttpCaching) is
 * answered 304 at once — the validator is known valid because the version has not moved, so no query runs.</li>
 * <li>GraphQL limits still apply: an entry exists only for a request that passed the parser limits and the cost
 * analysis when it ran, and the key is that exact request. The body kept is SmallRye's own rendering of the final
 * execution result ({@link GraphQLResults}).</li>
 * </ul>
 * Metrics: {@code labledger_response_cache_requests_total{result=hit|not_modified|miss|bypass}} and Caffeine's
 * {@code cache_*{cache="labledger.responses"}} (size, weight, evictions).
 */
@ApplicationScoped
public class ResponseCache {

    static final List<String> VARYING = List.of("accept", "accept-encoding", "accept-charset", "accept-language",
            "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix", "forwarded");
    /** Response headers made per request (or per connection), never replayed from an entry. */
    private static final Set<String> PER_REQUEST = Set.of("date", "content-length", "transfer-encoding", "connection",
            "keep-alive", "x-request-id", "set-cookie");

    @ConfigProperty(name = "labledger.cache.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "labledger.cache.max-weight", defaultValue = "64M")
    MemorySize maxWeight;

    @Inject
    DataVersion versions;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;

    private Cache<String, Entry> cache;
    private Counter hits;
    private Counter notModified;
    private Counter misses;
    private Counter bypassed;

    /** One kept response. */
    record Entry(long version, int status, List<Map.Entry<String, String>> headers, byte[] body, String etag) {

        int weight(String key) {
            int w = 96 + key.length() * 2 + body.length;
            for (Map.Entry<String, String> h : headers) {
                w += 32 + (h.getKey().length() + h.getValue().length()) * 2;
            }
            return w;
        }
    }

    /** What a miss collects on its way out; kept on the request's Vert.x context for {@link ResponseCapture}. */
    static final class Slot {
        private static final String KEY = Slot.class.getName();
        final long version;
        final String key;
        final boolean graphql;
        final String query;
        final String operationName;
        final Context context;
        volatile byte[] body;
        volatile Entry entry;

        Slot(long version, String key, boolean graphql, String query, String operationName, Context context) {
            this.version = version;
            this.key = key;
            this.graphql = graphql;
            this.query = query;
            this.operationName = operationName;
            this.context = context;
        }

        static Slot current() {
            Context c = Vertx.currentContext();
            return c != null && VertxContext.isDuplicatedContext(c) ? c.getLocal(KEY) : null;
        }
    }

    void routes(@Observes Router router) {
        cache = Caffeine.newBuilder()
                .maximumWeight(Math.max(0, maxWeight.asLongValue()))
                .weigher((String k, Entry e) -> e.weight(k))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "labledger.responses");
        hits = counter("hit");
        notModified = counter("not_modified");
        misses = counter("miss");
        bypassed = counter("bypass");
        if (enabled) {
            // after CORS (-300), the body limits (-200) and the GraphQL guard (-100, which reads the body first)
            router.routeWithRegex("/api/.*|/graphql/?").order(-90).handler(this::handle);
        }
    }

    private Counter counter(String result) {
        return Counter.builder("labledger.response.cache.requests").tag("result", result)
                .description("Anonymous reads by how the response cache answered them").register(registry);
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String path = request.path();
        boolean graphql = path.startsWith("/graphql");
        HttpMethod method = request.method();
        if (!(method == HttpMethod.GET || (graphql && method == HttpMethod.POST))
                || request.headers().contains("Authorization") || request.headers().contains("Upgrade")
                || (graphql && method == HttpMethod.GET && request.getParam("query") == null)) {
            rc.next();
            return;
        }
        long version = versions.current();
        Context context = Vertx.currentContext();
        if (version < 0 || context == null || !VertxContext.isDuplicatedContext(context)) {
            bypassed.increment();
            rc.next();
            return;
        }
        StringBuilder key = new StringBuilder(256).append(method.name()).append(' ').append(path).append('?');
        TreeMap<String, List<String>> params = new TreeMap<>();
        for (Map.Entry<String, String> p : request.params()) {
            params.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue());
        }
        params.forEach((name, values) -> values.forEach(v -> key.append(escape(name)).append('=').append(escape(v)).append('&')));
        for (String h : VARYING) {
            List<String> values = request.headers().getAll(h);
            if (!values.isEmpty()) {
                key.append('\n').append(h).append(':').append(String.join(",", values));
            }
        }
        String query = graphql && method == HttpMethod.GET ? request.getParam("query") : null;
        String operationName = graphql && method == HttpMethod.GET ? request.getParam("operationName") : null;
        if (graphql && method == HttpMethod.POST) {
            String type = String.valueOf(request.getHeader("Content-Type")).toLowerCase(Locale.ROOT);
            String body = rc.body() == null ? null : rc.body().asString();
            if (body == null) {
                bypassed.increment();
                rc.next();
                return;
            }
            key.append("\ncontent-type:").append(type).append("\n\n");
            if (type.startsWith("application/graphql;") || type.equals("application/graphql")) {
                query = body;
                key.append(body);
            } else {
                try {
                    JsonNode json = mapper.readTree(body);
                    query = json.path("query").isTextual() ? json.path("query").asText() : null;
                    operationName = json.path("operationName").isTextual() ? json.path("operationName").asText() : null;
                    canonical(json, key);
                } catch (Exception e) {
                    bypassed.increment();
                    rc.next();
                    return;
                }
            }
            if (query == null) {
                bypassed.increment();
                rc.next();
                return;
            }
        }
        String k = key.toString();
        String directives = (String.join(",", request.headers().getAll("Cache-Control")) + "," + String.join(",", request.headers().getAll("Pragma")))
                .toLowerCase(Locale.ROOT);
        if (directives.contains("no-store")) {
            bypassed.increment();
            rc.next();
            return;
        }
        // RFC 9111 §5.2.1.4: no-cache asks for a response from the origin (bench's uncached runs); it is kept again
        Entry hit = directives.contains("no-cache") ? null : cache.getIfPresent(k);
        if (hit != null && hit.version() == version) {
            serve(rc, hit);
            return;
        }
        misses.increment();
        Slot slot = new Slot(version, k, graphql, query, operationName, context);
        context.putLocal(Slot.KEY, slot);
        if (graphql) {
            GraphQLResults.wantBody(context);
        }
        rc.addHeadersEndHandler(v -> capture(rc, slot));
        rc.addBodyEndHandler(v -> {
            Entry e = slot.entry;
            if (e != null) {
                cache.put(slot.key, e);
            }
        });
        rc.next();
    }

    private void serve(RoutingContext rc, Entry e) {
        HttpServerResponse response = rc.response();
        String ifNoneMatch = rc.request().getHeader("If-None-Match");
        boolean fresh = e.etag() != null && HttpCaching.matches(ifNoneMatch, e.etag());
        MultiMap headers = response.headers();
        if (rc.request().path().startsWith("/api/")) { // as common/RequestIds does for every REST response
            headers.set(RequestIds.HEADER, RequestIds.idFor(rc.request().getHeader(RequestIds.HEADER)));
        }
        for (Map.Entry<String, String> h : e.headers()) {
            if (fresh && !Set.of("etag", "cache-control", "vary").contains(h.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (h.getKey().equalsIgnoreCase("vary")) {
                if (headers.getAll("Vary").stream().noneMatch(v -> v.equalsIgnoreCase(h.getValue()))) {
                    headers.add("Vary", h.getValue());
                }
            } else {
                headers.add(h.getKey(), h.getValue());
            }
        }
        if (fresh) {
            notModified.increment();
            response.setStatusCode(304).end();
        } else {
            hits.increment();
            response.setStatusCode(e.status()).end(Buffer.buffer(e.body()));
        }
    }

    /** At the end of a miss's headers: what to keep, if anything (the body end handler then stores it). */
    private void capture(RoutingContext rc, Slot slot) {
        HttpServerResponse response = rc.response();
        if (response.getStatusCode() != 200 || response.headers().contains("Set-Cookie")) {
            return;
        }
        byte[] body = slot.body;
        if (slot.graphql) {
            ExecutionResult result = GraphQLResults.of(slot.context);
            byte[] direct = GraphQLResults.bodyOf(slot.context); // answered by a proven direct plan (graphql/GraphQLDirect)
            if (direct != null && isQuery(slot)) {
                body = direct;
            } else if (result == null || !result.getErrors().isEmpty() || !result.isDataPresent() || !isQuery(slot)) {
                return;
            } else {
                body = new ExecutionResponse(result).getExecutionResultAsString().getBytes(charset(response.headers().get("Content-Type")));
            }
        }
        if (body == null) {
            return;
        }
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (Map.Entry<String, String> h : response.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (PER_REQUEST.contains(name) || name.startsWith("access-control-")
                    || (name.equals("vary") && h.getValue().equalsIgnoreCase("Origin"))) {
                continue;
            }
            kept.add(Map.entry(h.getKey(), h.getValue()));
        }
        slot.entry = new Entry(slot.version, 200, List.copyOf(kept), body, response.headers().get("ETag"));
    }

    private static boolean isQuery(Slot slot) {
        try {
            Document document = Parser.parse(slot.query);
            int queries = 0;
            for (OperationDefinition op : document.getDefinitionsOfType(OperationDefinition.class)) {
                if (slot.operationName == null || slot.operationName.equals(op.getName())) {
                    if (op.getOperation() != OperationDefinition.Operation.QUERY) {
                        return false;
                    }
                    queries++;
                }
            }
            return queries > 0;
        } catch (RuntimeException e) {
            return false;
        }
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

    private static String escape(String s) {
        return s.replace("%", "%25").replace("&", "%26").replace("=", "%3D").replace("\n", "%0A");
    }

    /** JSON with the object keys sorted and no insignificant whitespace. */
    private void canonical(JsonNode node, StringBuilder out) throws Exception {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue()));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> f : fields.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(mapper.writeValueAsString(f.getKey())).append(':');
                canonical(f.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(mapper.writeValueAsString(node));
        }
    }

    /** Drops every entry (tests; an operator can also just restart). */
    public void clear() {
        cache.invalidateAll();
    }
}
