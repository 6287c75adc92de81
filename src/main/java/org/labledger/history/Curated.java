package org.labledger.history;

import org.labledger.common.BaseEntity;

import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One curated record type as {@link CuratedWrites} sees it: the name its revisions are filed under ({@code "TOPIC"}),
 * its noun in messages ({@code "topic"}), the field that carries its stable key ({@code "slug"} or {@code "key"}), how
 * to find a record by that key, read its key and optimistic-lock version, and its snapshot (the editable state a
 * revision stores before and after a change). Each write service declares its type once, next to its own steps.
 */
public record Curated<E extends BaseEntity>(String entity, String noun, String keyField, Function<String, E> find,
                                            Function<E, String> key, ToIntFunction<E> version,
                                            Function<E, Map<String, Object>> snapshot) {

    /** A kind of record that keeps this one from being deleted: {@code countJpql} counts them, its one parameter the record. */
    public record Reference(String things, String countJpql) {
    }
}
