package org.labledger.common;

import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;

/** Paging rules shared by list endpoints: {@code page} from 0, {@code size} 1..200, RFC 8288 Link headers. */
public final class Paging {

    public static final int MAX_SIZE = 200;
    public static final int DEFAULT_SIZE = 50;
    /** Pages of a CSV download: up to this many rows, and by default as many, so that one download holds a whole table. */
    public static final int CSV_MAX_SIZE = 10_000;

    /** OpenAPI text of {@code page} on lists that also page by cursor. */
    public static final String OFFSET_PAGE = "page number, from 0 (offset paging: a deep page costs in proportion to its offset; use cursor for deep pages); not with cursor";
    /** OpenAPI text of {@code cursor}. */
    public static final String CURSOR = "keyset paging: the nextCursor of the previous page (also in its Link rel=\"next\"), passed unchanged; "
            + "every page then costs what the first does. The response is then {items, size, totalItems, nextCursor} (nextCursor absent on the last page); "
            + "the filters must stay those of the first page; not with page";

    private Paging() {
    }

    /** The {@code page} query parameter: from 0, default 0; a mistake is collected in {@code params}. */
    public static int page(Params params, String raw) {
        return params.integer("page", raw, 0, 0, Integer.MAX_VALUE);
    }

    /** The {@code size} query parameter: 1 to {@link #MAX_SIZE}, default {@link #DEFAULT_SIZE}. */
    public static int size(Params params, String raw) {
        return params.integer("size", raw, DEFAULT_SIZE, 1, MAX_SIZE);
    }

    /** One page of a list that is computed whole (small lists: labs, topics, sources, scorecards, ...). */
    public static <T> PageResult<T> slice(List<T> all, int page, int size) {
        long from = Math.min((long) page * size, all.size());
        int to = (int) Math.min(from + size, all.size());
        return PageResult.of(List.copyOf(all.subList((int) from, to)), page, size, all.size());
    }

    /** Parses {@code page} and {@code size} (400 listing every mistake) and answers that page of {@code all} with its headers. */
    public static Response ok(List<?> all, String page, String size, UriInfo uri) {
        Params params = new Params();
        int p = page(params, page);
        int s = size(params, size);
        params.check();
        return ok(slice(all, p, s), uri);
    }

    /** Checks GraphQL paging arguments (REST ones are parsed by {@link Params}); a mistake is BAD_REQUEST. */
    public static void check(int page, int size) {
        Params params = new Params();
        if (page < 0) {
            params.add("page", "must be 0 or greater, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            params.add("size", "must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        params.check();
    }

    /** The largest {@code first} of a GraphQL connection (as {@link #MAX_SIZE} for a page). */
    public static final int MAX_FIRST = MAX_SIZE;

    /** Checks a GraphQL connection's {@code first} (1 to {@link #MAX_FIRST}); a mistake is BAD_REQUEST. */
    public static void checkFirst(int first) {
        if (first < 1 || first > MAX_FIRST) {
            Params params = new Params();
            params.add("first", "must be between 1 and " + MAX_FIRST + ", was " + first);
            params.check();
        }
    }

    /**
     * A GraphQL connection resolver in one call: checks {@code first}, reads that many rows after the cursor
     * ({@code read}), and makes the connection of their nodes ({@link KeysetPage#connection}).
     */
    public static <K, N, E, C> C connection(int first, IntFunction<KeysetPage<K>> read, Function<List<K>, List<N>> nodes,
                                            BiFunction<String, N, E> edge, KeysetPage.Connection<E, C> make) {
        checkFirst(first);
        return read.apply(first).connection(nodes, edge, make);
    }

    /** A 200 response carrying the page and {@code Link} headers for first/prev/next/last (on the public base URL). */
    public static Response ok(PageResult<?> result, UriInfo uri) {
        List<Link> links = new ArrayList<>();
        int last = Math.max(result.totalPages() - 1, 0);
        links.add(link(uri, 0, result.size(), "first"));
        if (result.page() > 0) {
            links.add(link(uri, Math.min(result.page() - 1, last), result.size(), "prev"));
        }
        // page 0 of a keyset list keeps its offset links (clients that follow them keep getting offset pages with their
        // page numbers); its nextCursor is in the body, and each cursor page's next link carries the cursor
        if (result.page() < last) {
            links.add(link(uri, result.page() + 1, result.size(), "next"));
        }
        links.add(link(uri, last, result.size(), "last"));
        return Response.ok(result)
                .links(links.toArray(Link[]::new))
                .header("X-Total-Count", result.totalItems())
                .build();
    }

    /**
     * A 200 response carrying a keyset page and its {@code Link} headers: {@code first} (no cursor) and, unless it is
     * the last page, {@code next} (this request with {@code cursor} set to the page's nextCursor).
     */
    public static Response ok(CursorPage<?> result, UriInfo uri) {
        List<Link> links = new ArrayList<>();
        links.add(Link.fromUriBuilder(PublicUrls.request(uri).replaceQueryParam("cursor").replaceQueryParam("page")
                .replaceQueryParam("size", result.size())).rel("first").build());
        if (result.nextCursor() != null) {
            links.add(Link.fromUriBuilder(PublicUrls.request(uri).replaceQueryParam("page")
                    .replaceQueryParam("cursor", result.nextCursor()).replaceQueryParam("size", result.size())).rel("next").build());
        }
        return Response.ok(result)
                .links(links.toArray(Link[]::new))
                .header("X-Total-Count", result.totalItems())
                .build();
    }

    /**
     * The answer of a list that pages both ways: with {@code cursor}, the keyset page after it; page 0 is the first
     * keyset page in the shape of an offset page (its nextCursor in the body); any other page is an offset page.
     * {@code after} reads the keyset page after a cursor (null: the first); {@code offset} reads an offset page.
     */
    public static <T> Response ok(String cursor, int page, Function<String, CursorPage<T>> after, IntFunction<PageResult<T>> offset, UriInfo uri) {
        if (cursor != null && !cursor.isBlank()) {
            return ok(after.apply(cursor), uri);
        }
        if (page == 0) {
            return ok(PageResult.first(after.apply(null)), uri);
        }
        return ok(offset.apply(page), uri);
    }

    /**
     * A list that pages both ways, from its raw parameters: parses {@code page} and {@code size}, refuses {@code cursor}
     * with {@code page}, answers every mistake collected in {@code params} (the list's own filters too) in one 400, then
     * {@link #ok(String, int, Function, IntFunction, UriInfo)}: {@code after} reads (cursor, size), {@code offset} (page, size).
     */
    public static <T> Response ok(Params params, String page, String size, String cursor, BiFunction<String, Integer, CursorPage<T>> after,
                                  BiFunction<Integer, Integer, PageResult<T>> offset, UriInfo uri) {
        int p = page(params, page);
        int s = size(params, size);
        Cursor.exclusive(params, cursor, page);
        params.check();
        return ok(cursor, p, c -> after.apply(c, s), n -> offset.apply(n, s), uri);
    }

    private static Link link(UriInfo uri, int page, int size, String rel) {
        return Link.fromUriBuilder(PublicUrls.request(uri)
                        .replaceQueryParam("page", page)
                        .replaceQueryParam("size", size))
                .rel(rel).build();
    }
}
