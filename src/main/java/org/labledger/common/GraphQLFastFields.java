package org.labledger.common;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.PropertyDataFetcher;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Field;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads plain properties of our node records with graphql-java's {@link PropertyDataFetcher} instead of SmallRye's
 * {@link FieldDataFetcher}. SmallRye's fetcher builds a request context for every single field it reads, including
 * a JSON tree of the selected sub-fields; on the dashboard queries that was the largest single cost (JFR profile in
 * bench/README.md). The swap is made only for fields SmallRye would neither transform (formats) nor adapt
 * ({@code @AdaptWith}, maps), and that are not scalars SmallRye converts (a Java class other than the scalar's own,
 * such as Long ids or dates): for those its fetcher returns the property value unchanged, as this one does.
 * Anything else, or any surprise reading SmallRye's field model, keeps SmallRye's fetcher.
 */
@RegisterForReflection(targets = {FieldDataFetcher.class, BatchDataFetcher.class}, fields = true, methods = false)
final class GraphQLFastFields extends SimplePerformantInstrumentation {

    private static final Logger LOG = Logger.getLogger(GraphQLFastFields.class);

    private final Map<DataFetcher<?>, DataFetcher<?>> replacements = new ConcurrentHashMap<>();

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        if (dataFetcher instanceof FieldDataFetcher<?>) {
            return replacements.computeIfAbsent(dataFetcher, GraphQLFastFields::replacement);
        }
        if (dataFetcher instanceof BatchDataFetcher<?>) {
            return replacements.computeIfAbsent(dataFetcher, GraphQLFastFields::batchReplacement);
        }
        return dataFetcher;
    }

    /**
     * SmallRye's batch fetcher, per source object, builds the same request context (with the selected-field tree)
     * and wraps the DataLoader's future in a Mutiny pipeline; the batch loader then uses only the first key's
     * context. For our batch fields, which take no argument besides the sources, this fetcher hands the DataLoader
     * exactly what that loader reads (the arguments, none, and the environment) and skips the rest.
     */
    private static DataFetcher<?> batchReplacement(DataFetcher<?> smallrye) {
        try {
            java.lang.reflect.Field op = BatchDataFetcher.class.getDeclaredField("operation");
            java.lang.reflect.Field name = BatchDataFetcher.class.getDeclaredField("batchLoaderName");
            op.setAccessible(true);
            name.setAccessible(true);
            Operation operation = (Operation) op.get(smallrye);
            String loader = (String) name.get(smallrye);
            boolean sourcesOnly = operation.getArguments() == null
                    || operation.getArguments().stream().allMatch(io.smallrye.graphql.schema.model.Argument::isSourceArgument);
            if (!sourcesOnly || loader == null) {
                return smallrye;
            }
            return env -> {
                Map<String, Object> keyContext = new java.util.HashMap<>(4);
                keyContext.put("arguments", new java.util.ArrayList<>());
                keyContext.put("dataFetchingEnvironment", env);
                return env.getDataLoader(loader).load(env.getSource(), keyContext);
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("keeping SmallRye's batch fetcher: %s", e);
            return smallrye;
        }
    }

    private static DataFetcher<?> replacement(DataFetcher<?> smallrye) {
        try {
            java.lang.reflect.Field f = FieldDataFetcher.class.getDeclaredField("field");
            f.setAccessible(true);
            Field field = (Field) f.get(smallrye);
            var ref = field.getReference();
            // SmallRye transforms a scalar whose Java class is not its GraphQL class (ids, dates): AbstractHelper.shouldTransform
            boolean plainType = ref.getType() != ReferenceType.SCALAR || ref.getClassName().equals(ref.getGraphQLClassName());
            boolean plain = plainType && !field.hasTransformation() && !field.isAdaptingTo() && !field.isAdaptingWith()
                    && !ref.isAdaptingTo() && !ref.isAdaptingWith() && !"java.util.Map".equals(ref.getClassName())
                    && field.getPropertyName() != null;
            return plain ? PropertyDataFetcher.fetching(field.getPropertyName()) : smallrye;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("keeping SmallRye's field fetcher: %s", e);
            return smallrye;
        }
    }
}
