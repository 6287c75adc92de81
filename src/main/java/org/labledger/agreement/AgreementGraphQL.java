package org.labledger.agreement;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.labledger.common.ApiException;
import org.labledger.common.Batch;
import org.labledger.common.Params;
import org.labledger.lab.Lab;
import org.labledger.lab.LabNode;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.FigureView;
import org.labledger.source.QualifiedValueService;
import org.labledger.source.RelativeDateView;
import org.labledger.source.SubjectType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Agreements over GraphQL: versions linked both ways, parties, provisions; relations resolved in batches. */
@GraphQLApi
public class AgreementGraphQL {

    @Inject
    EntityManager em;
    @Inject
    AgreementService agreements;
    @Inject
    CitationService citations;
    @Inject
    QualifiedValueService qualified;

    @Query("agreements")
    @Description("Agreements as a timeline of version chains (each chain oldest version first, chains by earliest known date, undated last), optionally only those a lab is party to, or of one kind")
    public @NonNull List<@NonNull AgreementNode> agreements(@Description("Only agreements this lab is party to (slug)") String lab,
                                                         @Description("Only agreements of this kind") AgreementKind kind) {
        List<String> slugs = agreements.list(Params.text(lab), kind).stream().map(AgreementService.AgreementSummary::slug).toList();
        Map<String, Agreement> bySlug = slugs.isEmpty() ? Map.of() : Batch.index(Agreement.<Agreement>list("slug in ?1", slugs), a -> a.slug);
        return slugs.stream().map(bySlug::get).map(AgreementNode::of).toList();
    }

    @Query("agreement")
    @Description("One agreement version by slug; error NOT_FOUND when there is none")
    public AgreementNode agreement(@NonNull @Description("The agreement version's slug") String slug) {
        Agreement a = Agreement.findBySlug(slug);
        if (a == null) {
            throw ApiException.notFound("agreement", slug);
        }
        return AgreementNode.of(a);
    }

    @Query("agreementDiff")
    @Description("What changed from one version of an agreement to a later one: added, removed, modified (before/after), continued, unchanged; NOT_FOUND for an unknown slug, UNPROCESSABLE when the two are not an earlier and a later version of one supersedes chain")
    public @NonNull AgreementDiffNode agreementDiff(@NonNull @Description("The earlier version's slug") String from,
                                                    @NonNull @Description("A later version's slug") String to) {
        AgreementService.DiffView d = agreements.diff(from, to);
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (List<AgreementService.ChangeView> l : List.of(d.added(), d.removed(), d.modified(), d.continued())) {
            for (AgreementService.ChangeView c : l) {
                keys.add(c.after().key());
                if (c.before() != null) {
                    keys.add(c.before().key());
                }
            }
        }
        d.unchanged().forEach(p -> keys.add(p.key()));
        Map<String, ProvisionNode> nodes = keys.isEmpty() ? Map.of()
                : Batch.index(Provision.<Provision>list("key in ?1", keys).stream().map(ProvisionNode::of).toList(), ProvisionNode::key);
        java.util.function.Function<List<AgreementService.ChangeView>, List<AgreementDiffNode.ProvisionChangeNode>> entries = l -> l.stream()
                .map(c -> new AgreementDiffNode.ProvisionChangeNode(c.change(), c.version(),
                        c.before() == null ? null : nodes.get(c.before().key()), nodes.get(c.after().key()))).toList();
        return new AgreementDiffNode(d.from(), d.to(), d.versions(), entries.apply(d.added()), entries.apply(d.removed()),
                entries.apply(d.modified()), entries.apply(d.continued()), d.unchanged().stream().map(p -> nodes.get(p.key())).toList());
    }

    @Description("How the provision relates to an earlier provision, with the quote that says so (null when no lineage is recorded)")
    public List<LineageView> lineage(@Source List<ProvisionNode> provisions) {
        List<Long> ids = provisions.stream().filter(p -> p.change() != null).map(ProvisionNode::id).toList();
        Map<Long, LineageView> found = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Provision p : Provision.<Provision>list("select p from Provision p left join fetch p.predecessor pp left join fetch pp.agreement left join fetch p.changeSource where p.id in ?1", ids)) {
                found.put(p.id, LineageView.of(p));
            }
        }
        return Batch.one(provisions, ProvisionNode::id, found);
    }

    @Description("The provision's status, derived from the lineage links of later versions: IN_FORCE, MODIFIED, SUPERSEDED, REMOVED, or REMOVAL for a removal record")
    public List<@NonNull ProvisionStatus> status(@Source List<ProvisionNode> provisions) {
        Map<Long, List<AgreementService.LaterLink>> later = agreements.laterLinks(Batch.keys(provisions, ProvisionNode::id));
        return provisions.stream().map(p -> "REMOVAL".equals(p.kind()) ? ProvisionStatus.REMOVAL
                : ProvisionStatus.of(null, later.getOrDefault(p.id(), List.of()).stream().map(AgreementService.LaterLink::change).toList())).toList();
    }

    @Description("The effective date of the later version that modifies, replaces or removes the term (null when none does, or that version states no effective date)")
    public List<String> endedOn(@Source List<ProvisionNode> provisions) {
        Map<Long, List<AgreementService.LaterLink>> later = agreements.laterLinks(Batch.keys(provisions, ProvisionNode::id));
        return provisions.stream().map(p -> AgreementService.endedOn(later.getOrDefault(p.id(), List.of()))).toList();
    }

    // Lab.agreements lives here, with the type it returns: the lab room knows nothing of agreements.
    @Name("agreements")
    @Description("Agreements the lab is party to")
    public List<@NonNull List<@NonNull AgreementNode>> labAgreements(@Source List<LabNode> labs) {
        Map<Long, List<AgreementNode>> byLab = new HashMap<>();
        for (Object[] r : em.createQuery("select p.lab.id, a from Agreement a join a.parties p where p.lab.id in ?1 order by a.slug", Object[].class)
                .setParameter(1, Batch.keys(labs, LabNode::id)).getResultList()) {
            byLab.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(AgreementNode.of((Agreement) r[1]));
        }
        return Batch.many(labs, LabNode::id, byLab);
    }

    @Description("The parties to the agreement")
    public List<@NonNull List<@NonNull PartyNode>> parties(@Source List<AgreementNode> agreements) {
        Map<Long, List<PartyNode>> byAgreement = new HashMap<>();
        for (Object[] r : em.createQuery("select a.id, p.lab, p.role from Agreement a join a.parties p where a.id in ?1", Object[].class)
                .setParameter(1, Batch.keys(agreements, AgreementNode::id)).getResultList()) {
            byAgreement.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(new PartyNode(LabNode.of((Lab) r[1]), (String) r[2]));
        }
        return Batch.many(agreements, AgreementNode::id, byAgreement);
    }

    @Description("The agreement's terms, in order")
    public List<@NonNull List<@NonNull ProvisionNode>> provisions(@Source List<AgreementNode> agreements) {
        List<ProvisionNode> provisions = Provision.<Provision>list("agreement.id in ?1 order by ordinal", Batch.keys(agreements, AgreementNode::id))
                .stream().map(ProvisionNode::of).toList();
        return Batch.many(agreements, AgreementNode::id, Batch.group(provisions, ProvisionNode::agreementId));
    }

    @Description("The earlier version this one replaces")
    public List<AgreementNode> supersedes(@Source List<AgreementNode> agreements) {
        List<Long> ids = Batch.keys(agreements, AgreementNode::supersedesId);
        Map<Long, AgreementNode> found = ids.isEmpty() ? Map.of()
                : Batch.index(Agreement.<Agreement>list("id in ?1", ids).stream().map(AgreementNode::of).toList(), AgreementNode::id);
        return Batch.one(agreements, AgreementNode::supersedesId, found);
    }

    @Description("The later version that replaces this one (null for the current version)")
    public List<AgreementNode> supersededBy(@Source List<AgreementNode> agreements) {
        Map<Long, AgreementNode> bySuperseded = Batch.index(
                Agreement.<Agreement>list("supersedes.id in ?1", Batch.keys(agreements, AgreementNode::id)).stream().map(AgreementNode::of).toList(),
                AgreementNode::supersedesId);
        return Batch.one(agreements, AgreementNode::id, bySuperseded);
    }

    @Description("The evidence for the agreement")
    public List<@NonNull List<@NonNull CitationView>> citations(@Source List<AgreementNode> agreements) {
        return Batch.many(agreements, AgreementNode::id, citations.forSubjects(SubjectType.AGREEMENT, Batch.keys(agreements, AgreementNode::id)));
    }

    @Description("The party the term favours (null when it names none)")
    public List<LabNode> beneficiary(@Source List<ProvisionNode> provisions) {
        List<Long> ids = Batch.keys(provisions, ProvisionNode::beneficiaryId);
        Map<Long, LabNode> labs = ids.isEmpty() ? Map.of()
                : Batch.index(Lab.<Lab>list("id in ?1", ids).stream().map(LabNode::of).toList(), LabNode::id);
        return Batch.one(provisions, ProvisionNode::beneficiaryId, labs);
    }

    @Name("figures")
    @Description("The term's figures as the document writes them: what each measures, its qualifier (approximately, nearing, ...), value and unit, the document's words and their citation")
    public List<@NonNull List<@NonNull FigureView>> provisionFigures(@Source List<ProvisionNode> provisions) {
        return Batch.many(provisions, ProvisionNode::id, qualified.figures(SubjectType.PROVISION, Batch.keys(provisions, ProvisionNode::id)));
    }

    @Description("Dates the documents give for the agreement relative to themselves (\"earlier this year\"), each with its anchor and, only when the anchor states a publication date, a derived date")
    public List<@NonNull List<@NonNull RelativeDateView>> relativeDates(@Source List<AgreementNode> agreements) {
        return Batch.many(agreements, AgreementNode::id, qualified.relativeDates(SubjectType.AGREEMENT, Batch.keys(agreements, AgreementNode::id)));
    }

    @Name("citations")
    @Description("The evidence for the term")
    public List<@NonNull List<@NonNull CitationView>> provisionCitations(@Source List<ProvisionNode> provisions) {
        return Batch.many(provisions, ProvisionNode::id, citations.forSubjects(SubjectType.PROVISION, Batch.keys(provisions, ProvisionNode::id)));
    }
}
