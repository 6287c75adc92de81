package org.labledger.stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
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
import org.labledger.security.BearerGate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The response cache for anonymous reads: {@code GET /api/**} and GraphQL queries ({@code GET} and {@code POST
 * /graphql}), kept per normalised request and served again while the data version ({@link DataVersion}) has not
 * moved. A committed write anywhere (this replica or another) advances the version, and every entry of an older
 * version is then a miss; entries are bounded by weight (body and header bytes; Caffeine), evicted by size.
 * <ul>
 * <li>The key ({@link #key}): method, path, the raw query parameters sorted by name, the request headers a response
 * depends on ({@link #VARYING}: Accept, Accept-Encoding — a compressed body's ETag is weak —, Accept-Charset,
 * Accept-Language, the X-Forwarded-* and Forwarded headers that build absolute URLs behind a proxy) and, for a GraphQL
 * POST, the Content-Type and the body bytes as sent. Nothing is parsed for a lookup.</li>
 * <li>A request with {@code Cache-Control: no-cache} (or {@code Pragma: no-cache}) is answered by the origin and its
 * response kept again; {@code no-store} bypasses the cache both ways (uncached measurements, debugging).</li>
 * <li>Never cached: a request with a bearer token ({@link BearerGate#carriesBearer}; another {@code Authorization} scheme is no credential here), any other method, a response other than 200,
 * a GraphQL response with errors, a GraphQL operation that is not a query (mutations run on every request), a
 * response carrying Set-Cookie, and anything while the version is not confirmed (listener down).</li>
 * <li>What is kept is what went out: status, headers (ETag and Cache-Control from HttpCaching, Link, X-Total-Count,
 * Content-Type, Vary) and the uncompressed body; per-request headers (X-Request-Id, CORS, Date, Content-Length) are
 * made for each request again, and compression happens on the wire as for any response.</li>
 * <li>Conditional requests: a hit whose If-None-Match names the kept ETag (weak comparison, as HttpCaching; REST
 * GETs and GraphQL GETs, graphql/GraphQLHttpCaching — POST responses carry none) is answered 304 at once — the validator is known valid because the version has not moved, so no query runs.</li>
 * <li>Where the lookup runs ({@link #ORDER}): before the security filters and Quarkus REST's per-request
 * path-to-template mapping, since nothing they decide applies to an anonymous request already answered 200; the
 * hit restores the path template for the {@code uri} tag of {@code http_server_requests} ({@link #PATH_TEMPLATE}).
 * A GET that declares a body is passed on uncached.</li>
 * <li>GraphQL limits still apply: a POST is looked up after its body is read (within the body limit) and before
 * GraphQLRequestGuard's checks, so a hit skips the JSON envelope and document parsing; that is safe
 * because an entry exists only for a request that passed those checks, the parser limits and the cost analysis when
 * it ran, and the key is that exact request (the checks decide on method, Content-Type, body and Accept, all in it). The body kept is SmallRye's own rendering of the final
 * execution result ({@link GraphQLResults}).</li>
 * </ul>
 * Metrics: {@code labledger_response_cache_requests_total{result=hit|not_modified|miss|bypass}} and Caffeine's
 * {@code cache_*{cache="labledger.responses"}} (size, weight, evictions).
 */
@ApplicationScoped
public class ResponseCache {

    static final List<String> VARYING = List.of("accept", "accept-encoding", "accept-charset", "accept-language",
            "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix", "forwarded");
    /** {@link #VARYING} as pre-hashed header names (looked up on every request). */
    private static final CharSequence[] VARYING_NAMES = VARYING.stream().map(HttpHeaders::createOptimized).toArray(CharSequence[]::new);
    private static final CharSequence UPGRADE = HttpHeaders.createOptimized("upgrade");
    private static final CharSequence CACHE_CONTROL = HttpHeaders.createOptimized("cache-control");
    private static final CharSequence PRAGMA = HttpHeaders.createOptimized("pragma");
    private static final CharSequence IF_NONE_MATCH = HttpHeaders.createOptimized("if-none-match");
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("content-type");
    private static final CharSequence VARY = HttpHeaders.createOptimized("Vary");
    private static final CharSequence CONTENT_LENGTH = HttpHeaders.createOptimized("content-length");
    private static final CharSequence TRANSFER_ENCODING = HttpHeaders.createOptimized("transfer-encoding");
    /**
     * The request-context local in which Quarkus REST leaves a request's path template (e.g. {@code /api/labs/{slug}})
     * and from which Micrometer's HTTP binder (and OpenTelemetry) take the {@code uri} tag; a hit answered before
     * Quarkus REST sets it again from the entry, so that it is counted under the same template as its miss and not
     * under its raw path (one time series per record otherwise).
     */
    static final String PATH_TEMPLATE = "UrlPathTemplate";
    /**
     * Route order of the lookup: after the idle guard (-1000), compression (-400), CORS (-300), the body limits
     * (-220) and the GraphQL route's body handler (-215, a POST's key holds its body), before authentication
     * (Quarkus' filter at priority 200, order -200), Quarkus REST's auth-failure/observability filter (-199, which
     * maps the path to its template on every request), authorisation (-100) and the GraphQL checks (-94). A request
     * without a bearer token is anonymous (bearer tokens are the only credentials, application.properties; a present one
     * was verified by {@link BearerGate} at -218, so an invalid one never gets here),
     * no path-based HTTP permission is configured, and an entry exists only for an anonymous request that was
     * answered 200 in full, so nothing those filters would decide is skipped.
     */
    static final int ORDER = -210;
    /** Response headers made per request (or per connection), never replayed from an entry. */
    private static final Set<String> PER_REQUEST = Set.of("date", "content-length", "transfer-encoding", "connection",
            "keep-alive", "x-request-id", "set-cookie");
    /** The kept headers a 304 repeats (RFC 9110 §15.4.5). */
    private static final Set<String> NOT_MODIFIED = Set.of("etag", "cache-control", "vary");
    /** Query parameters in the key: sorted by name only (a stable sort keeps the order of one name's values). */
    private static final Comparator<String> BY_NAME = Comparator.comparing(ResponseCache::parameterName);

    @ConfigProperty(name = "labledger.cache.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "labledger.cache.max-weight", defaultValue = "64M")
    MemorySize maxWeight;

    @Inject
    DataVersion versions;
    @Inject
    MeterRegistry registry;

    private Cache<String, Entry> cache;
    private Counter hits;
    private Counter notModified;
    private Counter misses;
    private Counter bypassed;

    /** A kept response header; names pre-hashed for the replay. */
    record Header(CharSequence name, String value, boolean vary) {
    }

    /**
     * One kept response: the headers a 200 replays and the subset a 304 does, and the body as one buffer that every
     * hit writes again (Vert.x writes a duplicate of it, no copy).
     */
    record Entry(long version, int status, List<Header> headers, List<Header> notModifiedHeaders, Buffer body,
                 String etag, boolean api, String pathTemplate) {

        static Entry of(long version, int status, List<Map.Entry<String, String>> headers, byte[] body, String etag, boolean api,
                        String pathTemplate) {
            List<Header> all = new ArrayList<>(headers.size());
            List<Header> notModified = new ArrayList<>();
            for (Map.Entry<String, String> h : headers) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                Header header = new Header(HttpHeaders.createOptimized(h.getKey()), h.getValue(), name.equals("vary"));
                all.add(header);
                if (NOT_MODIFIED.contains(name)) {
                    notModified.add(header);
                }
            }
            return new Entry(version, status, List.copyOf(all), List.copyOf(notModified), Buffer.buffer(body), etag, api, pathTemplate);
        }

        int weight(String key) {
            int w = 96 + key.length() * 2 + body.length() + (pathTemplate == null ? 0 : pathTemplate.length() * 2);
            for (Header h : headers) {
                w += 32 + (h.name().length() + h.value().length()) * 2;
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
        final Context context;
        /** Response headers set before this route (e.g. quarkus.http.header): set again on every request, not kept. */
        final Set<String> preset;
        volatile byte[] body;
        volatile Entry entry;
        /** A conditional GET that missed: its If-None-Match, taken off the request so that the origin answers in full. */
        volatile String ifNoneMatch;

        Slot(long version, String key, boolean graphql, Context context, Set<String> preset) {
            this.version = version;
            this.key = key;
            this.graphql = graphql;
            this.context = context;
            this.preset = preset;
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
            router.routeWithRegex("/api/.*|/graphql/?").order(ORDER).handler(this::handle);
        }
    }

    /** A GET that declares a body (nothing here reads it): passed on uncached. */
    private static boolean getWithBody(HttpMethod method, MultiMap headers) {
        return method == HttpMethod.GET && (headers.contains(TRANSFER_ENCODING)
                || (headers.contains(CONTENT_LENGTH) && !"0".equals(headers.get(CONTENT_LENGTH))));
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
        MultiMap requestHeaders = request.headers();
        if (!(method == HttpMethod.GET || (graphql && method == HttpMethod.POST))
                || BearerGate.carriesBearer(requestHeaders) || requestHeaders.contains(UPGRADE)) {
            rc.next();
            return;
        }
        long version = versions.current();
        Context context = Vertx.currentContext();
        if (version < 0 || context == null || !VertxContext.isDuplicatedContext(context) || getWithBody(method, requestHeaders)) {
            bypassed.increment();
            rc.next();
            return;
        }
        String cacheControl = requestHeaders.get(CACHE_CONTROL);
        String pragma = requestHeaders.get(PRAGMA);
        boolean noCache = false;
        if (cacheControl != null || pragma != null) {
            String directives = (String.join(",", requestHeaders.getAll(CACHE_CONTROL)) + "," + String.join(",", requestHeaders.getAll(PRAGMA)))
                    .toLowerCase(Locale.ROOT);
            if (directives.contains("no-store")) {
                bypassed.increment();
                rc.next();
                return;
            }
            // RFC 9111 §5.2.1.4: no-cache asks for a response from the origin (bench's uncached runs); it is kept again
            noCache = directives.contains("no-cache");
        }
        String body = null;
        if (graphql && method == HttpMethod.POST) {
            body = rc.body() == null ? null : rc.body().asString();
            if (body == null) {
                bypassed.increment();
                rc.next();
                return;
            }
        }
        String k = key(method, path, request.query(), requestHeaders, body);
        Entry hit = noCache ? null : cache.getIfPresent(k);
        if (hit != null && hit.version() == version) {
            serve(rc, context, hit);
            return;
        }
        misses.increment();
        Slot slot = new Slot(version, k, graphql, context, preset(rc.response().headers()));
        context.putLocal(Slot.KEY, slot);
        if (method == HttpMethod.GET && requestHeaders.contains(IF_NONE_MATCH)) {
            // as a shared cache does (RFC 9111 §4.3.1: it may validate with an unconditional request): the origin answers
            // 200 in full, the entry is kept, and the cache answers the condition itself in capture(); otherwise a client
            // that only ever revalidates would run the request every time without the cache ever holding it
            slot.ifNoneMatch = String.join(",", requestHeaders.getAll(IF_NONE_MATCH));
            requestHeaders.remove(IF_NONE_MATCH);
        }
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

    /**
     * The key of a request, from its raw form: method, path, the raw query parameters sorted by name (each as sent,
     * still percent-encoded: another spelling of the same value is another entry, never a wrong one), the
     * {@link #VARYING} headers present and, for a GraphQL POST, the Content-Type (lower case) and the body as sent.
     * No JSON is parsed: a hit costs this string and one lookup. Two bodies that differ only in JSON whitespace or key
     * order are two entries; clients repeat their requests byte for byte (dashboards, generated clients, GraphiQL).
     */
    static String key(HttpMethod method, String path, String query, MultiMap headers, String body) {
        StringBuilder key = new StringBuilder(64 + path.length() + (query == null ? 0 : query.length()) + (body == null ? 0 : body.length() + 64))
                .append(method.name()).append(' ').append(path).append('?');
        if (query != null && !query.isEmpty()) {
            if (query.indexOf('&') < 0) {
                key.append(query).append('&');
            } else {
                String[] parameters = query.split("&");
                for (int i = 1; i < parameters.length; i++) {
                    if (BY_NAME.compare(parameters[i - 1], parameters[i]) > 0) {
                        Arrays.sort(parameters, BY_NAME); // TimSort: stable
                        break;
                    }
                }
                for (String p : parameters) {
                    if (!p.isEmpty()) {
                        key.append(p).append('&');
                    }
                }
            }
        }
        for (int i = 0; i < VARYING_NAMES.length; i++) {
            String value = headers.get(VARYING_NAMES[i]);
            if (value != null) {
                List<String> values = headers.getAll(VARYING_NAMES[i]);
                key.append('\n').append(VARYING.get(i)).append(':').append(values.size() == 1 ? value : String.join(",", values));
            }
        }
        if (body != null) {
            String type = headers.get(CONTENT_TYPE);
            key.append("\ncontent-type:").append(type == null ? "" : type.toLowerCase(Locale.ROOT)).append("\n\n").append(body);
        }
        return key.toString();
    }

    private static Set<String> preset(MultiMap headers) {
        if (headers.isEmpty()) {
            return Set.of();
        }
        Set<String> names = new java.util.HashSet<>();
        for (String name : headers.names()) {
            names.add(name.toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static String parameterName(String parameter) {
        int eq = parameter.indexOf('=');
        return eq < 0 ? parameter : parameter.substring(0, eq);
    }

    private void serve(RoutingContext rc, Context context, Entry e) {
        HttpServerRequest request = rc.request();
        if (e.pathTemplate() != null) {
            context.putLocal(PATH_TEMPLATE, e.pathTemplate());
        }
        HttpServerResponse response = rc.response();
        boolean fresh = e.etag() != null && HttpCaching.matches(request.getHeader(IF_NONE_MATCH), e.etag());
        MultiMap headers = response.headers();
        if (e.api()) { // as common/RequestIds does for every REST response
            headers.set(RequestIds.HEADER, RequestIds.idFor(request.getHeader(RequestIds.HEADER)));
        }
        for (Header h : fresh ? e.notModifiedHeaders() : e.headers()) {
            if (h.vary()) {
                boolean present = false;
                for (String v : headers.getAll(VARY)) {
                    present |= v.equalsIgnoreCase(h.value());
                }
                if (!present) {
                    headers.add(VARY, h.value());
                }
            } else {
                headers.add(h.name(), h.value());
            }
        }
        if (fresh) {
            notModified.increment();
            response.setStatusCode(304).end();
        } else {
            hits.increment();
            response.setStatusCode(e.status()).end(e.body());
        }
    }

    /** At the end of a miss's headers: what to keep, if anything (the body end handler then stores it). */
    private void capture(RoutingContext rc, Slot slot) {
        HttpServerResponse response = rc.response();
        if (response.getStatusCode() != 200 || response.headers().contains("Set-Cookie")) {
            return;
        }
        // GraphQL: a successful query only (no errors, data, not a mutation), SmallRye's rendering of the result
        byte[] body = slot.graphql ? GraphQLResults.successfulQueryBody(slot.context, response.headers().get("Content-Type")) : slot.body;
        if (body == null) {
            return;
        }
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (Map.Entry<String, String> h : response.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (PER_REQUEST.contains(name) || slot.preset.contains(name) || name.startsWith("access-control-")
                    || (name.equals("vary") && h.getValue().equalsIgnoreCase("Origin"))) {
                continue;
            }
            kept.add(Map.entry(h.getKey(), h.getValue()));
        }
        String etag = response.headers().get("ETag");
        slot.entry = Entry.of(slot.version, 200, kept, body, etag, !slot.graphql, slot.context.getLocal(PATH_TEMPLATE));
        if (slot.ifNoneMatch != null && etag != null && HttpCaching.matches(slot.ifNoneMatch, etag)) {
            notModified.increment();
            response.setStatusCode(304).setStatusMessage("Not Modified");
            response.headers().remove("Content-Type").remove("Content-Length");
        }
    }

    /** Drops every entry (tests; an operator can also just restart). */
    public void clear() {
        cache.invalidateAll();
    }
}
