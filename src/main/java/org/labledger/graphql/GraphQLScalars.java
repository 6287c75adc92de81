package org.labledger.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.GraphQLContext;
import graphql.Scalars;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLNonNull;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.smallrye.graphql.spi.EventingService;

import java.util.Locale;
import java.util.Map;

/**
 * The scalars of the served schema, completed through SmallRye's eventing SPI ({@link #beforeSchemaBuild}, a graphql-java
 * {@link SchemaTransformer} over the schema SmallRye built): each non-built-in scalar gets a description and a
 * {@code @specifiedBy} URL saying what its values are, so that the SDL and introspection tell a client how to read them;
 * {@code JSON} ({@link JsonValue}) also gets a coercing that writes the value as JSON, not as a string holding JSON.
 * Always on (no configuration key): the schema contract depends on it.
 */
public class GraphQLScalars implements EventingService {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** name → (description, specifiedBy URL). */
    static final Map<String, String[]> SCALARS = Map.of(
            "DateTime", new String[]{"A date and time with offset, RFC 3339 / ISO-8601 (2026-11-23T14:09:02.627635Z)",
                    "https://scalars.graphql.org/andimarek/date-time"},
            "BigDecimal", new String[]{"A decimal number of any precision, written as a JSON number without exponent or trailing zeros (0.5, 32.5, 250000000000)",
                    "https://www.rfc-editor.org/rfc/rfc8259#section-6"},
            "BigInteger", new String[]{"An integer of any size (here: counts), written as a JSON number",
                    "https://www.rfc-editor.org/rfc/rfc8259#section-6"},
            "JSON", new String[]{"Any JSON value (here: an object whose fields depend on the record), written as JSON itself, not as a string",
                    "https://www.rfc-editor.org/rfc/rfc8259"});

    @Override
    public String getConfigKey() {
        return null; // always called
    }

    @Override
    public GraphQLSchema.Builder beforeSchemaBuild(GraphQLSchema.Builder builder) {
        GraphQLSchema transformed = SchemaTransformer.transformSchema(builder.build(), new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar, TraverserContext<GraphQLSchemaElement> context) {
                String[] spec = SCALARS.get(scalar.getName());
                if (spec == null) {
                    return TraversalControl.CONTINUE;
                }
                GraphQLScalarType completed = scalar.transform(b -> {
                    // the URL for introspection (specifiedByURL), the applied directive for the printed SDL
                    b.description(spec[0]).specifiedByUrl(spec[1]).withAppliedDirective(GraphQLAppliedDirective.newDirective()
                            .name("specifiedBy").argument(GraphQLAppliedDirectiveArgument.newArgument().name("url")
                                    .type(GraphQLNonNull.nonNull(Scalars.GraphQLString)).valueProgrammatic(spec[1])));
                    if (scalar.getName().equals("JSON")) {
                        b.coercing(new JsonCoercing());
                    }
                });
                return changeNode(context, completed);
            }
        });
        return GraphQLSchema.newSchema(transformed);
    }

    /** Output only: LabLedger takes no JSON argument. */
    static final class JsonCoercing implements Coercing<Object, Object> {
        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            String text = value instanceof JsonValue j ? j.stringValueForSerialization() : value instanceof String s ? s : null;
            if (text == null) {
                if (value instanceof Map<?, ?> || value instanceof java.util.List<?> || value instanceof Number || value instanceof Boolean) {
                    return value;
                }
                throw new CoercingSerializeException("not a JSON value: " + (value == null ? "null" : value.getClass().getSimpleName()));
            }
            try {
                return MAPPER.readValue(text, Object.class);
            } catch (Exception e) {
                throw new CoercingSerializeException("not valid JSON", e);
            }
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            return new JsonValue(input instanceof String s ? s : String.valueOf(input));
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            throw new graphql.schema.CoercingParseLiteralException("JSON literals are not accepted as arguments");
        }
    }
}
