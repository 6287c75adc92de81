package org.labledger.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request body larger than the limit gets a {@code 413} problem (RFC 9457) instead of the HTTP layer's empty
 * 413 (Quarkus REST refuses a body while reading it, {@code quarkus.http.limits.max-body-size}; the GraphQL
 * route's body handler at 256 KB, on {@code /graphql} with or without a trailing slash).
 *
 * <ul>
 *   <li>A declared {@code Content-Length} over the limit is refused before anything reads the body.</li>
 *   <li>A body without one (chunked; HTTP/2) is read here, counting bytes, and refused as soon as it passes the
 *       limit; within the limit it is handed on as the request's body, which Quarkus REST, the GraphQL guard and
 *       SmallRye GraphQL then use instead of reading the stream. So at most {@code limit} bytes of such a body
 *       are ever held, as those handlers would hold them anyway.</li>
 * </ul>
 */
@ApplicationScoped
public class BodyLimit {

    /** The largest body of a GraphQL request (its route's body handler reads at most this). */
    public static final long GRAPHQL_MAX_BODY_BYTES = 256 * 1024;
    /** Routing-context key: the whole body of unknown length has been read here (see {@link IdleGuard}). */
    static final String BODY_RECEIVED = "labledger.body-received";

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;
    @Inject
    ObjectMapper mapper;

    /** Route order: a declared Content-Length is refused before any handler reads a body. */
    static final int ORDER = -220;

    void routes(@Observes Router router) {
        // after CORS (-300, so that a 413 carries its headers), before the GraphQL body handler (-215), the response
        // cache (-210) and authentication (Quarkus' filter, -200)
        router.route().order(ORDER).handler(this::check);
    }

    private static final java.util.regex.Pattern SLASHES = java.util.regex.Pattern.compile("/{2,}");

    /** Whether the request is for the GraphQL endpoint ({@code /graphql}, {@code /graphql/}, {@code //graphql//}, as Vert.x routes them). */
    static boolean graphql(RoutingContext rc) {
        String p = rc.normalizedPath();
        if (p == null) {
            return false;
        }
        if (p.contains("//")) { // rare: no regex compiled per request otherwise (this runs for every request)
            p = SLASHES.matcher(p).replaceAll("/");
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return "/graphql".equals(p);
    }

    long limit(RoutingContext rc) {
        return graphql(rc) ? GRAPHQL_MAX_BODY_BYTES : maxBodySize.asLongValue();
    }

    void check(RoutingContext rc) {
        HttpServerRequest req = rc.request();
        long limit = limit(rc);
        String declared = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    // the body is not read: the connection is closed once the answer is out
                    tooLarge(rc, "the request body (" + declared.trim() + " bytes) is larger than the limit of " + limit + " bytes");
                    return;
                }
            } catch (NumberFormatException e) {
                // a malformed Content-Length is the HTTP layer's to refuse
            }
            rc.next();
            return;
        }
        boolean unsized = req.headers().contains(HttpHeaders.TRANSFER_ENCODING) || req.version() == HttpVersion.HTTP_2;
        if (!unsized || req.isEnded()) {
            rc.next();
            return;
        }
        readBounded(rc, limit);
    }

    /** Reads a body of unknown length, at most {@code limit} bytes, and passes it on as the routing context's body. */
    private void readBounded(RoutingContext rc, long limit) {
        HttpServerRequest req = rc.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        req.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                refused[0] = true;
                req.pause();
                tooLarge(rc, "the request body is larger than the limit of " + limit + " bytes");
                return;
            }
            body.appendBuffer(chunk);
        });
        req.endHandler(v -> {
            if (!refused[0]) {
                rc.put(BODY_RECEIVED, Boolean.TRUE);
                RoutingContextInternal internal = (RoutingContextInternal) rc;
                internal.setBody(body);
                // as if a body handler had run: the GraphQL route's BodyHandler (and any other) takes this body as it is
                internal.visitHandler(RoutingContextInternal.BODY_HANDLER);
                rc.next();
            }
        });
        if ("100-continue".equalsIgnoreCase(req.getHeader(HttpHeaders.EXPECT)) && req.version() != HttpVersion.HTTP_1_0) {
            rc.response().writeContinue();
            // answered here: later handlers must not send a second 100 Continue
            req.headers().remove(HttpHeaders.EXPECT);
        }
        req.resume();
    }

    private void tooLarge(RoutingContext rc, String detail) {
        if (rc.response().headWritten()) {
            rc.response().close();
            return;
        }
        Problem p = new Problem(ProblemMappers.TYPE_BASE + "payload-too-large", "Payload Too Large", 413, detail, rc.request().path(), null);
        try {
            rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                    .putHeader("X-Content-Type-Options", "nosniff").end(mapper.writeValueAsString(p));
        } catch (Exception e) {
            rc.fail(e);
        }
    }
}
