package org.labledger.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin requests (CORS) for the API and GraphQL: a dashboard on any other origin may read — anonymous
 * requests, no credentials ({@code Access-Control-Allow-Origin: *}) — while a request that carries credentials
 * (an {@code Authorization} header: every write needs one) is allowed only from the origins listed in
 * {@code labledger.http.cors.write-origins} (none by default). A preflight that asks for {@code Authorization}
 * or for a writing method from another origin is refused with 403, and so is a credentialed request that
 * arrives from such an origin anyway. GraphQL queries are POSTs without credentials, so they pass from anywhere.
 */
@ApplicationScoped
public class Cors {

    static final String EXPOSED = "ETag, Link, Location, Retry-After, X-Total-Count, X-Request-Id";
    private static final Set<String> READS = Set.of("GET", "HEAD", "POST"); // POST: GraphQL queries (no credentials)

    @ConfigProperty(name = "labledger.http.cors.write-origins")
    Optional<List<String>> writeOrigins;
    @ConfigProperty(name = "labledger.http.cors.max-age", defaultValue = "600")
    long maxAge;
    @Inject
    ObjectMapper mapper;

    void routes(@Observes Router router) {
        // non-capturing groups: a capturing group makes Vert.x add it as a path parameter, which decodes the whole
        // query string on every request
        router.routeWithRegex("/(?:api|graphql)(?:/.*)?").order(-300).handler(this::handle);
    }

    private boolean writer(String origin) {
        return writeOrigins.orElse(List.of()).stream().anyMatch(o -> o.equals(origin) || o.equals("*"));
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String origin = request.getHeader("Origin");
        if (origin == null) {
            rc.next();
            return;
        }
        HttpServerResponse response = rc.response();
        response.putHeader("Vary", "Origin");
        String asked = request.getHeader("Access-Control-Request-Method");
        if (request.method() == HttpMethod.OPTIONS && asked != null) {
            Set<String> headers = Optional.ofNullable(request.getHeader("Access-Control-Request-Headers")).stream()
                    .flatMap(h -> java.util.Arrays.stream(h.split(","))).map(h -> h.trim().toLowerCase(Locale.ROOT))
                    .filter(h -> !h.isEmpty()).collect(Collectors.toCollection(java.util.TreeSet::new));
            boolean credentialed = headers.contains("authorization") || !READS.contains(asked.toUpperCase(Locale.ROOT));
            if (credentialed && !writer(origin)) {
                refuse(rc, origin + " may read this API without credentials; writes from other origins are allowed only "
                        + "from labledger.http.cors.write-origins");
                return;
            }
            response.setStatusCode(204)
                    .putHeader("Access-Control-Allow-Origin", credentialed ? origin : "*")
                    .putHeader("Access-Control-Allow-Methods", credentialed ? "GET, HEAD, POST, PUT, PATCH, DELETE" : "GET, HEAD, POST")
                    .putHeader("Access-Control-Allow-Headers", headers.isEmpty() ? "Content-Type" : String.join(", ", headers))
                    .putHeader("Access-Control-Max-Age", Long.toString(maxAge))
                    .end();
            return;
        }
        boolean credentialed = request.getHeader("Authorization") != null;
        if (credentialed && !writer(origin)) {
            refuse(rc, "requests with credentials are accepted only from labledger.http.cors.write-origins");
            return;
        }
        response.putHeader("Access-Control-Allow-Origin", credentialed ? origin : "*")
                .putHeader("Access-Control-Expose-Headers", EXPOSED);
        rc.next();
    }

    private void refuse(RoutingContext rc, String detail) {
        try {
            rc.response().setStatusCode(403).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(new Problem(ProblemMappers.TYPE_BASE + "cors-forbidden", "Forbidden", 403, detail,
                            rc.request().path(), null)));
        } catch (Exception e) {
            rc.fail(e);
        }
    }
}
