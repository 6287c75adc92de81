package org.labledger.graphql;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;
import io.quarkus.arc.Arc;
import io.smallrye.graphql.spi.EventingService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.dataloader.DataLoader;
import org.eclipse.microprofile.context.ThreadContext;
import org.dataloader.DataLoaderFactory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Installs the {@link KeyedBatch} beans as the fetchers of their fields (SmallRye's eventing SPI, graphql-java's code
 * registry): each occurrence loads its source through the request's DataLoader named by the field and its arguments,
 * so that all occurrences with the same arguments are resolved together, and aliases with other arguments apart.
 * Always on: without it such a field falls back to one call per parent.
 */
public class GraphQLKeyedBatches implements EventingService {

    @Override
    public String getConfigKey() {
        return null; // always called
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema schema = builder.build();
        List<KeyedBatch> batches = Arc.container().select(KeyedBatch.class).stream().toList();
        if (batches.isEmpty()) {
            return builder;
        }
        GraphQLCodeRegistry registry = schema.getCodeRegistry().transform(c -> {
            for (KeyedBatch batch : batches) {
                c.dataFetcher(FieldCoordinates.coordinates(batch.type(), batch.field()), fetcher(batch));
            }
        });
        return builder.codeRegistry(registry);
    }

    /**
     * Runs the batch where the database may be read: graphql-java dispatches DataLoaders on whatever thread completed
     * the level, which can be the request's event-loop thread; there it runs on a worker of the request's own Vert.x
     * context (so with the request's contexts captured when the loader was created), as Quarkus runs SmallRye's batch loaders.
     */
    private static CompletionStage<List<Object>> load(Function<List<Object>, List<Object>> batch, List<Object> sources) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return CompletableFuture.completedFuture(batch.apply(sources));
        }
        // ordered: the batches of one request run one after the other, as they share its Hibernate session
        return context.executeBlocking(() -> batch.apply(sources), true).toCompletionStage();
    }

    private static DataFetcher<Object> fetcher(KeyedBatch batch) {
        String field = batch.type() + "." + batch.field();
        return env -> {
            Map<String, Object> arguments = new TreeMap<>(env.getArguments());
            DataLoader<Object, Object> loader = env.getDataLoaderRegistry().computeIfAbsent(field + arguments,
                    name -> {
                        // captured now, while the request's contexts (CDI request scope, transaction, session) are active
                        Function<List<Object>, List<Object>> contextual = Arc.container().select(ThreadContext.class).get()
                                .contextualFunction(sources -> List.copyOf(batch.load(sources, arguments)));
                        return DataLoaderFactory.newDataLoader(sources -> load(contextual, sources));
                    });
            return loader.load(env.getSource());
        };
    }
}
