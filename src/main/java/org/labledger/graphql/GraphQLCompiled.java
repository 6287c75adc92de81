package org.labledger.graphql;

import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FieldCollectorParameters;
import graphql.execution.MergedField;
import graphql.execution.MergedSelectionSet;
import graphql.execution.ResultPath;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import io.quarkus.arc.Arc;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.eclipse.microprofile.context.ThreadContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * graphql-java's query strategy, with one cheaper way to complete an object (installed by {@link GraphQLFastPath}
 * through SmallRye's {@code beforeGraphQLBuild}, a public extension point of both): when every field selected below
 * an object, however deep, is a plain property ({@link GraphQLFastPath.Property}), {@code __typename}, or a
 * {@link GraphQLRelation}, the whole subtree is completed level by level in plain loops: one relation call per
 * level for all the objects of that level (the same resolver and SQL as the DataLoader batch), scalars and enums
 * serialised by the schema's own coercing, in the selection's order, aliases and fragments collected by
 * graphql-java's field collector. No per-field future, environment, step info, instrumentation call or DataLoader.
 * <p>
 * Anything else falls back to the generic completion, before or after trying: a field with arguments, an
 * interface or union, a null where the schema says non-null (graphql-java reports it with its path), a failing
 * resolver (graphql-java reports the error), {@code @defer} or a mutation, and relations below an object that
 * has a list above it (each such object would read its relations alone; DataLoaders batch them across the list). On the event-loop thread a subtree with
 * relations is completed on a worker of the request's context (one hop instead of one per DataLoader level).
 * The values it produces are counted against {@code labledger.graphql.max-result-values} as the generic path's
 * fetches are ({@link GraphQLCost#charge}). The result is the same map graphql-java builds: {@code GraphQLCompiledTest}
 * compares both paths byte for byte.
 */
final class GraphQLCompiled extends AsyncExecutionStrategy {

    /** Objects completed by the compiled path, and objects it left to the generic path after looking (for tests, bench). */
    static final AtomicLong COMPILED = new AtomicLong();
    static final AtomicLong GENERIC = new AtomicLong();
    /** Off: the generic path only (GraphQLCompiledTest compares the two in one running application). */
    static volatile boolean enabled = true;

    private static final String PLANS = GraphQLCompiled.class.getName() + ".plans";

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final Unsupported UNSUPPORTED = new Unsupported();

    private final Map<String, Function<List<Object>, List<?>>> relations;

    GraphQLCompiled(DataFetcherExceptionHandler exceptionHandler, Map<String, Function<List<Object>, List<?>>> relations) {
        super(exceptionHandler);
        this.relations = Map.copyOf(relations);
    }

    @Override
    protected Object executeObject(ExecutionContext ctx, ExecutionStrategyParameters params) {
        if (!enabled || params.getSource() == null || ctx.hasIncrementalSupport()
                || ctx.getOperationDefinition().getOperation() != OperationDefinition.Operation.QUERY
                || !(params.getExecutionStepInfo().getUnwrappedNonNullType() instanceof GraphQLObjectType type)
                || type == ctx.getGraphQLSchema().getQueryType() || params.getField() == null) {
            return super.executeObject(ctx, params);
        }
        Map<Object, Integer> plans = plans(ctx);
        Object key = params.getField().getSingleField();
        Integer plan = plans.get(key);
        if (plan == null) {
            plan = plan(ctx, type, params.getFields(), 0);
            plans.put(key, plan);
        }
        // a relation read for one object is one statement per object when the object has siblings under a list
        // higher up (each completed on its own): there the DataLoader batches are cheaper, so relations compile only
        // for an object with no list above it, e.g. the page of Query.answers
        if (plan == NONE || (plan == RELATIONS && underList(params.getPath()))) {
            return super.executeObject(ctx, params);
        }
        Context context = Vertx.currentContext();
        if (plan == PLAIN || context == null || !Context.isOnEventLoopThread()) {
            Map<String, Object> value = attempt(ctx, type, params);
            return value == null ? super.executeObject(ctx, params) : done(ctx, params, value);
        }
        // relations read the database: not on the event loop. One hop to a worker of the request's own context (with
        // the request's contexts captured now, as GraphQLKeyedBatches does) for the whole subtree, then back; graphql-java
        // learns of the object when it is done (as of any asynchronous field), or completes it generically after all.
        Supplier<Map<String, Object>> contextual = Arc.container().select(ThreadContext.class).get()
                .contextualSupplier(() -> attempt(ctx, type, params));
        CompletableFuture<Map<String, Object>> loaded = context.executeBlocking(contextual::get, true).toCompletionStage().toCompletableFuture();
        return loaded.<Object>thenCompose(value -> {
            Object r = value == null ? super.executeObject(ctx, params) : done(ctx, params, value);
            @SuppressWarnings("unchecked")
            CompletableFuture<Object> f = r instanceof CompletableFuture<?> c ? (CompletableFuture<Object>) c : CompletableFuture.completedFuture(r);
            return f;
        });
    }

    private static boolean underList(ResultPath path) {
        for (ResultPath p = path; p != null && !p.isRootPath(); p = p.getParent()) {
            if (p.isListSegment()) {
                return true;
            }
        }
        return false;
    }

    /** The completed object, or null when the generic path must complete it (graphql-java then reports what failed). */
    private Map<String, Object> attempt(ExecutionContext ctx, GraphQLObjectType type, ExecutionStrategyParameters params) {
        long[] values = {0};
        try {
            Map<String, Object> value = complete(ctx, type, params.getFields(), List.of(params.getSource()), values).get(0);
            GraphQLCost.charge(ctx, values[0]);
            COMPILED.incrementAndGet();
            return value;
        } catch (RuntimeException e) { // Unsupported, a null for a non-null field, a failing resolver
            GENERIC.incrementAndGet();
            return null;
        }
    }

    /** The generic bookkeeping (DataLoader dispatch levels, instrumentation) for an object with no fields left to execute. */
    private Object done(ExecutionContext ctx, ExecutionStrategyParameters params, Map<String, Object> value) {
        Object empty = super.executeObject(ctx, params.transform(b -> b.fields(MergedSelectionSet.newMergedSelectionSet().build())));
        if (empty instanceof CompletableFuture<?> f) {
            return f.thenApply(ignored -> value);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Integer> plans(ExecutionContext ctx) {
        Map<Object, Integer> plans = ctx.getGraphQLContext().get(PLANS);
        if (plans == null) {
            plans = new IdentityHashMap<>();
            ctx.getGraphQLContext().put(PLANS, plans);
        }
        return plans;
    }

    private MergedSelectionSet collect(ExecutionContext ctx, GraphQLObjectType type, MergedField field) {
        FieldCollectorParameters p = FieldCollectorParameters.newParameters()
                .schema(ctx.getGraphQLSchema()).objectType(type).fragments(ctx.getFragmentsByName())
                .variables(ctx.getCoercedVariables().toMap()).graphQLContext(ctx.getGraphQLContext()).build();
        return fieldCollector.collectFields(p, field, false);
    }

    private static final Integer NONE = 0;
    private static final Integer PLAIN = 1;
    private static final Integer RELATIONS = 2;

    /**
     * NONE unless every field below is one the compiled path completes (checked before any relation is loaded);
     * RELATIONS when a relation (SQL) is among them, PLAIN when not.
     */
    private Integer plan(ExecutionContext ctx, GraphQLObjectType type, MergedSelectionSet selection, int depth) {
        if (depth > 32) {
            return NONE;
        }
        Integer plan = PLAIN;
        for (String key : selection.getKeys()) {
            MergedField f = selection.getSubField(key);
            if ("__typename".equals(f.getName())) {
                continue;
            }
            GraphQLFieldDefinition def = type.getFieldDefinition(f.getName());
            Object fetcher = def == null ? null : fetcher(ctx, type, def);
            if (fetcher == null || !def.getArguments().isEmpty() || !f.getArguments().isEmpty()) {
                return NONE;
            }
            if (!(fetcher instanceof GraphQLFastPath.Property)) {
                plan = RELATIONS;
            }
            GraphQLType unwrapped = unwrapAll(def.getType());
            if (unwrapped instanceof GraphQLObjectType object) {
                Integer below = plan(ctx, object, collect(ctx, object, f), depth + 1);
                if (below == NONE) {
                    return NONE;
                }
                if (below == RELATIONS) {
                    plan = RELATIONS;
                }
            } else if (!(unwrapped instanceof GraphQLScalarType) && !(unwrapped instanceof GraphQLEnumType)) {
                return NONE;
            }
        }
        return plan;
    }

    private static GraphQLType unwrapAll(GraphQLType t) {
        while (t instanceof GraphQLNonNull || t instanceof GraphQLList) {
            t = t instanceof GraphQLNonNull n ? n.getWrappedType() : ((GraphQLList) t).getWrappedType();
        }
        return t;
    }

    /** The property fetcher, or the relation, of a field; null when it is neither. */
    private Object fetcher(ExecutionContext ctx, GraphQLObjectType type, GraphQLFieldDefinition def) {
        DataFetcher<?> fetcher = ctx.getGraphQLSchema().getCodeRegistry().getDataFetcher(type, def);
        if (fetcher instanceof GraphQLFastPath.Property) {
            return fetcher;
        }
        return relations.get(type.getName() + "." + def.getName());
    }

    private List<Map<String, Object>> complete(ExecutionContext ctx, GraphQLObjectType type, MergedSelectionSet selection,
                                               List<Object> sources, long[] values) {
        int n = sources.size();
        List<Map<String, Object>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new LinkedHashMap<>());
        }
        for (String key : selection.getKeys()) {
            MergedField f = selection.getSubField(key);
            values[0] += n;
            if ("__typename".equals(f.getName())) {
                for (Map<String, Object> m : out) {
                    m.put(key, type.getName());
                }
                continue;
            }
            GraphQLFieldDefinition def = type.getFieldDefinition(f.getName());
            Object fetcher = fetcher(ctx, type, def);
            List<?> fetched;
            if (fetcher instanceof GraphQLFastPath.Property property) {
                List<Object> read = new ArrayList<>(n);
                for (Object source : sources) {
                    read.add(property.read(def, source));
                }
                fetched = read;
            } else if (fetcher instanceof Function<?, ?> relation) {
                @SuppressWarnings("unchecked")
                List<?> loaded = ((Function<List<Object>, List<?>>) relation).apply(sources);
                fetched = loaded;
                if (fetched.size() != n) {
                    throw UNSUPPORTED;
                }
            } else {
                throw UNSUPPORTED;
            }
            List<Object> completed = completeValues(ctx, def.getType(), f, fetched, values);
            for (int i = 0; i < n; i++) {
                out.get(i).put(key, completed.get(i));
            }
        }
        return out;
    }

    private List<Object> completeValues(ExecutionContext ctx, GraphQLOutputType type, MergedField field, List<?> fetched, long[] values) {
        if (type instanceof GraphQLNonNull nonNull) {
            List<Object> completed = completeValues(ctx, (GraphQLOutputType) nonNull.getWrappedType(), field, fetched, values);
            for (Object v : completed) {
                if (v == null) {
                    throw UNSUPPORTED;
                }
            }
            return completed;
        }
        List<Object> out = new ArrayList<>(fetched.size());
        if (type instanceof GraphQLList list) {
            List<Object> all = new ArrayList<>();
            int[] sizes = new int[fetched.size()];
            for (int i = 0; i < sizes.length; i++) {
                Object v = fetched.get(i);
                if (v == null) {
                    sizes[i] = -1;
                } else if (v instanceof Collection<?> c) {
                    sizes[i] = c.size();
                    all.addAll(c);
                } else {
                    throw UNSUPPORTED;
                }
            }
            List<Object> completed = completeValues(ctx, (GraphQLOutputType) list.getWrappedType(), field, all, values);
            int at = 0;
            for (int size : sizes) {
                if (size < 0) {
                    out.add(null);
                } else {
                    out.add(new ArrayList<>(completed.subList(at, at + size)));
                    at += size;
                }
            }
            return out;
        }
        if (type instanceof GraphQLScalarType scalar) {
            for (Object v : fetched) {
                out.add(v == null ? null : scalar.getCoercing().serialize(v, ctx.getGraphQLContext(), ctx.getLocale()));
            }
            return out;
        }
        if (type instanceof GraphQLEnumType e) {
            for (Object v : fetched) {
                out.add(v == null ? null : e.serialize(v, ctx.getGraphQLContext(), ctx.getLocale()));
            }
            return out;
        }
        if (type instanceof GraphQLObjectType object) {
            List<Object> present = new ArrayList<>(fetched.size());
            for (Object v : fetched) {
                if (v != null) {
                    present.add(v);
                }
            }
            List<Map<String, Object>> completed = present.isEmpty() ? List.of()
                    : complete(ctx, object, collect(ctx, object, field), present, values);
            int at = 0;
            for (Object v : fetched) {
                out.add(v == null ? null : completed.get(at++));
            }
            return out;
        }
        throw UNSUPPORTED;
    }
}
