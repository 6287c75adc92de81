package org.labledger.common;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;

/** Relay's PageInfo of every GraphQL connection: whether another page follows, and the cursor to ask for it with. */
@Name("PageInfo")
@Description("Where a connection's page ends: pass endCursor as `after` for the next page while hasNextPage is true")
public record PageInfo(@Description("Whether more items follow this page") boolean hasNextPage,
                       @Description("The cursor of the last item of this page (null on an empty page); opaque, pass it unchanged") String endCursor) {

    public static PageInfo of(KeysetPage<?> page) {
        return new PageInfo(page.hasNext(), page.endCursor());
    }
}
