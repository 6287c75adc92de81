package org.labledger.common;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;

/**
 * Every absolute URL LabLedger sends (Location headers, Link paging headers, the Atom feed's ids and links) is
 * built here from the configured public base URL ({@code labledger.http.public-base-url}), never from the
 * request's {@code Host} header: the feed and the lists are cached publicly, so a URL taken from one client's
 * Host would be served to every other client.
 *
 * <p>Behind a reverse proxy, with {@code labledger.http.proxy.enabled=true}, Quarkus applies the trusted proxy's
 * {@code X-Forwarded-*}/{@code Forwarded} headers to the request ({@code quarkus.http.proxy.*}, untrusted senders are
 * ignored), and the links ({@link #of}, {@link #request}, {@link #links()}) take scheme, host and port from that
 * forwarded request, with the path prefix of the configured base. Identifiers that must never change (the Atom
 * feed's and entries' ids) always use {@link #base()}.
 */
@ApplicationScoped
public class PublicUrls {

    public static final String KEY = "labledger.http.public-base-url";
    public static final String PROXY_KEY = "labledger.http.proxy.enabled";
    static final String DEFAULT = "http://localhost:8080";

    /** Checks the configured base at start-up, so that a bad value stops the start instead of failing requests. */
    void check(@Observes StartupEvent event) {
        base();
    }

    /** The configured base URL, without a trailing slash (e.g. {@code https://labledger.example.org}). */
    public static String base() {
        String b = ConfigProvider.getConfig().getOptionalValue(KEY, String.class).orElse(DEFAULT).trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        URI u;
        try {
            u = new URI(b);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(KEY + " is not a URL: '" + b + "'", e);
        }
        if (!("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) || u.getHost() == null
                || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
            throw new IllegalStateException(KEY + " must be an http(s) URL without user, query or fragment, such as "
                    + "https://labledger.example.org, was '" + b + "'");
        }
        return b;
    }

    /**
     * The base of links: {@link #base()}, or, when proxy headers are honoured, the forwarded request's scheme, host and
     * port followed by the configured base's path prefix.
     */
    public static String links() {
        String b = base();
        if (!ConfigProvider.getConfig().getOptionalValue(PROXY_KEY, Boolean.class).orElse(false)) {
            return b;
        }
        HttpServerRequest r = current();
        if (r == null) {
            return b;
        }
        HostAndPort a = r.authority();
        String scheme = r.scheme();
        if (a == null || scheme == null) {
            return b;
        }
        boolean defaultPort = a.port() < 0 || ("http".equals(scheme) && a.port() == 80) || ("https".equals(scheme) && a.port() == 443);
        String host = a.host().contains(":") && !a.host().startsWith("[") ? "[" + a.host() + "]" : a.host();
        String path = URI.create(b).getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + a.port()) + (path == null ? "" : path);
    }

    private static HttpServerRequest current() {
        try (InstanceHandle<CurrentVertxRequest> h = Arc.container().instance(CurrentVertxRequest.class)) {
            RoutingContext rc = h.isAvailable() ? h.get().getCurrent() : null;
            return rc == null ? null : rc.request();
        } catch (RuntimeException e) {
            return null; // no request context (start-up, a background task)
        }
    }

    /** An absolute URL of a path below the link base: {@code of("api/labs/{slug}", "anthropic")}. */
    public static URI of(String pathTemplate, Object... values) {
        return UriBuilder.fromUri(links()).path(pathTemplate).build(values);
    }

    /** The current request's path and query below the link base (for paging links). */
    public static UriBuilder request(UriInfo uri) {
        URI r = uri.getRequestUri();
        return UriBuilder.fromUri(links() + r.getRawPath() + (r.getRawQuery() == null ? "" : "?" + r.getRawQuery()));
    }
}
