package org.labledger.common;

import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.BlockedFields;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import io.smallrye.graphql.spi.EventingService;

/**
 * Installs {@link GraphQLGuards} into SmallRye's GraphQL builder through SmallRye's eventing SPI (registered in
 * {@code META-INF/services}). This replaces observing the CDI event {@code GraphQL.Builder}: that needed
 * {@code quarkus.smallrye-graphql.events.enabled}, which also fires a CDI event before and after every single
 * field fetch and cost about a tenth of each dashboard request (measured with JFR, bench/README.md).
 */
@RegisterForReflection(targets = GraphQL.Builder.class, fields = true, methods = false)
public class GraphQLGuardsInstaller implements EventingService {

    /** SmallRye calls this service only when the key is true; it is true unless an operator turns it off. */
    @Override
    public String getConfigKey() {
        return "labledger.graphql.guards.enabled";
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        Arc.container().instance(GraphQLGuards.class).get().configure(builder);
        dropNoOpFieldVisibility(builder);
        return builder;
    }

    /**
     * Quarkus passes its default {@code quarkus.smallrye-graphql.field-visibility=default} to SmallRye, which turns
     * it into a {@link BlockedFields} with the regular expression "default": it blocks nothing, but graphql-java then
     * builds a "Type.field" string and runs a regex for every field it resolves (about a tenth of a dashboard
     * request). When the setting is that default, the schema gets graphql-java's own, free, default visibility.
     * The schema is read from the builder reflectively; if that fails, nothing changes.
     */
    private static void dropNoOpFieldVisibility(GraphQL.Builder builder) {
        String configured = ConfigProvider.getConfig().getOptionalValue("quarkus.smallrye-graphql.field-visibility", String.class).orElse("default");
        if (!"default".equals(configured)) {
            return;
        }
        try {
            java.lang.reflect.Field f = GraphQL.Builder.class.getDeclaredField("graphQLSchema");
            f.setAccessible(true);
            GraphQLSchema schema = (GraphQLSchema) f.get(builder);
            if (schema != null && schema.getCodeRegistry().getFieldVisibility() instanceof BlockedFields) {
                builder.schema(schema.transform(b -> b.codeRegistry(schema.getCodeRegistry()
                        .transform(c -> c.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY)))));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            Logger.getLogger(GraphQLGuardsInstaller.class).debugf("field visibility left as configured: %s", e);
        }
    }
}
