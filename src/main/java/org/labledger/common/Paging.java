package org.labledger.common;

import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.List;

/** Paging rules shared by list endpoints: {@code page} from 0, {@code size} 1..200, RFC 8288 Link headers. */
public final class Paging {

    public static final int MAX_SIZE = 200;
    public static final int DEFAULT_SIZE = 50;

    private Paging() {
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

    /** A 200 response carrying the page and {@code Link} headers for first/prev/next/last (on the public base URL). */
    public static Response ok(PageResult<?> result, UriInfo uri) {
        List<Link> links = new ArrayList<>();
        int last = Math.max(result.totalPages() - 1, 0);
        links.add(link(uri, 0, result.size(), "first"));
        if (result.page() > 0) {
            links.add(link(uri, Math.min(result.page() - 1, last), result.size(), "prev"));
        }
        if (result.page() < last) {
            links.add(link(uri, result.page() + 1, result.size(), "next"));
        }
        links.add(link(uri, last, result.size(), "last"));
        return Response.ok(result)
                .links(links.toArray(Link[]::new))
                .header("X-Total-Count", result.totalItems())
                .build();
    }

    private static Link link(UriInfo uri, int page, int size, String rel) {
        return Link.fromUriBuilder(PublicUrls.request(uri)
                        .replaceQueryParam("page", page)
                        .replaceQueryParam("size", size))
                .rel(rel).build();
    }
}
