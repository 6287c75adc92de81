package org.labledger.agreement;

import org.labledger.common.Numbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.labledger.common.ApiException;
import org.labledger.lab.Lab;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.FigureView;
import org.labledger.source.QualifiedValueService;
import org.labledger.source.RelativeDateView;
import org.labledger.source.SubjectKeys;
import org.labledger.source.SubjectType;
import org.labledger.source.SupportingClaim;
import org.labledger.source.SupportingClaims;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@ApplicationScoped
public class AgreementService {

    @Inject
    CitationService citations;
    @Inject
    QualifiedValueService qualified;
    @Inject
    SubjectKeys subjectKeys;
    @Inject
    SupportingClaims supports;

    public record PartyView(String lab, String name, String role) {
    }

    public record AgreementSummary(String slug, String title, AgreementKind kind, String announcedOn, String effectiveOn,
                                   String supersedes, String supersededBy, boolean current, List<PartyView> parties,
                                   int provisionCount) {
    }

    /**
     * A provision; kind, status, endedOn and lineage say how it stands across versions: status and endedOn are
     * derived from the links later provisions make to it (endedOn: the effective date of the later version that
     * modifies, replaces or removes it, only when that version has one).
     */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record ProvisionView(String key, ProvisionCategory category, String summary, String beneficiary,
                                BigDecimal value, String unit, String validFrom, String validUntil,
                                String validUntilCondition, List<CitationView> citations, String kind,
                                ProvisionStatus status, String endedOn, LineageView lineage, String heldEntity,
                                List<FigureView> figures, List<SupportingClaim> claims) {
    }

    /** One change between two versions: the later provision (after) and the earlier one it names (before). */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record ChangeView(ProvisionChange change, String version, ProvisionView before, ProvisionView after) {
    }

    /**
     * What changed from one version to a later one of the same chain, read from the lineage links of the provisions
     * of every version after {@code from} up to {@code to}: added (ADDS, or no link recorded), removed (REMOVES),
     * modified (MODIFIES, REPLACES), continued (CONTINUES); unchanged: the provisions of {@code from} that no later
     * provision names (not mentioned again: the documents do not say they ended).
     */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record DiffView(String from, String to, List<String> versions, List<ChangeView> added, List<ChangeView> removed,
                           List<ChangeView> modified, List<ChangeView> continued, List<ProvisionView> unchanged) {
    }

    /** A later provision's link to an earlier one, as the earlier one's status and end see it. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    record LaterLink(Long predecessorId, ProvisionChange change, String effectiveOn) {
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record AgreementDetail(String slug, String title, AgreementKind kind, String summary, String announcedOn,
                                  String effectiveOn, String supersedes, String supersededBy, boolean current,
                                  List<PartyView> parties, List<ProvisionView> provisions,
                                  List<AgreementSummary> versions, List<CitationView> citations, int version,
                                  List<RelativeDateView> relativeDates) {
    }

    /** All agreements, optionally only those a lab is party to, or of one kind; oldest version chains first. */
    public List<AgreementSummary> list(String labSlug, AgreementKind kind) {
        List<Agreement> all = all();
        Map<Long, Agreement> successor = successors(all);
        Lab lab = null;
        if (labSlug != null) {
            lab = Lab.forParameter("lab", labSlug);
        }
        List<AgreementSummary> out = new ArrayList<>();
        for (Agreement a : all) {
            Lab l = lab;
            if (l != null && a.parties.stream().noneMatch(p -> p.lab.id.equals(l.id))) {
                continue;
            }
            if (kind != null && a.kind != kind) {
                continue;
            }
            out.add(summary(a, successor.get(a.id)));
        }
        return out;
    }

    public AgreementDetail get(String slug) {
        List<Agreement> all = all();
        Agreement a = all.stream().filter(x -> x.slug.equals(slug)).findFirst()
                .orElseThrow(() -> ApiException.notFound("agreement", slug));
        Map<Long, Agreement> successor = successors(all);
        // the whole version chain, oldest first
        Agreement first = a;
        Set<Long> seen = new HashSet<>();
        while (first.supersedes != null && seen.add(first.id)) {
            first = first.supersedes;
        }
        List<AgreementSummary> versions = new ArrayList<>();
        seen.clear();
        for (Agreement cur = first; cur != null && seen.add(cur.id); cur = successor.get(cur.id)) {
            versions.add(summary(cur, successor.get(cur.id)));
        }
        List<ProvisionView> provisions = views(a.provisions);
        Agreement next = successor.get(a.id);
        return new AgreementDetail(a.slug, a.title, a.kind, a.summary, a.announcedOn, a.effectiveOn,
                a.supersedes == null ? null : a.supersedes.slug, next == null ? null : next.slug, next == null,
                parties(a), provisions, versions, citations.forSubject(SubjectType.AGREEMENT, a.id), a.version,
                qualified.relativeDates(SubjectType.AGREEMENT, List.of(a.id)).getOrDefault(a.id, List.of()));
    }

    /** Provisions as views, their citations, lineage, status and supporting claims read in a fixed number of queries whatever their number. */
    List<ProvisionView> views(List<Provision> ps) {
        List<Long> ids = ps.stream().map(p -> p.id).toList();
        Map<Long, List<CitationView>> pc = citations.forSubjects(SubjectType.PROVISION, ids);
        Map<Long, List<LaterLink>> later = laterLinks(ids);
        Set<Long> withLineage = new HashSet<>();
        ps.stream().filter(p -> p.change != null).forEach(p -> withLineage.add(p.id));
        if (!withLineage.isEmpty()) { // predecessor, its agreement and the quote's source in one query
            Provision.list("select p from Provision p left join fetch p.predecessor pp left join fetch pp.agreement left join fetch p.changeSource where p.id in ?1", withLineage);
        }
        Map<Long, List<FigureView>> figures = qualified.figures(SubjectType.PROVISION, ids);
        Map<Long, String> held = subjectKeys.keys(SubjectType.ENTITY, ps.stream().map(p -> p.heldEntityId).filter(java.util.Objects::nonNull).distinct().toList());
        Map<Long, List<SupportingClaim>> claims = supports.forRecords(SubjectType.PROVISION, ids);
        return ps.stream().map(p -> view(p, pc.getOrDefault(p.id, List.of()), later.getOrDefault(p.id, List.of()),
                p.heldEntityId == null ? null : held.get(p.heldEntityId), figures.getOrDefault(p.id, List.of()),
                claims.getOrDefault(p.id, List.of()))).toList();
    }

    static ProvisionView view(Provision p, List<CitationView> cites, List<LaterLink> later, String heldEntity, List<FigureView> figures,
                              List<SupportingClaim> claims) {
        return new ProvisionView(p.key, p.category, p.summary,
                p.beneficiary == null ? null : p.beneficiary.slug, Numbers.plain(p.value), p.unit,
                p.validFrom, p.validUntil, p.validUntilCondition, cites, p.kind,
                ProvisionStatus.of(p, later.stream().map(LaterLink::change).toList()), endedOn(later), LineageView.of(p),
                heldEntity, figures, claims);
    }

    /** The earliest effective date of a later version that modifies, replaces or removes the term; null when none is stated. */
    static String endedOn(List<LaterLink> later) {
        return later.stream().filter(l -> l.change() == ProvisionChange.MODIFIES || l.change() == ProvisionChange.REPLACES
                        || l.change() == ProvisionChange.REMOVES).map(LaterLink::effectiveOn).filter(java.util.Objects::nonNull)
                .min(String::compareTo).orElse(null);
    }

    /** For each provision id, the links later provisions make to it (one query). */
    Map<Long, List<LaterLink>> laterLinks(java.util.Collection<Long> ids) {
        Map<Long, List<LaterLink>> m = new HashMap<>();
        if (ids.isEmpty()) {
            return m;
        }
        for (Object[] r : Provision.getEntityManager().createQuery(
                        "select p.predecessor.id, p.change, a.effectiveOn from Provision p join p.agreement a where p.predecessor.id in ?1", Object[].class)
                .setParameter(1, ids).getResultList()) {
            m.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(new LaterLink((Long) r[0], (ProvisionChange) r[1], (String) r[2]));
        }
        return m;
    }

    /**
     * The versions from {@code from} (exclusive) to {@code to} (inclusive), oldest first: 404 for an unknown slug,
     * 422 when the two are the same version, or not versions of one supersedes chain with {@code from} the earlier.
     */
    List<Agreement> laterVersions(String from, String to) {
        List<Agreement> all = all();
        Agreement f = all.stream().filter(x -> x.slug.equals(from)).findFirst().orElseThrow(() -> ApiException.notFound("agreement", from));
        Agreement t = all.stream().filter(x -> x.slug.equals(to)).findFirst().orElseThrow(() -> ApiException.notFound("agreement", to));
        if (f == t) {
            throw new ApiException.Unprocessable("'" + from + "' and '" + to + "' are the same version: nothing to compare",
                    List.of(new org.labledger.common.Problem.Violation("to", "must be a later version than from")));
        }
        List<Agreement> later = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Agreement cur = t; cur != null && seen.add(cur.id); cur = cur.supersedes) {
            if (cur == f) {
                java.util.Collections.reverse(later);
                return later;
            }
            later.add(cur);
        }
        seen.clear();
        for (Agreement cur = f; cur != null && seen.add(cur.id); cur = cur.supersedes) {
            if (cur == t) {
                throw new ApiException.Unprocessable("'" + to + "' is an earlier version than '" + from + "': swap them",
                        List.of(new org.labledger.common.Problem.Violation("to", "must be a later version than from")));
            }
        }
        throw new ApiException.Unprocessable("'" + from + "' and '" + to + "' are not versions of the same agreement (no supersedes chain links them)",
                List.of(new org.labledger.common.Problem.Violation("to", "must be a later version of the same agreement as from")));
    }

    /** What changed between two versions (see {@link DiffView}). */
    public DiffView diff(String from, String to) {
        List<Agreement> later = laterVersions(from, to);
        Agreement f = Agreement.findBySlug(from);
        List<Long> laterIds = later.stream().map(a -> a.id).toList();
        List<Provision> after = Provision.list("select p from Provision p join fetch p.agreement a left join fetch p.beneficiary left join fetch p.changeSource left join fetch p.predecessor pp left join fetch pp.agreement left join fetch pp.beneficiary where a.id in ?1", laterIds);
        after = new ArrayList<>(after);
        Map<Long, Integer> order = new HashMap<>();
        for (int i = 0; i < later.size(); i++) {
            order.put(later.get(i).id, i);
        }
        after.sort(java.util.Comparator.comparing((Provision p) -> order.get(p.agreement.id)).thenComparing(p -> p.ordinal));
        Set<Long> named = new HashSet<>();
        List<Provision> before = new ArrayList<>();
        for (Provision p : after) {
            if (p.predecessor != null) {
                named.add(p.predecessor.id);
                before.add(p.predecessor);
            }
        }
        List<Provision> unchanged = new ArrayList<>(Provision.<Provision>list("select p from Provision p left join fetch p.beneficiary where p.agreement.id = ?1 order by p.ordinal", f.id));
        unchanged.removeIf(p -> named.contains(p.id));
        List<Provision> everything = new ArrayList<>(after);
        everything.addAll(before);
        everything.addAll(unchanged);
        Map<Provision, ProvisionView> views = new java.util.IdentityHashMap<>();
        List<Provision> distinct = everything.stream().distinct().toList();
        List<ProvisionView> vs = views(distinct);
        for (int i = 0; i < distinct.size(); i++) {
            views.put(distinct.get(i), vs.get(i));
        }
        List<ChangeView> added = new ArrayList<>();
        List<ChangeView> removed = new ArrayList<>();
        List<ChangeView> modified = new ArrayList<>();
        List<ChangeView> continued = new ArrayList<>();
        for (Provision p : after) {
            ProvisionChange c = p.change == null ? ProvisionChange.ADDS : p.change;
            ChangeView cv = new ChangeView(c, p.agreement.slug, p.predecessor == null ? null : views.get(p.predecessor), views.get(p));
            switch (c) {
                case ADDS -> added.add(cv);
                case REMOVES -> removed.add(cv);
                case MODIFIES, REPLACES -> modified.add(cv);
                case CONTINUES -> continued.add(cv);
            }
        }
        return new DiffView(from, to, later.stream().map(a -> a.slug).toList(), added, removed, modified, continued,
                unchanged.stream().map(views::get).toList());
    }

    /**
     * All agreements as a timeline of version chains: each chain oldest version first (undated versions keep
     * their place after the version they supersede), chains ordered by their earliest known date
     * (announced, else effective; undated chains last), then by slug.
     */
    private static List<Agreement> all() {
        List<Agreement> all = Agreement.list("select distinct a from Agreement a left join fetch a.parties p left join fetch p.lab left join fetch a.supersedes");
        Map<Long, Agreement> successor = successors(all);
        List<List<Agreement>> chains = new ArrayList<>();
        Set<Long> placed = new HashSet<>();
        for (Agreement a : all) {
            if (a.supersedes == null) {
                List<Agreement> chain = new ArrayList<>();
                for (Agreement cur = a; cur != null && placed.add(cur.id); cur = successor.get(cur.id)) {
                    chain.add(cur);
                }
                chains.add(chain);
            }
        }
        for (Agreement a : all) { // members of a cycle, should the data ever hold one
            if (placed.add(a.id)) {
                chains.add(List.of(a));
            }
        }
        chains.sort(java.util.Comparator.comparing((List<Agreement> c) -> c.stream().map(AgreementService::date)
                        .filter(java.util.Objects::nonNull).min(String::compareTo).orElse("9999"))
                .thenComparing(c -> c.get(0).slug));
        return chains.stream().flatMap(List::stream).toList();
    }

    private static String date(Agreement a) {
        return a.announcedOn != null ? a.announcedOn : a.effectiveOn;
    }

    private static Map<Long, Agreement> successors(List<Agreement> all) {
        Map<Long, Agreement> m = new HashMap<>();
        for (Agreement a : all) {
            if (a.supersedes != null) {
                m.put(a.supersedes.id, a);
            }
        }
        return m;
    }

    private static AgreementSummary summary(Agreement a, Agreement next) {
        return new AgreementSummary(a.slug, a.title, a.kind, a.announcedOn, a.effectiveOn,
                a.supersedes == null ? null : a.supersedes.slug, next == null ? null : next.slug, next == null,
                parties(a), a.provisions.size());
    }

    private static List<PartyView> parties(Agreement a) {
        return a.parties.stream().map(p -> new PartyView(p.lab.slug, p.lab.name, p.role)).toList();
    }
}
