package org.labledger.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * One page of a list paged by keyset: the rows after a cursor, the total of the whole list, and the cursor of the
 * next page (null on the last page). Unlike an offset page it costs the same however deep it is.
 */
// returned inside a Response (Paging.ok), like PageResult
@RegisterForReflection
public record CursorPage<T>(List<T> items, int size, long totalItems, String nextCursor) {

    /** The same page with other items (e.g. the rows of the ids), in the same order. */
    public <U> CursorPage<U> with(List<U> other) {
        return new CursorPage<>(other, size, totalItems, nextCursor);
    }
}
