package org.labledger.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.labledger.lab.Lab;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.SubjectType;
import org.labledger.source.SupportingClaim;
import org.labledger.source.SupportingClaims;

import java.util.List;
import java.util.Map;

@ApplicationScoped
public class EventService {

    @Inject
    CitationService citations;
    @Inject
    org.labledger.source.QualifiedValueService qualified;
    @Inject
    SupportingClaims supports;

    /**
     * An event; {@code figures}: its numbers as the document writes them (qualifier, measure); {@code relativeDates}:
     * dates the document gives relative to itself, with their anchor and a date derived only from a stated one.
     */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record EventView(String slug, String title, EventKind kind, String occurredOn, String summary, List<String> labs,
                            String agreement, List<CitationView> citations, List<org.labledger.source.FigureView> figures,
                            List<org.labledger.source.RelativeDateView> relativeDates,
                            List<SupportingClaim> claims) {
    }

    @Inject
    jakarta.persistence.EntityManager em;

    /** How events are ordered everywhere: oldest first, undated last, then by slug. */
    static final String ORDER = " order by case when e.occurredOn is null then 1 else 0 end, e.occurredOn, e.slug";

    /**
     * The ids of one page of events matching the filter, oldest first (undated last), with the total: two statements
     * (plus the lab's lookup). An unknown lab or a malformed date is a 400 naming the parameter ({@code name}: "lab" over
     * REST, "filter.lab" over GraphQL, by {@code prefix}).
     */
    public org.labledger.common.PageResult<Long> searchIds(EventFilter f, String prefix, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        org.labledger.common.Params checks = new org.labledger.common.Params();
        for (String[] d : new String[][]{{"from", f.from()}, {"to", f.to()}}) {
            if (d[1] != null && !d[1].matches(org.labledger.common.Writes.PARTIAL_DATE)) {
                checks.add(prefix + d[0], "'" + d[1] + "' " + org.labledger.common.Writes.DATE_MESSAGE);
            }
        }
        checks.check();
        if (f.lab() != null) {
            where.append(" and :lab member of e.labs");
            params.put("lab", Lab.forParameter(prefix + "lab", f.lab()));
        }
        if (f.kinds() != null && !f.kinds().isEmpty()) {
            where.append(" and e.kind in :kinds");
            params.put("kinds", f.kinds());
        }
        // a partial date overlaps the range: each bound is compared at the coarser of the two precisions
        if (f.from() != null) {
            where.append(" and e.occurredOn is not null and substring(e.occurredOn, 1, " + common(":fromLength") + ") >= substring(:from, 1, " + common(":fromLength") + ")");
            params.put("from", f.from());
            params.put("fromLength", f.from().length());
        }
        if (f.to() != null) {
            where.append(" and e.occurredOn is not null and substring(e.occurredOn, 1, " + common(":toLength") + ") <= substring(:to, 1, " + common(":toLength") + ")");
            params.put("to", f.to());
            params.put("toLength", f.to().length());
        }
        var count = em.createQuery("select count(e) from Event e" + where, Long.class);
        var ids = em.createQuery("select e.id from Event e" + where + ORDER, Long.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            ids.setParameter(k, v);
        });
        long total = count.getSingleResult();
        List<Long> items = total > (long) page * size ? ids.setFirstResult(page * size).setMaxResults(size).getResultList() : List.of();
        return org.labledger.common.PageResult.of(items, page, size, total);
    }

    /** The shorter of the event date's length and a bound's (the coarser precision of the two). */
    private static String common(String boundLength) {
        return "case when length(e.occurredOn) < " + boundLength + " then length(e.occurredOn) else " + boundLength + " end";
    }

    /** For each lab id, the ids of its events, oldest first (one statement). */
    public Map<Long, List<Long>> idsByLab(java.util.Collection<Long> labIds) {
        Map<Long, List<Long>> out = new java.util.HashMap<>();
        if (labIds.isEmpty()) {
            return out;
        }
        for (Object[] r : em.createQuery("select l.id, e.id from Event e join e.labs l where l.id in ?1" + ORDER, Object[].class)
                .setParameter(1, labIds).getResultList()) {
            out.computeIfAbsent((Long) r[0], k -> new java.util.ArrayList<>()).add((Long) r[1]);
        }
        return out;
    }

    /** One page of events matching the filter, oldest first (undated last), with labs, agreement, citations and supporting claims (a fixed number of statements). */
    public org.labledger.common.PageResult<EventView> list(EventFilter filter, int page, int size) {
        org.labledger.common.PageResult<Long> ids = searchIds(filter, "", page, size);
        if (ids.items().isEmpty()) {
            return org.labledger.common.PageResult.of(List.of(), page, size, ids.totalItems());
        }
        Map<Long, Event> byId = new java.util.HashMap<>();
        Event.<Event>list("select distinct e from Event e left join fetch e.labs left join fetch e.agreement where e.id in ?1", ids.items())
                .forEach(e -> byId.put(e.id, e));
        Map<Long, List<CitationView>> cites = citations.forSubjects(SubjectType.EVENT, ids.items());
        Map<Long, List<SupportingClaim>> claims = supports.forRecords(SubjectType.EVENT, ids.items());
        var figures = qualified.figures(SubjectType.EVENT, ids.items());
        var dates = qualified.relativeDates(SubjectType.EVENT, ids.items());
        List<EventView> views = ids.items().stream().map(byId::get)
                .map(e -> new EventView(e.slug, e.title, e.kind, e.occurredOn, e.summary, e.labs.stream().map(l -> l.slug).sorted().toList(),
                        e.agreement == null ? null : e.agreement.slug, cites.getOrDefault(e.id, List.of()),
                        figures.getOrDefault(e.id, List.of()), dates.getOrDefault(e.id, List.of()), claims.getOrDefault(e.id, List.of())))
                .toList();
        return org.labledger.common.PageResult.of(views, page, size, ids.totalItems());
    }
}
