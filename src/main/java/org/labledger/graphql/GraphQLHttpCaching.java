package org.labledger.graphql;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.labledger.common.HttpCaching;
import org.labledger.security.BearerGate;

import java.util.Locale;


/**
 * HTTP caching for GraphQL queries, as common/HttpCaching does it for the REST reads: the response to an anonymous
 * {@code GET /graphql?query=…} whose execution succeeded (status 200, data, no errors, the operation a query) gets an
 * {@code ETag} — the SHA-256 of the body SmallRye writes, weak ({@code W/"…"}) when the response is going to be
 * compressed, with {@code Vary: Accept-Encoding} — and the configured {@code Cache-Control}
 * ({@code labledger.http.cache-control}); a request whose {@code If-None-Match} names that tag (weak comparison) gets
 * {@code 304 Not Modified} without a body.
 * <p>
 * Here the query has run and been hashed (the response cache is off, or this is a miss); a response-cache hit answers
 * the conditional request from the kept entry before anything runs (stream/ResponseCache).
 * <p>
 * {@code POST /graphql} responses carry no ETag and no Cache-Control, and an If-None-Match on a POST is never
 * answered 304. RFC 9110 §8.8.3 / §13.1.2: a validator names the selected representation of the target resource, and a
 * POST's response body is the result of processing that request, not a representation of {@code /graphql}; a matching
 * If-None-Match on a POST would have to be answered 412 and the POST not performed, which no GraphQL client expects.
 * A client that wants conditional requests sends the query with GET (GraphQL over HTTP allows GET for queries).
 * Requests with a bearer token are not tagged either (their answer may depend on the caller); another
 * {@code Authorization} scheme is not a credential here ({@link BearerGate}).
 */
@ApplicationScoped
public class GraphQLHttpCaching {

    /** The REST responses' tagging: the same Cache-Control and the same rule for when a body is compressed. */
    @Inject
    HttpCaching http;

    /** At the end of a GraphQL response's headers, after its status is settled ({@link GraphQLRequestGuard}). */
    void tag(RoutingContext rc, Context context) {
        HttpServerRequest request = rc.request();
        HttpServerResponse response = rc.response();
        MultiMap headers = response.headers();
        if (request.method() != HttpMethod.GET || response.getStatusCode() != 200
                || BearerGate.carriesBearer(request.headers()) || headers.contains("ETag")) {
            return;
        }
        String type = headers.get("Content-Type");
        byte[] body = GraphQLResults.successfulQueryBody(context, type);
        if (body == null) {
            return;
        }
        String etag = '"' + HttpCaching.sha256(body) + '"';
        if (http.compressible(type)) {
            boolean varies = false;
            for (String v : headers.getAll("Vary")) {
                varies |= v.toLowerCase(Locale.ROOT).contains("accept-encoding");
            }
            if (!varies) {
                headers.add("Vary", "Accept-Encoding");
            }
            if (http.willCompress(request.getHeader("Accept-Encoding"))) {
                etag = "W/" + etag;
            }
        }
        headers.set("ETag", etag);
        if (!headers.contains("Cache-Control")) {
            headers.set("Cache-Control", http.cacheControl());
        }
        if (HttpCaching.matches(request.getHeader("If-None-Match"), etag)) {
            response.setStatusCode(304).setStatusMessage("Not Modified");
            headers.remove("Content-Type");
            headers.remove("Content-Length");
        }
    }

}
