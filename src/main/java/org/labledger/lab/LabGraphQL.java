package org.labledger.lab;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.labledger.common.Batch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Labs over GraphQL. Every relation is a batch resolver: one query per field, whatever the number of labs. */
@GraphQLApi
public class LabGraphQL {

    @Inject
    EntityManager em;
    @Inject
    LabService labs;

    @Query("labs")
    @Description("All labs and organisations, by slug; optionally only the given slugs or one kind")
    public @NonNull List<@NonNull LabNode> labs(@Description("Only these labs (unknown slugs are left out)") List<String> slugs,
                                               @Description("Only labs of this kind") LabKind kind) {
        List<Lab> found;
        if (slugs != null) {
            found = Lab.list("slug in ?1 order by slug", slugs);
        } else if (kind != null) {
            found = Lab.list("kind = ?1 order by slug", kind);
        } else {
            found = Lab.list("order by slug");
        }
        if (slugs != null && kind != null) {
            found = found.stream().filter(l -> l.kind == kind).toList();
        }
        return found.stream().map(LabNode::of).toList();
    }

    @Query("lab")
    @Description("One lab by slug; error NOT_FOUND when there is none")
    public LabNode lab(@NonNull @Description("The lab's slug") String slug) {
        return LabNode.of(labs.require(slug));
    }

    @Description("The organisation the lab belongs to (null when none)")
    public List<LabNode> parent(@Source List<LabNode> labs) {
        List<Long> ids = Batch.keys(labs, LabNode::parentId);
        Map<Long, LabNode> parents = ids.isEmpty() ? Map.of()
                : Batch.index(Lab.<Lab>list("id in ?1", ids).stream().map(LabNode::of).toList(), LabNode::id);
        return Batch.one(labs, LabNode::parentId, parents);
    }

    @Description("Organisations that belong to the lab, by slug")
    public List<@NonNull List<@NonNull LabNode>> children(@Source List<LabNode> labs) {
        List<Lab> children = Lab.list("parent.id in ?1 order by slug", Batch.keys(labs, LabNode::id));
        return Batch.many(labs, LabNode::id, Batch.group(children.stream().map(LabNode::of).toList(), LabNode::parentId));
    }

    @Description("Other names the lab is known by (the importers match on them), alphabetical")
    public List<@NonNull List<@NonNull String>> aliases(@Source List<LabNode> labs) {
        Map<Long, List<String>> aliases = new HashMap<>();
        for (Object[] r : em.createQuery("select l.id, a from Lab l join l.aliases a where l.id in ?1 order by a", Object[].class)
                .setParameter(1, Batch.keys(labs, LabNode::id)).getResultList()) {
            aliases.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        return Batch.many(labs, LabNode::id, aliases);
    }

    @Description("Those aliases that are the curator's identification, not a document's name for the lab, each with why; alphabetical")
    public List<@NonNull List<LabService.@NonNull AliasInference>> aliasInferences(@Source List<LabNode> labs) {
        return Batch.many(labs, LabNode::id, this.labs.aliasInferences(Batch.keys(labs, LabNode::id)));
    }

    // Batched fields take no arguments: SmallRye batches all occurrences of a field together and passes
    // the first one's arguments to all, so aliases with different arguments would get wrong answers.
    // Filtered views are top-level queries: answers(filter), scorecards(topic, questionnaire). Relations to
    // types of higher rooms (answers, questions, agreements, scorecard) are resolved in those rooms.

    @Description("Third-party scores of the lab, oldest first; `current` marks the one not superseded")
    public List<@NonNull List<LabService.@NonNull ScoreView>> scores(@Source List<LabNode> labs) {
        return Batch.many(labs, LabNode::id, this.labs.scores(Batch.keys(labs, LabNode::id)));
    }

}
