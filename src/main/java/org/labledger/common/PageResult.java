package org.labledger.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** One page of a list, with the totals a client needs to page through it. Pages count from 0. */
// returned inside a Response (Paging.ok), so Quarkus cannot see it as a resource return type: the native
// image would serialise it without its accessors unless registered
@RegisterForReflection
public record PageResult<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    public static <T> PageResult<T> of(List<T> items, int page, int size, long total) {
        int pages = (int) ((total + size - 1) / size);
        return new PageResult<>(items, page, size, total, pages);
    }
}
