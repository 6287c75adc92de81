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

/**
 * HTTP caching for the read API: every successful {@code GET /api/**} response gets a strong {@code ETag}
 * (SHA-256 of the exact body bytes) and the configured {@code Cache-Control}; a request whose
 * {@code If-None-Match} names the current tag gets {@code 304 Not Modified} without a body.
 *
 * <p>The entity is serialised here, once, with the application's ObjectMapper, and those very bytes are
 * sent, so the tag always describes the body on the wire. Streams and other unknown entities are left
 * alone (no tag). Errors (problem bodies) are never tagged or cached.
 */
public class HttpCaching {

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "labledger.http.cache-control", defaultValue = "public, max-age=60")
    String cacheControl;

    @ServerResponseFilter
    public void tag(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (!(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))
                || response.getStatus() != 200
                || !request.getUriInfo().getPath().startsWith("/api/")
                || !response.hasEntity()) {
            return;
        }
        byte[] body = body(response.getEntity());
        if (body == null) {
            return;
        }
        // a resource that versions its representation (for If-Match) sets its own tag; keep it
        Object own = response.getHeaders().getFirst(HttpHeaders.ETAG);
        String etag = own != null ? own.toString() : '"' + sha256(body) + '"';
        response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, cacheControl);
        if (matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
            response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
            return;
        }
        MediaType type = response.getMediaType() != null ? response.getMediaType() : MediaType.APPLICATION_JSON_TYPE;
        response.setEntity(body, response.getEntityAnnotations(), type);
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
     * RFC 9110 §13.1.2: If-None-Match uses the weak comparison, so {@code W/"x"} matches {@code "x"};
     * {@code *} matches any current representation.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    static String sha256(byte[] bytes) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
