package org.labledger.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.labledger.common.Problem;
import org.labledger.common.ProblemMappers;
import org.labledger.common.RequestIds;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request that carries a bearer token has it verified before anything else looks at the request: a token that
 * is malformed, expired, badly signed or breaks {@link TokenRules} is answered {@code 401} with
 * {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750 §3.1), on every path, reads included.
 * <p>
 * Authentication is otherwise lazy here ({@code quarkus.http.auth.proactive=false}, so that the REST layer's 401/403
 * are problem documents): a public GET never asked for the caller's identity, so a bad token was never looked at
 * and the request was answered as an anonymous one, 200. That hid a client's broken token from it, and, since a
 * request with credentials is never answered from the response cache, the conditional-request path or the GraphQL
 * direct plans (their answer may depend on the caller), any anonymous client could bypass all three with
 * {@code Authorization: Bearer x} and make every read run its queries. Now only a verified token gets past this
 * point; a request without one is anonymous, and is treated as such everywhere ({@link #carriesBearer}).
 * <ul>
 *   <li>Only the {@code Bearer} scheme is LabLedger's (the JWT mechanism reads nothing else): another scheme, such as
 *       the {@code Basic} credentials of a proxy in front of the service, is ignored and the request is anonymous.</li>
 *   <li>More than one {@code Authorization} header with a bearer token is refused, 400 ({@code invalid_request}):
 *       which one would count is not for the service to guess.</li>
 *   <li>A token that is not shaped like a JWS or JWE compact serialisation (3 or 5 base64url parts) is refused on the
 *       event loop; a well-shaped one is verified by SmallRye JWT's parser (the same {@link TokenRules} as the
 *       authentication mechanism) on a worker thread, since fetching a key (a JWKS location) may block. A valid
 *       token is verified a second time by the mechanism when the request needs the identity (writes).</li>
 * </ul>
 */
@ApplicationScoped
public class BearerGate {

    /**
     * Route order: after the idle guard (-1000), compression (-400), CORS (-300, so that a 401 carries its headers) and
     * the declared-body limit (-220); before the GraphQL route's body handler (-215: a refused request's body is not
     * read), the response cache (-210) and Quarkus' authentication filter (-200).
     */
    static final int ORDER = -218;
    private static final CharSequence AUTHORIZATION = HttpHeaders.createOptimized("authorization");
    private static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

    @Inject
    JWTParser parser;
    @Inject
    ObjectMapper mapper;

    void routes(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    /**
     * Whether a request carries bearer credentials: an {@code Authorization} header of the {@code Bearer} scheme. A
     * request that does not is anonymous (bearer tokens are the only credentials LabLedger reads), whatever other
     * {@code Authorization} it sends; one that does got past this gate only with a valid token.
     */
    public static boolean carriesBearer(MultiMap headers) {
        if (!headers.contains(AUTHORIZATION)) {
            return false; // the common case: one hash lookup
        }
        for (String value : headers.getAll(AUTHORIZATION)) {
            if (bearerToken(value) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The token of a {@code Bearer} credential, read as SmallRye JWT's mechanism reads it (its
     * {@code AbstractBearerTokenExtractor}: the scheme case-insensitive, then one space, then the token as it stands), so
     * that the gate and the mechanism never disagree about a header: "" for a bare {@code Bearer}; null for another
     * scheme, {@code Bearer<TAB>…} included (the mechanism does not see a credential there either).
     */
    static String bearerToken(String value) {
        String v = value == null ? "" : value.strip();
        if (v.equalsIgnoreCase("Bearer")) {
            return "";
        }
        return v.length() > 7 && v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7) : null;
    }

    /** A JWS (3 parts) or JWE (5 parts) compact serialisation: base64url characters and dots, no empty signature part. */
    static boolean wellShaped(String token) {
        if (token.isEmpty()) {
            return false;
        }
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '=')) {
                return false;
            }
        }
        return (dots == 2 || dots == 4) && token.charAt(0) != '.' && token.charAt(token.length() - 1) != '.';
    }

    void check(RoutingContext rc) {
        MultiMap headers = rc.request().headers();
        if (!headers.contains(AUTHORIZATION)) {
            rc.next();
            return;
        }
        String token = null;
        int bearers = 0;
        for (String value : headers.getAll(AUTHORIZATION)) {
            String t = bearerToken(value);
            if (t != null) {
                bearers++;
                token = t;
            }
        }
        if (bearers == 0) {
            rc.next(); // another scheme: not LabLedger's credentials, the request is anonymous
            return;
        }
        if (bearers > 1) {
            refuse(rc, 400, "Bad Request", "bad-request", "send one Authorization header with one bearer token, not " + bearers,
                    "Bearer error=\"invalid_request\"");
            return;
        }
        if (!wellShaped(token)) {
            refuse(rc, 401, "Unauthorized", "unauthorized", "the bearer token is not a JWT (three or five base64url parts separated by dots)", INVALID_TOKEN);
            return;
        }
        Context context = Vertx.currentContext();
        if (context == null) {
            rc.next(); // not on a Vert.x context (never on an HTTP route): the mechanism still verifies it when it matters
            return;
        }
        String verified = token;
        context.executeBlocking(() -> parser.parse(verified), false).onComplete(result -> {
            if (result.succeeded()) {
                rc.next();
            } else if (!rc.response().ended()) {
                refuse(rc, 401, "Unauthorized", "unauthorized", "the bearer token was rejected (bad signature, issuer, audience or expired)", INVALID_TOKEN);
            }
        });
    }

    private void refuse(RoutingContext rc, int status, String title, String type, String detail, String challenge) {
        if (rc.response().headWritten()) {
            rc.response().close();
            return;
        }
        String path = rc.request().path();
        boolean graphql = path != null && (path.equals("/graphql") || path.equals("/graphql/"));
        String body;
        String contentType;
        try {
            if (graphql) {
                // a GraphQL client reads errors[]: the shape of the GraphQL guard's refusals, with the same code as REST's type
                String accept = String.join(",", rc.request().headers().getAll("Accept")).toLowerCase(Locale.ROOT);
                contentType = (accept.contains("application/graphql-response+json") ? "application/graphql-response+json" : "application/json")
                        + "; charset=UTF-8";
                body = mapper.writeValueAsString(Map.of("errors", List.of(Map.of("message", detail,
                        "extensions", Map.of("code", status == 401 ? "UNAUTHENTICATED" : "BAD_REQUEST")))));
            } else {
                contentType = Problem.MEDIA_TYPE;
                body = mapper.writeValueAsString(new Problem(ProblemMappers.TYPE_BASE + type, title, status, detail, path, null));
            }
        } catch (Exception e) {
            rc.fail(e);
            return;
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", contentType).putHeader("WWW-Authenticate", challenge)
                .putHeader("Cache-Control", "no-store")
                // answered before Quarkus REST, whose filter gives other responses their id (common/RequestIds)
                .putHeader(RequestIds.HEADER, RequestIds.idFor(rc.request().getHeader(RequestIds.HEADER))).end(body);
    }
}
