package org.labledger.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * One page of a list, with the totals a client needs to page through it. Pages count from 0. On lists that also page
 * by keyset, page 0 carries {@code nextCursor}: the cursor of the next page (absent on the last page and elsewhere).
 */
// returned inside a Response (Paging.ok), so Quarkus cannot see it as a resource return type: the native
// image would serialise it without its accessors unless registered
@RegisterForReflection
public record PageResult<T>(List<T> items, int page, int size, long totalItems, int totalPages,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    public PageResult(List<T> items, int page, int size, long totalItems, int totalPages) {
        this(items, page, size, totalItems, totalPages, null);
    }

    public static <T> PageResult<T> of(List<T> items, int page, int size, long total) {
        int pages = (int) ((total + size - 1) / size);
        return new PageResult<>(items, page, size, total, pages);
    }

    /** Page 0 of a keyset list: the first cursor page with the totals of an offset page. */
    public static <T> PageResult<T> first(CursorPage<T> first) {
        PageResult<T> p = of(first.items(), 0, first.size(), first.totalItems());
        return new PageResult<>(p.items(), 0, p.size(), p.totalItems(), p.totalPages(), first.nextCursor());
    }
}
