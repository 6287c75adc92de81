package org.labledger.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.labledger.common.Problem;
import org.labledger.common.TextRules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/changes/stream}: the change stream as server-sent events, one {@code event: change} per table
 * a committed transaction wrote, {@code id:} its data version, {@code data:} the {@link Change} as JSON
 * ({@code version}, {@code type}, {@code key}, {@code keys}, {@code labs}, {@code ops}, {@code more}).
 * <ul>
 * <li>Filters: {@code lab} (a lab's slug) and {@code type} (alias {@code entity}; a table: answer, lab,
 * question, ...), each repeatable or comma-separated; a change whose type or labs are not known in full goes to every
 * subscriber it may concern.</li>
 * <li>A comment {@code : heartbeat} every {@code labledger.changes.heartbeat} (below the HTTP idle timeout, which
 * would otherwise close a quiet stream); the stream opens with {@code retry:} and a comment naming the version.</li>
 * <li>At most {@code labledger.changes.max-subscribers} streams at once (SSE and GraphQL subscriptions each):
 * beyond, 503 problem with Retry-After. A subscriber that cannot keep up (its write queue full) is closed; an
 * EventSource reconnects by itself.</li>
 * </ul>
 */
@ApplicationScoped
public class ChangeStream {

    public static final String PATH = "/api/changes/stream";
    private static final Set<String> PARAMETERS = Set.of("lab", "type", "entity");

    @ConfigProperty(name = "labledger.changes.heartbeat", defaultValue = "2S")
    Duration heartbeat;
    @ConfigProperty(name = "labledger.changes.max-subscribers", defaultValue = "200")
    int maxSubscribers;

    @Inject
    DataVersion versions;
    @Inject
    ObjectMapper mapper;
    @Inject
    Vertx vertx;

    private final AtomicInteger open = new AtomicInteger();

    void routes(@Observes Router router) {
        // before the response cache (-90): a stream is never kept
        router.route(PATH).order(-95).handler(this::handle);
    }

    /** The configured bound, for the GraphQL subscription too (read through a method: this bean is proxied). */
    public int maxSubscribers() {
        return maxSubscribers;
    }

    /** How many subscribers are open now (tests, metrics). */
    public int open() {
        return open.get();
    }

    void handle(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.GET) {
            rc.response().putHeader("Allow", "GET");
            problem(rc, 405, "method-not-allowed", "Method Not Allowed", "the change stream is read with GET", null);
            return;
        }
        for (String name : rc.queryParams().names()) {
            if (!PARAMETERS.contains(name)) {
                problem(rc, 400, "invalid-parameter", "Invalid Parameter", "unknown query parameter '" + TextRules.xmlSafe(name)
                        + "'; it takes " + new java.util.TreeSet<>(PARAMETERS), new Problem.Violation(TextRules.xmlSafe(name), "unknown query parameter"));
                return;
            }
        }
        List<String> labs = values(rc, "lab");
        List<String> types = new ArrayList<>(values(rc, "type"));
        types.addAll(values(rc, "entity"));
        for (String v : concat(labs, types)) {
            String bad = TextRules.problem(v) != null ? TextRules.problem(v) : v.length() > 100 ? "is longer than 100 characters" : null;
            if (bad != null) {
                problem(rc, 400, "invalid-parameter", "Invalid Parameter", "a filter value " + bad, null);
                return;
            }
        }
        // a filter that can match nothing is a mistake to tell, not a stream that stays silent: a lab is a slug (one not
        // created yet may be waited for), a type a table name, in any case (LAB, as /api/changes?entity= spells it, is lab)
        for (String v : labs) {
            if (!Change.SLUG.matcher(v).matches()) {
                problem(rc, 400, "invalid-parameter", "Invalid Parameter", "parameter 'lab': '" + TextRules.xmlSafe(v)
                        + "' is not a lab slug (lower-case letters, digits, single hyphens)", new Problem.Violation("lab", "not a lab slug"));
                return;
            }
        }
        types.replaceAll(Change::typeName);
        for (String v : types) {
            if (!Change.TYPE.matcher(v).matches()) {
                problem(rc, 400, "invalid-parameter", "Invalid Parameter", "parameter 'type': '" + TextRules.xmlSafe(v)
                        + "' is not a table name (answer, lab, question, claim, citation, ...)", new Problem.Violation("type", "not a table name"));
                return;
            }
        }
        if (open.incrementAndGet() > maxSubscribers) {
            open.decrementAndGet();
            rc.response().putHeader("Retry-After", "5");
            problem(rc, 503, "too-many-subscribers", "Too Many Subscribers",
                    "the change stream has its " + maxSubscribers + " subscribers; try again later", null);
            return;
        }
        HttpServerResponse response = rc.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=UTF-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        Context context = Vertx.currentContext();
        response.write("retry: 2000\n: labledger changes, version " + versions.current() + "\n\n");
        Runnable[] unsubscribe = new Runnable[1];
        long timer = vertx.setPeriodic(heartbeat.toMillis(), id -> {
            if (!response.closed() && !response.ended()) {
                response.write(": heartbeat\n\n");
            }
        });
        Runnable close = new Runnable() {
            private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

            @Override
            public void run() {
                if (done.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    if (unsubscribe[0] != null) {
                        unsubscribe[0].run();
                    }
                    open.decrementAndGet();
                }
            }
        };
        response.closeHandler(v -> close.run());
        response.endHandler(v -> close.run());
        unsubscribe[0] = versions.subscribe(change -> {
            if (!change.matches(types, labs)) {
                return;
            }
            String event;
            try {
                event = "event: change\nid: " + change.version() + "\ndata: " + mapper.writeValueAsString(change) + "\n\n";
            } catch (JsonProcessingException e) {
                return;
            }
            context.runOnContext(v -> {
                if (response.closed() || response.ended()) {
                    close.run();
                } else if (response.writeQueueFull()) {
                    close.run();
                    response.end();
                } else {
                    response.write(event);
                }
            });
        });
        if (response.closed()) {
            close.run();
        }
    }

    private static List<String> values(RoutingContext rc, String name) {
        List<String> out = new ArrayList<>();
        for (String v : rc.queryParams().getAll(name)) {
            Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private void problem(RoutingContext rc, int status, String type, String title, String detail, Problem.Violation violation) {
        Problem p = new Problem("https://labledger.org/problems/" + type, title, status, detail, PATH,
                violation == null ? null : List.of(violation));
        try {
            rc.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(mapper.writeValueAsString(p));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }
}
