package org.labledger.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
        return given != null && ACCEPTED.matcher(given).matches() ? given : fresh();
    }

    /**
     * A random (version 4) UUID from the thread's own generator: an id to correlate log lines, not a secret, so it
     * does not need {@link UUID#randomUUID()}'s SecureRandom (shared, and 2 % of a cached hit's CPU).
     */
    static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
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
