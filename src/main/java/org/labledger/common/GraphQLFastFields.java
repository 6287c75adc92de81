package org.labledger.common;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.PropertyDataFetcher;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.graphql.execution.datafetcher.FieldDataFetcher;
import io.smallrye.graphql.schema.model.Field;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads plain properties of our node records with graphql-java's {@link PropertyDataFetcher} instead of SmallRye's
 * {@link FieldDataFetcher}. SmallRye's fetcher builds a request context for every single field it reads, including
 * a JSON tree of the selected sub-fields; on the dashboard queries that was the largest single cost (JFR profile in
 * bench/README.md). The swap is made only for fields SmallRye would neither transform (formats) nor adapt
 * ({@code @AdaptWith}, maps): for those its fetcher returns the property value unchanged, exactly as this one does.
 * Anything else, or any surprise reading SmallRye's field model, keeps SmallRye's fetcher.
 */
@RegisterForReflection(targets = FieldDataFetcher.class, fields = true, methods = false)
final class GraphQLFastFields extends SimplePerformantInstrumentation {

    private static final Logger LOG = Logger.getLogger(GraphQLFastFields.class);

    private final Map<DataFetcher<?>, DataFetcher<?>> replacements = new ConcurrentHashMap<>();

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        if (!(dataFetcher instanceof FieldDataFetcher<?>)) {
            return dataFetcher;
        }
        return replacements.computeIfAbsent(dataFetcher, GraphQLFastFields::replacement);
    }

    private static DataFetcher<?> replacement(DataFetcher<?> smallrye) {
        try {
            java.lang.reflect.Field f = FieldDataFetcher.class.getDeclaredField("field");
            f.setAccessible(true);
            Field field = (Field) f.get(smallrye);
            boolean plain = !field.hasTransformation() && !field.isAdaptingTo() && !field.isAdaptingWith()
                    && !field.getReference().isAdaptingTo() && !field.getReference().isAdaptingWith()
                    && !"java.util.Map".equals(field.getReference().getClassName())
                    && field.getPropertyName() != null;
            return plain ? PropertyDataFetcher.fetching(field.getPropertyName()) : smallrye;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("keeping SmallRye's field fetcher: %s", e);
            return smallrye;
        }
    }
}
