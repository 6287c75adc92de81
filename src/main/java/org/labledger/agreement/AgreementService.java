package org.labledger.agreement;

import org.labledger.common.Numbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.labledger.common.ApiException;
import org.labledger.lab.Lab;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.SubjectType;

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

    public record PartyView(String lab, String name, String role) {
    }

    public record AgreementSummary(String slug, String title, AgreementKind kind, String announcedOn, String effectiveOn,
                                   String supersedes, String supersededBy, boolean current, List<PartyView> parties,
                                   int provisionCount) {
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record ProvisionView(String key, ProvisionCategory category, String summary, String beneficiary,
                                BigDecimal value, String unit, String validFrom, String validUntil,
                                String validUntilCondition, List<CitationView> citations) {
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record AgreementDetail(String slug, String title, AgreementKind kind, String summary, String announcedOn,
                                  String effectiveOn, String supersedes, String supersededBy, boolean current,
                                  List<PartyView> parties, List<ProvisionView> provisions,
                                  List<AgreementSummary> versions, List<CitationView> citations, int version) {
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
        Map<Long, List<CitationView>> pc = citations.forSubjects(SubjectType.PROVISION, a.provisions.stream().map(p -> p.id).toList());
        List<ProvisionView> provisions = a.provisions.stream().map(p -> new ProvisionView(p.key, p.category, p.summary,
                p.beneficiary == null ? null : p.beneficiary.slug, Numbers.plain(p.value), p.unit,
                p.validFrom, p.validUntil, p.validUntilCondition, pc.getOrDefault(p.id, List.of()))).toList();
        Agreement next = successor.get(a.id);
        return new AgreementDetail(a.slug, a.title, a.kind, a.summary, a.announcedOn, a.effectiveOn,
                a.supersedes == null ? null : a.supersedes.slug, next == null ? null : next.slug, next == null,
                parties(a), provisions, versions, citations.forSubject(SubjectType.AGREEMENT, a.id), a.version);
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
