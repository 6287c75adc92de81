package org.labledger.history;

import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.labledger.common.PageResult;
import org.labledger.common.Paging;
import org.labledger.common.PageInfo;
import org.labledger.common.Params;

import java.util.List;

@GraphQLApi
public class HistoryGraphQL {

    @Inject
    RevisionService revisions;

    @Name("ChangePage")
    @Description("One page of recorded changes, with the totals of the whole list")
    public record ChangePage(@NonNull @Description("The changes on this page, oldest first") List<@NonNull ChangeNode> items,
                             @Description("This page's number, from 0") int page,
                             @Description("The page size asked for") int size,
                             @Description("How many changes the whole list holds") int totalItems,
                             @Description("How many pages of this size the whole list fills") int totalPages) {
    }

    @Query("changes")
    @Description("Recorded changes after `since` (ISO-8601; all when absent), oldest first, paged; optionally of one entity type")
    public @NonNull ChangePage changes(@Description("Only changes after this time (ISO-8601)") String since,
                                      @Description("Only changes of this entity type (ANSWER, LAB, QUESTION, ...)") String entity,
                                      @DefaultValue("0") @Description("Page number, from 0") int page,
                                      @DefaultValue("50") @Description("Page size, 1 to 200") int size) {
        Paging.check(page, size);
        PageResult<RevisionService.RevisionView> p = revisions.changes(RevisionService.timestamp("since", since),
                Params.text(entity) == null ? null : entity.trim().toUpperCase(), page, size);
        return new ChangePage(p.items().stream().map(ChangeNode::of).toList(), page, size, (int) p.totalItems(), p.totalPages());
    }

    @Name("ChangeEdge")
    @Description("A recorded change of a connection, with the cursor after it")
    public record ChangeEdge(@NonNull @Description("The cursor after this change: pass it as `after` for the changes that follow it (opaque)") String cursor,
                             @NonNull @Description("The change") ChangeNode node) {
    }

    @Name("ChangeConnection")
    @Description("A page of recorded changes by keyset (Relay connection), oldest first: every page costs what the first does, however deep")
    public record ChangeConnection(@NonNull @Description("The changes of this page, oldest first, each with its cursor") List<@NonNull ChangeEdge> edges,
                                   @NonNull @Description("Whether more changes follow, and the cursor to ask for them with") PageInfo pageInfo,
                                   @Description("How many changes the whole list holds") int totalCount) {
    }

    @Query("changeConnection")
    @Description("Recorded changes after `since` (all when absent), oldest first, by keyset (Relay connection): `first` changes after the cursor `after`; "
            + "unlike `changes(page:)`, a deep page costs what the first does")
    public @NonNull ChangeConnection changeConnection(@Description("Only changes after this time (ISO-8601)") String since,
                                                      @Description("Only changes of this entity type (ANSWER, LAB, QUESTION, ...)") String entity,
                                                      @DefaultValue("50") @Description("How many changes, 1 to 200") int first,
                                                      @Description("The endCursor (or an edge's cursor) of the previous page; from the first change when absent") String after) {
        return Paging.connection(first, n -> revisions.changesAfter(RevisionService.timestamp("since", since),
                Params.text(entity) == null ? null : entity.trim().toUpperCase(), after, n), rows -> rows.stream().map(ChangeNode::of).toList(), ChangeEdge::new, ChangeConnection::new);
    }
}
