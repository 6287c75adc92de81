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


    /**
     * The records whose citations make up a lab's sources, as (lab id, subject type, subject id): the lab itself, its
     * answers, events, agreements (as party) and their provisions, its scores, and the claims about it. Read from the
     * tables directly: the rooms of those records sit above this one.
     */
    private static final String LAB_RECORDS = """
            select id lab_id, 'LAB' t, id sid from lab where id in (:ids)
            union all select lab_id, 'ANSWER', id from answer where lab_id in (:ids)
            union all select lab_id, 'EVENT', event_id from event_lab where lab_id in (:ids)
            union all select lab_id, 'AGREEMENT', agreement_id from agreement_party where lab_id in (:ids)
            union all select ap.lab_id, 'PROVISION', p.id from agreement_party ap join provision p on p.agreement_id = ap.agreement_id where ap.lab_id in (:ids)
            union all select lab_id, 'SCORE', id from lab_score where lab_id in (:ids)
            union all select about_id, 'CLAIM', id from claim where about_type = 'LAB' and about_id in (:ids)
            """;

    @Description("The sources cited for the lab: for the lab itself, its answers, events, agreements and their provisions, scores and the claims about it; by key")
    @SuppressWarnings("unchecked")
    public List<@NonNull List<org.labledger.source.@NonNull SourceNode>> sources(@Source List<LabNode> labs) {
        List<Long> ids = Batch.keys(labs, LabNode::id);
        Map<Long, List<org.labledger.source.SourceNode>> by = new HashMap<>();
        if (!ids.isEmpty()) {
            List<Object[]> rows = em.createNativeQuery("select distinct x.lab_id, s.id, s.key from (" + LAB_RECORDS + ") x"
                    + " join citation c on c.subject_type = x.t and c.subject_id = x.sid join source s on s.id = c.source_id order by s.key")
                    .setParameter("ids", ids).getResultList();
            List<Long> sourceIds = rows.stream().map(r -> ((Number) r[1]).longValue()).distinct().toList();
            Map<Long, org.labledger.source.SourceNode> nodes = sourceIds.isEmpty() ? Map.of() : Batch.index(
                    org.labledger.source.Source.<org.labledger.source.Source>list("id in ?1", sourceIds).stream()
                            .map(org.labledger.source.SourceNode::of).toList(), org.labledger.source.SourceNode::id);
            for (Object[] r : rows) {
                by.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add(nodes.get(((Number) r[1]).longValue()));
            }
        }
        return Batch.many(labs, LabNode::id, by);
    }
}
