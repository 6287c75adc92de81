package org.labledger.common;

import java.util.List;

/**
 * A keyset page as a service reads it: the rows, the cursor after each row (GraphQL edges carry them), the total of
 * the whole list, and whether a row follows the last. REST answers {@link #rest}, GraphQL a connection.
 */
public record KeysetPage<T>(List<T> items, List<String> cursors, int size, long totalItems, boolean hasNext) {

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
