package org.labledger.claim;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.labledger.common.ApiException;
import org.labledger.common.Batch;
import org.labledger.common.PageInfo;
import org.labledger.common.PageResult;
import org.labledger.common.Paging;
import org.labledger.common.Params;
import org.labledger.agreement.ProvisionNode;
import org.labledger.entity.EntityGraphQL;
import org.labledger.entity.EntityNode;
import org.labledger.lab.LabNode;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.SubjectType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Claims over GraphQL, and the claims of entities and labs; every relation is a batch resolver. */
@GraphQLApi
public class ClaimGraphQL {

    @Inject
    ClaimService claims;
    @Inject
    CitationService citations;
    @Inject
    EntityManager em;

    @Input("ClaimFilter")
    @Description("All given conditions must hold")
    public record ClaimFilterInput(@Description("Type of the record the claims are about (with aboutKey)") SubjectType aboutType,
                                   @Description("Slug or key of that record (an answer: questionKey/labSlug)") String aboutKey,
                                   @Description("The claimant's entity slug") String claimant,
                                   @Description("Any of these stances") List<ClaimStance> stances,
                                   @Description("Any of these certainties") List<ClaimCertainty> certainties,
                                   @Description("true: only claims another claim disputes, contradicts or denies; false: only the others") Boolean disputed) {
    }

    @Name("ClaimPage")
    @Description("One page of claims")
    public record ClaimPage(@NonNull @Description("The claims of this page") List<@NonNull ClaimNode> items,
                            @Description("Page number, from 0") int page,
                            @Description("Page size") int size,
                            @Description("Matching claims in all") int totalItems,
                            @Description("Pages in all") int totalPages) {
    }

    @Name("ClaimLink")
    @Description("A link between two claims")
    public record ClaimLink(@NonNull @Description("How the claims bear on each other") ClaimRelation relation,
                            @NonNull @Description("The other claim") ClaimNode claim) {
    }

    @Query("claims")
    @Description("Claims matching the filter, by key, one page at a time (page from 0, size 1 to 200)")
    public @NonNull ClaimPage claims(@Description("Conditions on the claims") ClaimFilterInput filter,
                                     @DefaultValue("0") @Description("Page number, from 0") int page,
                                     @DefaultValue("50") @Description("Page size, 1 to 200") int size) {
        Paging.check(page, size);
        PageResult<Long> ids = claims.searchIds(filter(filter), page, size);
        return new ClaimPage(nodes(ids.items()), page, size, (int) ids.totalItems(), ids.totalPages());
    }

    @Name("ClaimEdge")
    @Description("A claim of a connection, with the cursor after it")
    public record ClaimEdge(@NonNull @Description("The cursor after this claim: pass it as `after` for the claims that follow it (opaque)") String cursor,
                            @NonNull @Description("The claim") ClaimNode node) {
    }

    @Name("ClaimConnection")
    @Description("A page of claims by keyset (Relay connection), by key: every page costs what the first does, however deep")
    public record ClaimConnection(@NonNull @Description("The claims of this page, by key, each with its cursor") List<@NonNull ClaimEdge> edges,
                                  @NonNull @Description("Whether more claims follow, and the cursor to ask for them with") PageInfo pageInfo,
                                  @Description("How many claims match in all") int totalCount) {
    }

    @Query("claimConnection")
    @Description("Claims matching the filter, by key, by keyset (Relay connection): `first` claims after the cursor `after`; "
            + "unlike `claims(page:)`, a deep page costs what the first does")
    public @NonNull ClaimConnection claimConnection(@Description("Conditions on the claims") ClaimFilterInput filter,
                                                    @DefaultValue("50") @Description("How many claims, 1 to 200") int first,
                                                    @Description("The endCursor (or an edge's cursor) of the previous page; from the first claim when absent") String after) {
        return Paging.connection(first, n -> claims.idsAfter(filter(filter), after, n), this::nodes, ClaimEdge::new, ClaimConnection::new);
    }

    /** The service's filter of the GraphQL one (aboutType and aboutKey go together). */
    private static ClaimFilter filter(ClaimFilterInput filter) {
        ClaimFilterInput f = filter == null ? new ClaimFilterInput(null, null, null, null, null, null) : filter;
        if ((f.aboutType() == null) != (Params.text(f.aboutKey()) == null)) {
            throw ApiException.badParameter("filter.aboutType", "aboutType and aboutKey go together");
        }
        return new ClaimFilter(f.aboutType(), Params.text(f.aboutKey()), Params.text(f.claimant()), f.stances(), f.certainties(), f.disputed());
    }

    @Query("claim")
    @Description("One claim by key; error NOT_FOUND when there is none")
    public ClaimNode claim(@NonNull @Description("The claim's key") String key) {
        List<Long> ids = em.createQuery("select c.id from Claim c where c.key = ?1", Long.class).setParameter(1, key).getResultList();
        if (ids.isEmpty()) {
            throw ApiException.notFound("claim", key);
        }
        return nodes(ids).get(0);
    }

    /** Nodes for these claim ids, in this order (two queries plus one per subject type present). */
    List<ClaimNode> nodes(List<Long> ids) {
        return claims.nodes(ids);
    }

    @Description("Who makes the claim")
    public List<@NonNull EntityNode> claimant(@Source List<ClaimNode> parents) {
        return Batch.one(parents, ClaimNode::claimantId, EntityGraphQL.byIds(em, Batch.keys(parents, ClaimNode::claimantId)));
    }

    @Description("The evidence: where the document says it, verbatim")
    public List<@NonNull List<@NonNull CitationView>> citations(@Source List<ClaimNode> parents) {
        return Batch.many(parents, ClaimNode::id, citations.forSubjects(SubjectType.CLAIM, Batch.keys(parents, ClaimNode::id)));
    }

    @Description("Whether another claim disputes, contradicts or denies this one")
    public List<@NonNull Boolean> disputed(@Source List<ClaimNode> parents) {
        Map<Long, List<ClaimLink>> by = linked(parents, false);
        return parents.stream().map(p -> by.getOrDefault(p.id(), List.of()).stream().anyMatch(l -> ClaimRelation.AGAINST.contains(l.relation()))).toList();
    }

    @Description("The claims this one disputes, contradicts or denies")
    public List<@NonNull List<@NonNull ClaimLink>> disputes(@Source List<ClaimNode> parents) {
        return filtered(parents, true, true);
    }

    @Description("The claims that dispute, contradict or deny this one")
    public List<@NonNull List<@NonNull ClaimLink>> disputedBy(@Source List<ClaimNode> parents) {
        return filtered(parents, false, true);
    }

    @Description("The claims this one supports")
    public List<@NonNull List<@NonNull ClaimLink>> supports(@Source List<ClaimNode> parents) {
        return filtered(parents, true, false);
    }

    @Description("The claims that support this one")
    public List<@NonNull List<@NonNull ClaimLink>> supportedBy(@Source List<ClaimNode> parents) {
        return filtered(parents, false, false);
    }

    @Description("The provisions, events and answers this claim supports (they rest on it), by type then key")
    public List<@NonNull List<ClaimNode.@NonNull ClaimSubject>> supportsRecords(@Source List<ClaimNode> parents) {
        Map<Long, List<ClaimService.Subject>> by = claims.supportedRecords(Batch.keys(parents, ClaimNode::id));
        return parents.stream().map(p -> by.getOrDefault(p.id(), List.of()).stream()
                .map(s -> new ClaimNode.ClaimSubject(s.type(), s.key())).toList()).toList();
    }

    // Provision.claims lives here, with the type it returns: the agreement room sits below the claim room.
    @Name("claims")
    @Description("The claims the provision rests on, by key (each with its claimant, stance, certainty and disputes)")
    public List<@NonNull List<@NonNull ClaimNode>> provisionClaims(@Source List<ProvisionNode> provisions) {
        return claims.supporting(SubjectType.PROVISION, provisions, ProvisionNode::id);
    }

    // Event.claims lives here too: the event room sits below the claim room.
    @Name("claims")
    @Description("The claims the event rests on, by key (each with its claimant, stance, certainty and disputes)")
    public List<@NonNull List<@NonNull ClaimNode>> eventClaims(@Source List<org.labledger.event.EventNode> events) {
        return claims.supporting(SubjectType.EVENT, events, org.labledger.event.EventNode::id);
    }

    // Entity.claims lives here, with the type it returns: the entity room knows nothing of claims.
    @Name("claims")
    @Description("The claims the entity makes, by key")
    public List<@NonNull List<@NonNull ClaimNode>> entityClaims(@Source List<EntityNode> entities) {
        List<Long> ids = em.createQuery("select c.id from Claim c where c.claimant.id in ?1 order by c.key", Long.class)
                .setParameter(1, Batch.keys(entities, EntityNode::id)).getResultList();
        return Batch.many(entities, EntityNode::id, Batch.group(nodes(ids), ClaimNode::claimantId));
    }

    // Lab.claims lives here too: the lab room knows nothing of claims.
    @Name("claims")
    @Description("The claims about the lab itself (not those about its agreements, events or answers), by key")
    public List<@NonNull List<@NonNull ClaimNode>> labClaims(@Source List<LabNode> labs) {
        List<Long> ids = em.createQuery("select c.id from Claim c where c.aboutType = ?1 and c.aboutId in ?2 order by c.key", Long.class)
                .setParameter(1, SubjectType.LAB).setParameter(2, Batch.keys(labs, LabNode::id)).getResultList();
        List<ClaimNode> found = nodes(ids);
        Map<Long, List<ClaimNode>> byLab = new HashMap<>();
        for (ClaimNode n : found) {
            // the subject key is the lab's slug
            labs.stream().filter(l -> l.slug().equals(n.about().key())).findFirst()
                    .ifPresent(l -> byLab.computeIfAbsent(l.id(), k -> new ArrayList<>()).add(n));
        }
        return Batch.many(labs, LabNode::id, byLab);
    }

    private List<List<ClaimLink>> filtered(List<ClaimNode> parents, boolean outgoing, boolean against) {
        Map<Long, List<ClaimLink>> by = linked(parents, outgoing);
        return parents.stream().map(p -> by.getOrDefault(p.id(), List.<ClaimLink>of()).stream()
                .filter(l -> ClaimRelation.AGAINST.contains(l.relation()) == against).toList()).toList();
    }

    /** For each parent, its links (outgoing or incoming) with the claim at the other end: three queries or so, whatever the number. */
    private Map<Long, List<ClaimLink>> linked(List<ClaimNode> parents, boolean outgoing) {
        List<ClaimService.LinkRow> rows = claims.links(Batch.keys(parents, ClaimNode::id), outgoing);
        if (rows.isEmpty()) {
            return Map.of();
        }
        LinkedHashSet<Long> others = new LinkedHashSet<>();
        rows.forEach(r -> others.add(outgoing ? r.to() : r.from()));
        Map<Long, ClaimNode> nodes = Batch.index(nodes(new ArrayList<>(others)), ClaimNode::id);
        Map<Long, List<ClaimLink>> out = new HashMap<>();
        for (ClaimService.LinkRow r : rows) {
            out.computeIfAbsent(outgoing ? r.from() : r.to(), k -> new ArrayList<>()).add(new ClaimLink(r.relation(), nodes.get(outgoing ? r.to() : r.from())));
        }
        return out;
    }
}
