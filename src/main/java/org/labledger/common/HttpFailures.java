package org.labledger.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.VertxException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Requests the HTTP layer itself refuses (Vert.x Web fails the routing context with a status, before any
 * LabLedger or Quarkus REST handler runs) are answered as problem+json too, instead of Quarkus' generic error
 * page: {@code 400} for a request without a (valid) {@code Host} header or with a malformed query that Vert.x Web
 * refuses (a target that is not a valid URI at all, e.g. {@code %ZZ}, never gets here: Quarkus' root handler answers
 * it with an empty 400 before routing),
 * {@code 413} for a body a body handler found too large, {@code 417} for an unsupported {@code Expect}.
 * Every other failure goes on to the usual handlers.
 */
@ApplicationScoped
public class HttpFailures {

    @Inject
    ObjectMapper mapper;
    @Inject
    BodyLimit bodyLimit;

    void routes(@Observes Router router) {
        router.route().order(-300).failureHandler(this::failed);
    }

    void failed(RoutingContext rc) {
        int status = rc.statusCode();
        Throwable failure = rc.failure();
        boolean httpLayer = failure == null || failure instanceof VertxException || failure instanceof HttpException;
        if (rc.response().headWritten() || rc.response().ended() || !httpLayer || (status != 400 && status != 413 && status != 417)) {
            rc.next();
            return;
        }
        String message = failure == null ? null : failure.getMessage();
        String detail = switch (status) {
            case 413 -> "the request body is larger than the limit of " + bodyLimit.limit(rc) + " bytes";
            case 417 -> "the only expectation supported is 'Expect: 100-continue'";
            default -> message != null && (message.contains("'Host'") || message.contains(":authority"))
                    ? "the request has no valid Host header (HTTP/1.1 requires one)"
                    : message != null && message.contains("request path") ? "the request path must start with '/'"
                    : message != null && message.contains("query params") ? "the query string is not valid URL encoding"
                    : "the request is malformed";
        };
        String title = switch (status) {
            case 413 -> "Payload Too Large";
            case 417 -> "Expectation Failed";
            default -> "Bad Request";
        };
        String type = switch (status) {
            case 413 -> "payload-too-large";
            case 417 -> "expectation-failed";
            default -> "bad-request";
        };
        String path = rc.request().path();
        Problem p = new Problem(ProblemMappers.TYPE_BASE + type, title, status, detail, path != null && path.startsWith("/") ? path : null, null);
        try {
            var response = rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("X-Content-Type-Options", "nosniff");
            if (status == 413) {
                response.putHeader("Connection", "close");
            }
            response.end(mapper.writeValueAsString(p));
        } catch (Exception e) {
            rc.next();
        }
    }
}
