package org.labledger.common;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A keyset page as a service reads it: the rows, the cursor after each row (GraphQL edges carry them), the total of
 * the whole list, and whether a row follows the last. REST answers {@link #rest}, GraphQL a connection.
 */
public record KeysetPage<T>(List<T> items, List<String> cursors, int size, long totalItems, boolean hasNext) {

    /**
     * The page of {@code rows} read after a cursor with {@code LIMIT size + 1}: the first {@code size} of them, each
     * with the cursor {@code cursorOf} gives it; a further row only says that another page follows.
     */
    public static <R> KeysetPage<R> of(List<R> rows, int size, long totalItems, Function<R, String> cursorOf) {
        List<R> page = rows.subList(0, Math.min(size, rows.size()));
        return new KeysetPage<>(List.copyOf(page), page.stream().map(cursorOf).toList(), size, totalItems, rows.size() > size);
    }

    /** The same page with each row turned into another (e.g. a key row into its id), cursors unchanged. */
    public <U> KeysetPage<U> map(Function<T, U> f) {
        return new KeysetPage<>(items.stream().map(f).toList(), cursors, size, totalItems, hasNext);
    }

    /** GraphQL edges: each of {@code nodes} (the nodes of this page's rows, in their order) with its row's cursor. */
    public <N, E> List<E> edges(List<N> nodes, BiFunction<String, N, E> edge) {
        if (nodes.size() != cursors.size()) {
            throw new IllegalArgumentException("a node for each row: " + nodes.size() + " nodes, " + cursors.size() + " rows");
        }
        List<E> out = new java.util.ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            out.add(edge.apply(cursors.get(i), nodes.get(i)));
        }
        return out;
    }

    /** The cursor after the last row when another row follows it, else null. */
    public String nextCursor() {
        return hasNext && !cursors.isEmpty() ? cursors.get(cursors.size() - 1) : null;
    }

    /** The cursor after the last row (null on an empty page): GraphQL's pageInfo.endCursor. */
    public String endCursor() {
        return cursors.isEmpty() ? null : cursors.get(cursors.size() - 1);
    }

    /** The REST page of other items for these rows (the same order). */
    public <U> CursorPage<U> rest(List<U> other) {
        return new CursorPage<>(other, size, totalItems, nextCursor());
    }
}
