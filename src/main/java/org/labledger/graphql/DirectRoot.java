package org.labledger.graphql;

import graphql.language.Field;

/**
 * A root query field that {@link GraphQLDirect} can answer without graphql-java's execution: from the field as the
 * document wrote it (literal arguments, its selection), a plan that produces the field's value as JSON text. A bean of
 * this type in the room of the field's type registers it.
 */
public interface DirectRoot {

    /** The {@code Query} field this answers. */
    String field();

    /**
     * The plan for this occurrence of the field, or null when it is not expressible (an argument that is not a
     * literal, a selected field it does not know, …): the request then keeps the generic path. No database work here.
     */
    Plan compile(Field field);

    /**
     * Appends the field's value as JSON (UTF-8) to {@code out}; runs on a worker thread with a request context.
     * Writing bytes, not a String: the JSON PostgreSQL wrote is copied as it came (no decoding and encoding again).
     */
    @FunctionalInterface
    interface Plan {
        void write(io.vertx.core.buffer.Buffer out);
    }
}
