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
import org.labledger.common.Params;

import java.util.List;

@GraphQLApi
public class HistoryGraphQL {

    @Inject
    RevisionService revisions;

    @Name("ChangePage")
    public record ChangePage(@NonNull List<@NonNull ChangeNode> items, int page, int size, int totalItems, int totalPages) {
    }

    @Query("changes")
    @Description("Recorded changes after `since` (ISO-8601; all when absent), oldest first, paged; optionally of one entity type")
    public @NonNull ChangePage changes(String since, String entity, @DefaultValue("0") int page, @DefaultValue("50") int size) {
        Paging.check(page, size);
        PageResult<RevisionService.RevisionView> p = revisions.changes(RevisionService.timestamp("since", since),
                Params.text(entity) == null ? null : entity.trim().toUpperCase(), page, size);
        return new ChangePage(p.items().stream().map(ChangeNode::of).toList(), page, size, (int) p.totalItems(), p.totalPages());
    }
}
