package org.labledger.graphql;

import io.smallrye.graphql.api.CustomScalar;
import io.smallrye.graphql.api.CustomStringScalar;

/**
 * A JSON value (object, array, string, number, boolean) as the GraphQL scalar {@code JSON}: declared through SmallRye's
 * custom-scalar API, and written into responses as JSON itself, not as a string holding JSON, by the coercing
 * {@link GraphQLScalars} gives the scalar. Holds the value's JSON text.
 */
@CustomScalar("JSON")
public final class JsonValue implements CustomStringScalar {

    private final String json;

    public JsonValue(String json) {
        this.json = json;
    }

    public static JsonValue of(String json) {
        return json == null ? null : new JsonValue(json);
    }

    @Override
    public String stringValueForSerialization() {
        return json;
    }

    @Override
    public String toString() {
        return json;
    }
}
