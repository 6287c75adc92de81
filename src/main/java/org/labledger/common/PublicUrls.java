package org.labledger.common;

import io.quarkus.runtime.StartupEvent;
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
 */
@ApplicationScoped
public class PublicUrls {

    public static final String KEY = "labledger.http.public-base-url";
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

    /** An absolute URL of a path below the base: {@code of("api/labs/{slug}", "anthropic")}. */
    public static URI of(String pathTemplate, Object... values) {
        return UriBuilder.fromUri(base()).path(pathTemplate).build(values);
    }

    /** The current request's path and query below the base (for paging links). */
    public static UriBuilder request(UriInfo uri) {
        URI r = uri.getRequestUri();
        return UriBuilder.fromUri(base() + r.getRawPath() + (r.getRawQuery() == null ? "" : "?" + r.getRawQuery()));
    }
}
