package org.labledger.graphql;

import graphql.GraphQL;
import io.quarkus.arc.Arc;
import io.smallrye.graphql.spi.EventingService;

/**
 * Installs {@link GraphQLGuards} (limits, cost analysis, error codes, document cache) into SmallRye's GraphQL
 * builder through SmallRye's eventing SPI (registered in {@code META-INF/services}). This replaces observing the
 * CDI event {@code GraphQL.Builder}: that needed {@code quarkus.smallrye-graphql.events.enabled}, which also fires a
 * CDI event before and after every single field fetch and cost about a tenth of each dashboard request (measured
 * with JFR, bench/README.md). The speed work is separate: {@link GraphQLFastPath}, with its own flag.
 */
public class GraphQLGuardsInstaller implements EventingService {

    /** SmallRye calls this service only when the key is true; it is true unless an operator turns it off. */
    @Override
    public String getConfigKey() {
        return "labledger.graphql.guards.enabled";
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        Arc.container().instance(GraphQLGuards.class).get().configure(builder);
        return builder;
    }
}
