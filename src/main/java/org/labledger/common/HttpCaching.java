package org.labledger.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HTTP caching for the read API, in one place: every successful {@code GET /api/**} response (JSON, CSV, Atom)
 * gets an {@code ETag} computed from the exact body bytes and the configured {@code Cache-Control}; a request whose
 * {@code If-None-Match} names the current tag gets {@code 304 Not Modified} without a body.
 *
 * <ul>
 * <li>The entity is serialised here, once, with the application's ObjectMapper, and those very bytes are sent on,
 * so the tag always describes the body on the wire (no second serialisation by the message body writer).</li>
 * <li>The tag is {@code "<sha256 of the body>"}; for a writable record, whose resource sets the version tag
 * {@code v<n>} ({@link Preconditions#entityTag}), it is {@code "v<n>-<sha256 of the body>"}: the version part is
 * what {@code If-Match} checks, the hash part changes with everything embedded (citations, counts, answers). Write
 * responses (PUT, PATCH, POST) of such records get the same complete tag, without Cache-Control.</li>
 * <li>Compression (Vert.x, {@code quarkus.http.enable-compression}) happens after this filter, on the wire. The tag
 * names the uncompressed content, so when the response is going to be compressed (compression on, a compressible
 * media type, and an {@code Accept-Encoding} that accepts one of the configured compressors) the tag is sent weak,
 * {@code W/"…"} (RFC 9110 §8.8.1: the gzip and identity bodies are semantically equivalent, not byte-equal), and
 * every tagged response of a compressible type carries {@code Vary: Accept-Encoding}. {@code If-None-Match} uses the
 * weak comparison (§13.1.2), so either form of the tag validates either body.</li>
 * </ul>
 * Streams and other unknown entities are left alone (no tag). Errors (problem bodies) are never tagged or cached.
 */
@jakarta.inject.Singleton
public class HttpCaching {

    private static final Pattern VERSION_TAG = Pattern.compile("^\"?v\\d+\"?$");

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "labledger.http.cache-control", defaultValue = "public, max-age=60")
    String cacheControl;

    /** Build time: Quarkus installs the compressors only when this is on. */
    @ConfigProperty(name = "quarkus.http.enable-compression", defaultValue = "false")
    boolean compressionBuilt;

    /** Run time: {@link Compression} turns the compressors off when this is off. */
    @ConfigProperty(name = Compression.KEY, defaultValue = "true")
    boolean compressionEnabled;

    @ConfigProperty(name = "quarkus.http.compressors", defaultValue = "gzip,deflate")
    List<String> compressors;

    @ConfigProperty(name = "quarkus.http.compress-media-types")
    Optional<List<String>> compressMediaTypes;

    private volatile Set<String> compressible;

    @ServerResponseFilter
    public void tag(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        Object own = response.getHeaders().getFirst(HttpHeaders.ETAG);
        String version = own == null ? null : own.toString();
        boolean versioned = version != null && VERSION_TAG.matcher(version).matches();
        int status = response.getStatus();
        if (!request.getUriInfo().getPath().startsWith("/api/") || !response.hasEntity()
                || !(read ? status == 200 : versioned && (status == 200 || status == 201))) {
            return;
        }
        byte[] body = body(response.getEntity());
        if (body == null) {
            return;
        }
        MediaType type = response.getMediaType() != null ? response.getMediaType() : MediaType.APPLICATION_JSON_TYPE;
        String hash = sha256(body);
        String etag = '"' + (versioned ? version.replace("\"", "") + "-" + hash : hash) + '"';
        if (compressible(type)) {
            response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
            if (willCompress(request.getHeaderString(HttpHeaders.ACCEPT_ENCODING))) {
                etag = "W/" + etag;
            }
        }
        response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        if (read) {
            // a response meant for one caller (a lab's inbox: private, no-store) keeps the Cache-Control it set
            if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
                response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, cacheControl);
            }
            if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
                response.setStatus(304);
                response.setEntity(null);
                response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
                response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
                return;
            }
        }
        response.setEntity(body, response.getEntityAnnotations(), type);
    }

    private boolean compressible(MediaType type) {
        return compressibleType(type.getType() + "/" + type.getSubtype());
    }

    /**
     * Whether a response of this Content-Type (parameters ignored) is compressed on the wire when the client accepts
     * it: compression built and on, and the type one of {@code quarkus.http.compress-media-types}. Also for the
     * GraphQL responses' tags (graphql/GraphQLHttpCaching).
     */
    public boolean compressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        return compressibleType((semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim());
    }

    private boolean compressibleType(String mediaType) {
        if (!compressionBuilt || !compressionEnabled) {
            return false;
        }
        Set<String> types = compressible;
        if (types == null) {
            types = compressMediaTypes.orElse(List.of()).stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            compressible = types;
        }
        return types.contains(mediaType.toLowerCase(Locale.ROOT));
    }

    /** The Cache-Control of a tagged read ({@code labledger.http.cache-control}). */
    public String cacheControl() {
        return cacheControl;
    }

    /** Whether the client accepts one of the configured compressors (RFC 9110 §12.5.3; q=0 refuses). */
    public boolean willCompress(String acceptEncoding) {
        return willCompress(acceptEncoding, compressors);
    }

    /**
     * Whether the server will compress for this Accept-Encoding with one of these compressors: the decision of Netty's
     * {@code HttpContentCompressor}, which does the compressing, read the way it reads the header (each entry is a
     * coding that <em>contains</em> a compressor's name, case-sensitively, so {@code x-gzip} is gzip and {@code GZIP} is
     * not; a {@code q} that does not parse counts as 0, which refuses). A tag is weak exactly when the body goes out
     * compressed, so this must not disagree with it (RFC 9110 §8.8.3: a strong tag names the bytes).
     */
    public static boolean willCompress(String acceptEncoding, List<String> compressors) {
        if (acceptEncoding == null || acceptEncoding.isBlank()) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            float q = 1.0f;
            int equals = part.indexOf('=');
            if (equals >= 0) {
                try {
                    q = Float.parseFloat(part.substring(equals + 1));
                } catch (NumberFormatException e) {
                    q = 0.0f;
                }
            }
            if (q <= 0.0f) {
                continue;
            }
            if (part.contains("*") || compressors.stream().map(String::trim).anyMatch(c -> !c.isEmpty() && part.contains(c))) {
                return true;
            }
        }
        return false;
    }

    private byte[] body(Object entity) {
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        if (entity instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (entity instanceof java.io.InputStream || entity instanceof jakarta.ws.rs.core.StreamingOutput
                || entity instanceof java.io.File || entity instanceof java.nio.file.Path) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the response body", e);
        }
    }

    /**
     * RFC 9110 §13.1.2: If-None-Match uses the weak comparison, so {@code W/"x"} matches {@code "x"} and the other way
     * round; {@code *} matches any current representation.
     */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String current = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(current)) {
                return true;
            }
        }
        return false;
    }

    /** The tag's hash part: base64url of the SHA-256 of the bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
