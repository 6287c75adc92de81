package org.labledger.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.labledger.security.BearerGate;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct execution of known query shapes: a request whose document is one query operation with a single root field
 * that a {@link DirectRoot} can plan (today {@code answers}: a lab's answers with their questions and topics, the
 * dashboards' most common query) is answered from that plan — the page's ids, then one SQL statement in which
 * PostgreSQL writes the whole JSON of the selection ({@link DirectJson}) — instead of graphql-java's per-field
 * execution, DataLoaders and SmallRye's JSON tree. This is PostGraphile's approach (bench/README.md, workload 4),
 * applied only where the output is proven identical:
 * <ul>
 *   <li><b>Learnt, then proven.</b> A plan is only ever made for a request that first ran through the generic path
 *   and succeeded (status 200, data, no errors) — so it passed the request guard, schema validation, the cost
 *   analysis and every limit with exactly these arguments. Variables are written into the field as the literals
 *   their values are, typed by the schema ({@link DirectVariables}); the variables' JSON is part of the request
 *   shape, so each set of values is learnt and proven on its own (a request with extensions keeps the generic path). The plan then runs once on a worker and its output must equal, byte for byte,
 *   what SmallRye wrote for that request; otherwise the shape is marked generic for good (logged).</li>
 *   <li><b>Kept per request text:</b> operation name, Accept (the response's Content-Type depends on it), the query
 *   text and the variables as sent; bounded by the total length of those keys ({@code labledger.graphql.direct.plan-cache-characters}).</li>
 *   <li><b>Never for</b> a request with a bearer token ({@link BearerGate#carriesBearer}: a curator's view may differ), a mutation or
 *   subscription, directives, fragments, aliases repeated, or any field a plan does not know.</li>
 *   <li><b>Failure falls back:</b> when a plan fails (the database, a timeout), the request goes on to the generic path,
 *   which answers it as it would have (including its error codes).</li>
 * </ul>
 * Plans run on threads of their own, each in a request context of its own, {@code labledger.graphql.direct.concurrency} at once (default: half the
 * machine's cores, at least one, {@link #defaultConcurrency}): with more at once, PostgreSQL's backends contended and
 * workload 4's p99 grew (77–388 ms at seed with 8 at once; 21–129 ms at l with 2, 21–23 ms with 1: bench/README.md);
 * the others wait in order.
 * <p>
 * The response goes through the same route handlers as any other (CORS, compression, the response cache, which keeps
 * the body it captured: {@link GraphQLResults#recordBody}). Metrics: {@code labledger_graphql_direct_requests_total
 * {result=direct|generic|fallback}}. {@code labledger.graphql.direct.enabled=false} turns it off.
 */
@ApplicationScoped
public class GraphQLDirect {

    private static final Logger LOG = Logger.getLogger(GraphQLDirect.class);
    /** How long a request shape waits, after a learner started, before another request may try to learn it. */
    private static final long LEARNING_NANOS = 30_000_000_000L;

    @ConfigProperty(name = "labledger.graphql.direct.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "labledger.graphql.direct.plan-cache-characters", defaultValue = "2000000")
    long planCacheCharacters;
    /** Plans run at once (0: as many as the machine has cores); the others wait their turn in order. */
    @ConfigProperty(name = "labledger.graphql.direct.concurrency", defaultValue = "0")
    int concurrency;
    /**
     * The plans' own threads. Not a Vert.x worker: a task submitted to one from the request's (duplicated) Vert.x
     * context runs on that context, and with it in the HTTP request's CDI request context, whose request-scoped
     * Hibernate session the connection's close ends — a client that went away mid-statement closed the plan's
     * statement under it (Hibernate's WARN "This statement has been closed", then a fallback that answered nobody).
     * On these threads a plan runs in a request context of its own ({@link #run}), and its result is handed back to the
     * request's context.
     */
    private ExecutorService executor;

    @Inject
    Instance<DirectRoot> rootBeans;
    @Inject
    GraphQLGuards guards;
    @Inject
    MeterRegistry registry;
    /** SmallRye's schema (its producer), read only while a request shape with variables is learnt. */
    @Inject
    Instance<graphql.schema.GraphQLSchema> schema;

    /** Off for tests that measure the other paths (GraphQLCompiledTest); the configuration decides the route. */
    static volatile boolean active = true;

    private final Map<String, DirectRoot> roots = new HashMap<>();
    private Cache<String, Learnt> plans;
    private Counter direct;
    private Counter generic;
    private Counter fallback;

    /** What is known about one request shape: a proven plan, generic for good, or being learnt (since {@code at}). */
    record Learnt(DirectRoot.Plan plan, String rootKey, String contentType, boolean learning, long at) {
        static final Learnt GENERIC = new Learnt(null, null, null, false, 0);
    }

    void routes(@Observes Router router) {
        for (DirectRoot r : rootBeans) {
            roots.put(r.field(), r);
        }
        plans = Caffeine.newBuilder().maximumWeight(Math.max(1, planCacheCharacters))
                .<String, Learnt>weigher((k, v) -> k.length() + (v.plan() == null ? 64 : 4096)).build(); // a plan holds its SQL (1–3 KB)
        int threads = concurrency > 0 ? concurrency : defaultConcurrency(Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "labledger-direct-plans-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        direct = counter("direct");
        generic = counter("generic");
        fallback = counter("fallback");
        if (enabled && !roots.isEmpty()) {
            // after the response cache (-210: hits are served there) and the request guard (-94: envelope, parser limits)
            router.routeWithRegex("/graphql/?").order(-80).handler(this::handle);
        }
    }

    /**
     * Half the cores, at least one. A plan's work is one statement whose cost is nearly all PostgreSQL's (the walk and
     * the JSON are written there); with as many at once as cores (2 here, PostgreSQL on the same machine) their
     * backends competed with each other and with the service for the cores, and workload 4's p99 was 30–118 ms at
     * m and 21–129 ms at l; with one, 20–24 ms and 21–23 ms, for 12–17 % less throughput (bench/README.md). With
     * PostgreSQL on a host of its own, set {@code labledger.graphql.direct.concurrency} to what it has to spare.
     */
    static int defaultConcurrency(int cores) {
        return Math.max(1, cores / 2);
    }

    private Counter counter(String result) {
        return Counter.builder("labledger.graphql.direct.requests").tag("result", result)
                .description("GraphQL requests by whether a proven direct plan answered them").register(registry);
    }

    void handle(RoutingContext rc) {
        GraphQLRequestGuard.Request r = rc.get(GraphQLRequestGuard.REQUEST);
        Context context = Vertx.currentContext();
        if (!active || r == null || r.extensions() || context == null || BearerGate.carriesBearer(rc.request().headers())) {
            rc.next();
            return;
        }
        String accept = String.join(",", rc.request().headers().getAll("Accept"));
        // the variables as compact JSON, in the order sent: a client repeats its requests as it made them
        String key = (r.operationName() == null ? "" : r.operationName()) + '\n' + accept + '\n' + r.query()
                + (r.variableValues() == null ? "" : "\n\n" + r.variableValues());
        Learnt known = plans.getIfPresent(key);
        if (known == null || (known.learning() && System.nanoTime() - known.at() > LEARNING_NANOS)) {
            Learnt mark = new Learnt(null, null, null, true, System.nanoTime());
            if (known == null ? plans.asMap().putIfAbsent(key, mark) == null : plans.asMap().replace(key, known, mark)) {
                learnFrom(rc, context, key, r);
            }
            generic.increment();
            rc.next();
            return;
        }
        if (known.plan() == null) {
            generic.increment();
            rc.next();
            return;
        }
        onPlanThread(context, () -> run(known.plan(), known.rootKey())).onComplete(ar -> {
            if (ar.failed()) {
                LOG.debugf(ar.cause(), "direct plan failed; the generic path answers");
                fallback.increment();
                rc.next();
                return;
            }
            if (rc.response().ended() || rc.response().closed()) {
                return;
            }
            Buffer body = ar.result();
            GraphQLResults.recordDirect(context, body, rc.request().method() == io.vertx.core.http.HttpMethod.GET);
            direct.increment();
            rc.response().putHeader(io.vertx.core.http.HttpHeaders.CONTENT_TYPE, known.contentType()).end(body);
        });
    }

    /** Runs the work on the plans' threads, then completes on the request's context (its event loop). */
    private <T> Future<T> onPlanThread(Context context, Callable<T> work) {
        Promise<T> promise = Promise.promise();
        executor.execute(() -> {
            try {
                T result = work.call();
                context.runOnContext(v -> promise.complete(result));
            } catch (Throwable e) {
                context.runOnContext(v -> promise.fail(e));
            }
        });
        return promise.future();
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** The whole response body: the field's value as the plan writes it, in GraphQL's response envelope. */
    private static Buffer run(DirectRoot.Plan plan, String rootKey) {
        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        try {
            Buffer body = Buffer.buffer(16 * 1024).appendString("{\"data\":{\"").appendString(rootKey).appendString("\":");
            plan.write(body);
            return body.appendString("}}");
        } finally {
            if (activated) {
                requestContext.terminate();
            }
        }
    }

    /** When the generic response has been written: plan the shape, run the plan once and compare the bytes. */
    private void learnFrom(RoutingContext rc, Context context, String key, GraphQLRequestGuard.Request r) {
        rc.addHeadersEndHandler(v -> {
            ExecutionResult result = GraphQLResults.of(context);
            String type = rc.response().headers().get("Content-Type");
            if (rc.response().getStatusCode() != 200 || result == null || !result.getErrors().isEmpty() || !result.isDataPresent()
                    || type == null) {
                plans.asMap().remove(key); // a later request may succeed (a not-found lab created meanwhile, the database back)
                return;
            }
            String expected = new ExecutionResponse(result).getExecutionResultAsString();
            onPlanThread(context, () -> learn(r, type, expected)).onComplete(ar -> {
                Learnt learnt = ar.succeeded() ? ar.result() : null;
                if (learnt == null) {
                    plans.asMap().remove(key);
                } else {
                    plans.put(key, learnt);
                }
            });
        });
    }

    /** The proven plan for the request, {@link Learnt#GENERIC} when there is none, null to try again later. */
    private Learnt learn(GraphQLRequestGuard.Request r, String contentType, String expected) {
        // the document the generic path just parsed and validated (GraphQLGuards' document cache); parsed again only
        // when the cache has let it go
        Document document = guards.knownDocument(r.query());
        Field field;
        try {
            if (document == null) {
                document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment()
                        .document(r.query()).parserOptions(guards.parserOptions()).build());
            }
            field = rootField(document, r.operationName());
            if (field != null) {
                // variables become the literals they are, typed by the schema; a value it cannot write exactly: generic
                OperationDefinition op = (OperationDefinition) document.getDefinitions().get(0);
                field = DirectVariables.inline(field, op.getVariableDefinitions(), r.variableValues(),
                        op.getVariableDefinitions().isEmpty() ? null : schema.get());
            }
        } catch (RuntimeException e) {
            return Learnt.GENERIC;
        }
        DirectRoot root = field == null ? null : roots.get(field.getName());
        DirectRoot.Plan plan;
        try {
            plan = root == null ? null : root.compile(field);
        } catch (RuntimeException e) {
            plan = null;
        }
        if (plan == null) {
            return Learnt.GENERIC;
        }
        Buffer body;
        try {
            body = run(plan, field.getResultKey());
        } catch (RuntimeException e) {
            LOG.debugf(e, "direct plan for %s failed while being proven", field.getName());
            return null;
        }
        if (!body.toString(StandardCharsets.UTF_8).equals(expected)) {
            // a write between the two readings can do this too; the shape then stays on the generic path
            LOG.infof("GraphQL %s: the direct plan's output differs from the generic result; the request shape keeps the generic path",
                    field.getName());
            return Learnt.GENERIC;
        }
        return new Learnt(plan, field.getResultKey(), contentType, false, 0);
    }

    /** The single root field of the document's one query operation, or null for anything else. */
    static Field rootField(Document document, String operationName) {
        List<Definition> definitions = document.getDefinitions();
        if (definitions.size() != 1 || !(definitions.get(0) instanceof OperationDefinition op)
                || op.getOperation() != OperationDefinition.Operation.QUERY
                || !op.getDirectives().isEmpty() || (operationName != null && !operationName.equals(op.getName()))) {
            return null;
        }
        List<Selection> selections = op.getSelectionSet().getSelections();
        if (selections.size() != 1 || !(selections.get(0) instanceof Field f) || !f.getDirectives().isEmpty()
                || !DirectJson.simpleName(f.getResultKey()) || f.getName().startsWith("__")) {
            return null;
        }
        return f;
    }

    /** Forgets every plan (tests). */
    public void clear() {
        plans.invalidateAll();
    }
}
