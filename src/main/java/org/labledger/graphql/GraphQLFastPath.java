package org.labledger.graphql;

import graphql.GraphQL;
import graphql.schema.DataFetcher;
import io.quarkus.arc.Arc;
import io.smallrye.graphql.execution.error.ExceptionHandler;
import java.util.List;
import java.util.function.Function;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.LightDataFetcher;
import graphql.schema.PropertyDataFetcher;
import graphql.schema.visibility.BlockedFields;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.BatchLoaderHelper;
import io.smallrye.graphql.schema.model.Argument;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;
import io.smallrye.graphql.spi.EventingService;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * GraphQL speed work, through SmallRye's and graphql-java's public extension points only (no reflection). Three
 * costs that JFR found in every dashboard request (bench/README.md) are removed:
 * <ol>
 *   <li><b>Plain fields</b> ({@link DataFetcherService#getFieldDataFetcher}): a property SmallRye would neither
 *       transform (formats, scalars whose Java class is not the GraphQL one: ids, dates) nor adapt is read by
 *       graphql-java's {@link PropertyDataFetcher}, a light fetcher that needs no per-field environment, instead of
 *       SmallRye's, which builds a request context with a JSON tree of the selection for every field. So is an
 *       integer served as BigInteger (the counts: 3,000 fields of the all-labs dashboard at bench size l), converted
 *       as SmallRye's transformation would.</li>
 *   <li><b>Batch fields</b> ({@link EventingService#createOperation} records the operations,
 *       {@link EventingService#beforeSchemaBuild} swaps the fetchers): for a {@code @Source List<…>} operation
 *       that takes no other argument, the fetcher hands the DataLoader exactly what SmallRye's batch loader reads
 *       (no arguments and the environment), without SmallRye's per-source context and Mutiny pipeline.</li>
 *   <li><b>Field visibility</b>: Quarkus passes its default {@code field-visibility=default} to SmallRye, which turns
 *       it into a regular-expression {@link BlockedFields} that blocks nothing but is run for every field resolved;
 *       the schema gets graphql-java's own default visibility instead.</li>
 * </ol>
 * A fourth, {@link GraphQLCompiled}: the query strategy completes subtrees of plain fields and known relations
 * ({@link GraphQLRelation}) in loops, without graphql-java's per-field execution.
 * One flag, {@code labledger.graphql.fast-path.enabled} (default true), turns all four off without touching the
 * limits and error codes. {@link #report()} says what was engaged; {@code GraphQLFastPathTest} fails when it is not.
 */
public class GraphQLFastPath implements EventingService, DataFetcherService {

    private static final Logger LOG = Logger.getLogger(GraphQLFastPath.class);
    static final String FLAG = "labledger.graphql.fast-path.enabled";

    /** Sources-only batch operations by "Type.field", with their DataLoader names. */
    private static final Map<String, String> BATCH_LOADERS = new ConcurrentHashMap<>();
    private static final AtomicInteger PLAIN_FIELDS = new AtomicInteger();
    private static volatile int batchFields;
    private static volatile boolean visibilityDropped;

    /** What the fast path engaged when the schema was built. */
    public record Report(int plainFields, int batchFields, boolean defaultVisibility, int compiledRelations) {
    }

    public static Report report() {
        return new Report(PLAIN_FIELDS.get(), batchFields, visibilityDropped, compiledRelations);
    }

    private static volatile int compiledRelations = -1;

    /**
     * The query strategy: graphql-java's, with {@link GraphQLCompiled}'s completion of plain subtrees. Its
     * exception handler is the one SmallRye gives graphql-java's default strategy.
     */
    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        if (!enabled()) {
            return builder;
        }
        Map<String, Function<List<Object>, List<?>>> relations = new java.util.HashMap<>();
        Arc.container().select(GraphQLRelation.class).forEach(r -> relations.putAll(r.relations()));
        compiledRelations = relations.size();
        return builder.queryExecutionStrategy(new GraphQLCompiled(new ExceptionHandler(), relations));
    }

    private static boolean enabled() {
        return ConfigProvider.getConfig().getOptionalValue(FLAG, Boolean.class).orElse(true);
    }

    // ---------------------------------------------------------------------------------- EventingService

    @Override
    public String getConfigKey() {
        return FLAG;
    }

    @Override
    public Operation createOperation(Operation operation) {
        Reference on = operation.getSourceFieldOn();
        boolean sourcesOnly = operation.getArguments() == null || operation.getArguments().stream().allMatch(Argument::isSourceArgument);
        if (on != null && sourcesOnly) {
            BATCH_LOADERS.put(on.getName() + "." + operation.getName(), new BatchLoaderHelper().getName(operation));
        }
        return operation;
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema schema = builder.build();
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        int[] swapped = {0};
        GraphQLCodeRegistry fast = registry.transform(c -> {
            String configured = ConfigProvider.getConfig().getOptionalValue("quarkus.smallrye-graphql.field-visibility", String.class).orElse("default");
            if ("default".equals(configured) && registry.getFieldVisibility() instanceof BlockedFields) {
                c.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY);
                visibilityDropped = true;
            }
            for (var type : schema.getAllTypesAsList()) {
                if (!(type instanceof GraphQLFieldsContainer container) || type.getName().startsWith("__")) {
                    continue;
                }
                for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                    String loader = BATCH_LOADERS.get(container.getName() + "." + field.getName());
                    FieldCoordinates at = FieldCoordinates.coordinates(container.getName(), field.getName());
                    if (loader != null && registry.getDataFetcher(at, field) instanceof BatchDataFetcher<?>) {
                        c.dataFetcher(at, batch(loader));
                        swapped[0]++;
                    }
                }
            }
        });
        batchFields = swapped[0];
        LOG.debugf("GraphQL fast path: %s", report());
        return builder.codeRegistry(fast);
    }

    /** Loads the source through its DataLoader with the key context SmallRye's batch loader reads. */
    private static DataFetcher<Object> batch(String loader) {
        return env -> {
            Map<String, Object> keyContext = new java.util.HashMap<>(4);
            keyContext.put(BatchLoaderHelper.ARGUMENTS, new java.util.ArrayList<>());
            keyContext.put(BatchLoaderHelper.DATA_FETCHING_ENVIRONMENT, env);
            return env.getDataLoader(loader).load(env.getSource(), keyContext);
        };
    }

    // ---------------------------------------------------------------------------------- DataFetcherService

    /** After Quarkus' own service (priority 1), which provides no field fetchers. */
    @Override
    public Integer getPriority() {
        return 100;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public PlugableDataFetcher getFieldDataFetcher(Field field, Type type, Reference owner) {
        if (!enabled()) {
            return null;
        }
        Reference ref = field.getReference();
        // SmallRye transforms a scalar whose Java class is not its GraphQL class (ids, dates): keep its fetcher for those,
        // except an integer served as BigInteger (every count: Java long), whose transformation is BigInteger.valueOf
        boolean sameClass = ref.getType() != ReferenceType.SCALAR || ref.getClassName().equals(ref.getGraphQLClassName());
        boolean bigInteger = ref.getType() == ReferenceType.SCALAR && "java.math.BigInteger".equals(ref.getGraphQLClassName())
                && INTEGRAL.contains(ref.getClassName()) && !field.hasWrapper();
        boolean plain = (sameClass || bigInteger) && !field.hasTransformation() && !field.isAdaptingTo() && !field.isAdaptingWith()
                && !ref.isAdaptingTo() && !ref.isAdaptingWith() && !"java.util.Map".equals(ref.getClassName())
                && field.getPropertyName() != null;
        if (!plain) {
            return null;
        }
        PLAIN_FIELDS.incrementAndGet();
        return sameClass ? new Property(field.getPropertyName()) : new BigIntegerProperty(field.getPropertyName());
    }

    /** Java integer types, primitive and boxed, that SmallRye serves as BigInteger unless told otherwise. */
    private static final java.util.Set<String> INTEGRAL = java.util.Set.of("long", "int", "short", "byte",
            "java.lang.Long", "java.lang.Integer", "java.lang.Short", "java.lang.Byte");

    /** The property fetcher for an integer served as BigInteger: the value SmallRye's number transformation would give. */
    static final class BigIntegerProperty implements PlugableDataFetcher<Object>, LightDataFetcher<Object> {
        private final PropertyDataFetcher<Object> delegate;

        BigIntegerProperty(String name) {
            this.delegate = PropertyDataFetcher.fetching(name);
        }

        private static Object big(Object v) {
            return v instanceof Number n && !(v instanceof java.math.BigInteger) ? java.math.BigInteger.valueOf(n.longValue()) : v;
        }

        @Override
        public Object get(GraphQLFieldDefinition definition, Object source, Supplier<DataFetchingEnvironment> env) throws Exception {
            return big(delegate.get(definition, source, env));
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return big(delegate.get(environment));
        }
    }

    /** graphql-java's property fetcher, as a fetcher SmallRye accepts; light: it needs no environment. */
    static final class Property implements PlugableDataFetcher<Object>, LightDataFetcher<Object> {
        private final PropertyDataFetcher<Object> delegate;

        Property(String name) {
            this.delegate = PropertyDataFetcher.fetching(name);
        }

        @Override
        public Object get(GraphQLFieldDefinition definition, Object source, Supplier<DataFetchingEnvironment> env) throws Exception {
            return delegate.get(definition, source, env);
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            return delegate.get(environment);
        }

        /** The property of a source, without an environment (GraphQLCompiled); a getter that wants one fails. */
        Object read(GraphQLFieldDefinition definition, Object source) {
            try {
                return delegate.get(definition, source, () -> {
                    throw new IllegalStateException("no environment in the compiled path");
                });
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
