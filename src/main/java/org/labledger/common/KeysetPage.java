package org.labledger.common;

import jakarta.persistence.Query;

import java.util.List;
import java.util.Map;
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

    /**
     * Runs a keyset read: {@code count} (the whole list under the filter) and {@code rows} (the rows after the cursor, in
     * list order, the cursor's own parameters already set), both given {@code params}; {@code rows} is limited to
     * {@code size + 1}. Two statements, whatever the depth.
     */
    @SuppressWarnings("unchecked")
    public static <R> KeysetPage<R> read(Query count, Query rows, Map<String, ?> params, int size, Function<R, String> cursorOf) {
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        long total = ((Number) count.getSingleResult()).longValue();
        return of((List<R>) rows.setMaxResults(size + 1).getResultList(), size, total, cursorOf);
    }

    /** How a GraphQL connection type is made (each list has its own named type): its edges, pageInfo and totalCount. */
    @FunctionalInterface
    public interface Connection<E, C> {
        C of(List<E> edges, PageInfo pageInfo, int totalCount);
    }

    /**
     * The GraphQL connection of this page: the nodes of its rows ({@code nodes}, in their order, batched), each an
     * edge ({@code edge}) with its row's cursor, with pageInfo and totalCount.
     */
    public <N, E, C> C connection(Function<List<T>, List<N>> nodes, BiFunction<String, N, E> edge, Connection<E, C> make) {
        return make.of(edges(nodes.apply(items), edge), PageInfo.of(this), (int) totalItems);
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

    /** The REST page of these rows. */
    public CursorPage<T> rest() {
        return rest(items);
    }

    /** The REST page of other items for these rows (the same order). */
    public <U> CursorPage<U> rest(List<U> other) {
        return new CursorPage<>(other, size, totalItems, nextCursor());
    }
}
