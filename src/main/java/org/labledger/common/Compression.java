package org.labledger.common;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Response compression around Quarkus' own ({@code quarkus.http.enable-compression}, {@code quarkus.http.compressors},
 * {@code quarkus.http.compress-media-types}: build-time keys).
 *
 * <ul>
 * <li>The run-time switch: {@code labledger.http.compression.enabled=false} ({@code LABLEDGER_HTTP_COMPRESSION_ENABLED})
 * turns the compressors off when the server starts (e.g. behind a proxy that compresses itself). {@link HttpCaching}
 * reads the same key to know whether a tag goes out weak.</li>
 * <li>Every response of a listed media type, not only those of REST endpoints whose {@code @Produces} names one:
 * Quarkus marks every response {@code Content-Encoding: identity} (not to be compressed) and lifts the mark only for
 * the endpoint's declared type, so problem bodies of exception mappers, the GraphQL SDL and the OpenAPI document went
 * out uncompressed. A headers-end handler lifts the mark by the type actually sent.</li>
 * </ul>
 */
@ApplicationScoped
public class Compression implements HttpServerOptionsCustomizer {

    public static final String KEY = "labledger.http.compression.enabled";

    @ConfigProperty(name = KEY, defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "quarkus.http.enable-compression", defaultValue = "false")
    boolean built;

    @ConfigProperty(name = "quarkus.http.compress-media-types")
    Optional<List<String>> mediaTypes;

    private Set<String> types;

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        if (!enabled) {
            options.setCompressionSupported(false);
        }
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        customizeHttpServer(options);
    }

    void routes(@Observes Router router) {
        if (!built || !enabled) {
            return;
        }
        types = mediaTypes.orElse(List.of()).stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        router.route().order(-400).handler(rc -> {
            rc.addHeadersEndHandler(v -> lift(rc));
            rc.next();
        });
    }

    private void lift(RoutingContext rc) {
        MultiMap headers = rc.response().headers();
        String type = headers.get("Content-Type");
        if (type == null || !"identity".equals(headers.get("Content-Encoding"))) {
            return;
        }
        int semicolon = type.indexOf(';');
        String bare = (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        if (types.contains(bare)) {
            headers.remove("Content-Encoding");
            if (headers.getAll("Vary").stream().noneMatch(v -> v.toLowerCase(Locale.ROOT).contains("accept-encoding"))) {
                headers.add("Vary", "Accept-Encoding");
            }
        }
    }
}
