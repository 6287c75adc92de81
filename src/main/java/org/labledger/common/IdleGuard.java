package org.labledger.common;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the short HTTP idle timeout ({@code quarkus.http.idle-timeout}, from {@code labledger.http.idle-timeout})
 * a timeout on the <em>client</em> only. Vert.x closes a connection on which nothing was read or written for that
 * long — which is what ends a half-sent request header, a stalled body or an idle keep-alive connection — but it
 * would also cut a request the server is still working on (an import, a statement waiting for a lock) and leave
 * the client without an answer, perhaps for a write that commits. So while a request that has been received in
 * full is being processed, the connection's idle events are held back, for at most
 * {@code labledger.http.processing-timeout}; once the answer is out (or the limit passed) they close it as before.
 */
@ApplicationScoped
public class IdleGuard {

    static final String NAME = "labledger-idle-guard";

    @ConfigProperty(name = "labledger.http.processing-timeout", defaultValue = "120S")
    Duration processingTimeout;

    /** Requests received and not answered yet, over all connections: the gauge {@code labledger.http.requests.processing}. */
    static final AtomicLong TRACKED = new AtomicLong();

    void routes(@Observes Router router, MeterRegistry registry) {
        Gauge.builder("labledger.http.requests.processing", TRACKED, AtomicLong::get)
                .description("HTTP requests received and not answered yet").register(registry);
        router.route().order(-1000).handler(this::track);
    }

    /** What {@link #TRACKED} counts now (tests). */
    static long tracked() {
        return TRACKED.get();
    }

    void track(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        HttpConnection connection = request.connection();
        if (connection instanceof ConnectionBase base) {
            Channel channel = base.channel();
            Guard guard = channel.pipeline().get(Guard.class);
            if (guard == null && channel.pipeline().get("idle") != null) {
                guard = new Guard(processingTimeout.toNanos());
                channel.pipeline().addAfter("idle", NAME, guard);
            }
            if (guard != null) {
                Guard g = guard;
                g.forgetAnswered();
                g.track(rc);
                rc.addEndHandler(done -> g.forget(rc));
            }
        }
        rc.next();
    }

    /** Holds back idle events while a fully received request is in processing, up to the processing timeout. */
    static final class Guard extends ChannelInboundHandlerAdapter {

        final Map<RoutingContext, Long> inFlight = new ConcurrentHashMap<>();
        private final long maxNanos;

        Guard(long maxNanos) {
            this.maxNanos = maxNanos;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent && processing()) {
                return;
            }
            super.userEventTriggered(ctx, event);
        }

        /**
         * Drops the requests whose answer is out. The routing context's end handler does that as a rule, but it
         * cannot be relied on: a handler that sets the response's own end handler replaces it (Quarkus' GraphQL
         * handler does, to end its request context), and then every request on a keep-alive connection stayed
         * here, with everything it referenced, until the connection closed.
         */
        void forgetAnswered() {
            for (RoutingContext rc : inFlight.keySet()) {
                if (rc.response().ended() || rc.response().closed()) {
                    forget(rc);
                }
            }
        }

        void track(RoutingContext rc) {
            if (inFlight.put(rc, System.nanoTime()) == null) {
                TRACKED.incrementAndGet();
            }
        }

        void forget(RoutingContext rc) {
            if (inFlight.remove(rc) != null) {
                TRACKED.decrementAndGet();
            }
        }

        /** The connection is gone (Netty removes every handler of a closed channel): so are its requests. */
        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            inFlight.keySet().forEach(this::forget);
        }

        private boolean processing() {
            forgetAnswered();
            long now = System.nanoTime();
            for (Map.Entry<RoutingContext, Long> e : inFlight.entrySet()) {
                // a request whose body is still coming is the client's to send: its silence closes the connection
                if (received(e.getKey()) && now - e.getValue() < maxNanos) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether the whole request has arrived: no body, all of its declared length read, or (a body of unknown
         * length) read in full by {@link BodyLimit}. The request's own {@code isEnded()} is not enough: seen through
         * the routing context's request wrapper it can stay false after the end was handled.
         */
        static boolean received(RoutingContext rc) {
            HttpServerRequest r = rc.request();
            if (r.isEnded() || Boolean.TRUE.equals(rc.get(BodyLimit.BODY_RECEIVED))) {
                return true;
            }
            String length = r.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                try {
                    return r.bytesRead() >= Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return !r.headers().contains(HttpHeaders.TRANSFER_ENCODING) && r.version() != io.vertx.core.http.HttpVersion.HTTP_2;
        }

        @Override
        public boolean isSharable() {
            return false;
        }
    }
}
