package org.labledger.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every REST request an id: the caller's {@code X-Request-Id} when it is a plausible id, a fresh UUID
 * otherwise. The id goes into the logging MDC as {@code requestId} (so every log line written while the
 * request runs carries it — see quarkus.log.console.format) and back to the caller in the response header.
 */
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String PROPERTY = RequestIds.class.getName();
    /** What a caller may send: no spaces, quotes or control characters that could forge log lines. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    @ServerRequestFilter(preMatching = true, priority = 0)
    public void assign(ContainerRequestContext ctx) {
        String id = idFor(ctx.getHeaderString(HEADER));
        ctx.setProperty(PROPERTY, id);
        MDC.put(MDC_KEY, id);
    }

    /** The id of a request that sent this X-Request-Id (or none): the caller's when plausible, else a fresh one. */
    public static String idFor(String given) {
        return given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
        MDC.remove(MDC_KEY);
    }
}
