package org.labledger.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request that declares a body larger than the limit gets a {@code 413} problem (RFC 9457) before anything
 * reads it. Without this the HTTP layer answers such requests with an empty 413: Quarkus REST refuses the body
 * while reading it ({@code quarkus.http.limits.max-body-size}), the GraphQL route's body handler at 256 KB.
 * Bodies sent without a {@code Content-Length} (chunked) still meet those limits, with their empty 413.
 */
@ApplicationScoped
public class BodyLimit {

    /** The largest body of a GraphQL request (its route's body handler reads at most this). */
    public static final long GRAPHQL_MAX_BODY_BYTES = 256 * 1024;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;
    @Inject
    ObjectMapper mapper;

    void routes(@Observes Router router) {
        router.route().order(-200).handler(this::check);
    }

    void check(RoutingContext rc) {
        String declared = rc.request().getHeader("Content-Length");
        if (declared != null) {
            long limit = "/graphql".equals(rc.request().path()) ? GRAPHQL_MAX_BODY_BYTES : maxBodySize.asLongValue();
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    Problem p = new Problem(ProblemMappers.TYPE_BASE + "payload-too-large", "Payload Too Large", 413,
                            "the request body (" + declared.trim() + " bytes) is larger than the limit of " + limit + " bytes",
                            rc.request().path(), null);
                    // the body is not read: close the connection once the answer is out
                    rc.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                            .end(mapper.writeValueAsString(p));
                    return;
                }
            } catch (NumberFormatException e) {
                // a malformed Content-Length is the HTTP layer's to refuse
            } catch (Exception e) {
                rc.fail(e);
                return;
            }
        }
        rc.next();
    }
}
