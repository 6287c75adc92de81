package org.labledger.common;

import java.util.List;

/** One page of a list, with the totals a client needs to page through it. Pages count from 0. */
public record PageResult<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <T> PageResult<T> of(List<T> items, int page, int size, long total) {
        int pages = (int) ((total + size - 1) / size);
        return new PageResult<>(items, page, size, total, pages);
    }
}
