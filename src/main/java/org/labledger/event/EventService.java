package org.labledger.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.labledger.common.Cursor;
import org.labledger.common.CursorPage;
import org.labledger.common.KeysetPage;
import org.labledger.common.Params;
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

    /**
     * The sort key of events (undated last, date, slug: unique), as the keyset index of V18 holds it (an undated
     * event's date is '' there: all undated events sort among themselves by slug).
     */
    static final String KEY = "case when e.occurredOn is null then 1 else 0 end, coalesce(e.occurredOn, ''), e.slug";
    /** How events are ordered everywhere: oldest first, undated last, then by slug. */
    static final String ORDER = " order by " + KEY;
    /** The list name in event cursors. */
    static final String CURSOR_LIST = "events";

    /**
     * The ids of one page of events matching the filter, oldest first (undated last), with the total: two statements
     * (plus the lab's lookup). An unknown lab or a malformed date is a 400 naming the parameter ({@code name}: "lab" over
     * REST, "filter.lab" over GraphQL, by {@code prefix}).
     */
    public org.labledger.common.PageResult<Long> searchIds(EventFilter f, String prefix, int page, int size) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        String where = where(f, prefix, params);
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

    /**
     * The ids of matching events after a cursor (from the first when null), in the order of {@link #searchIds}, by
     * keyset on the event_keyset_idx index (V18): no OFFSET, so a deep page costs what the first does. A cursor of
     * another list or other filters is a 400.
     */
    public KeysetPage<Long> idsAfter(EventFilter f, String prefix, String cursor, int size) {
        EventFilter n = new EventFilter(f.lab(), f.kinds() == null ? List.of() : f.kinds(), f.from(), f.to());
        String scope = n.toString();
        Params errors = new Params();
        List<String> key = Cursor.decode(errors, cursor, CURSOR_LIST, scope, 3);
        if (key != null && !key.get(0).matches("[01]")) {
            errors.add("cursor", "is not a cursor of this API; pass the nextCursor of a page unchanged");
        }
        errors.check();
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        String where = where(n, prefix, params);
        var count = em.createQuery("select count(e) from Event e" + where, Long.class);
        var rows = em.createQuery("select e.id, e.occurredOn, e.slug from Event e" + where
                + (key != null ? " and (" + KEY + ") > (:undated, :date, :slug)" : "") + ORDER, Object[].class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        if (key != null) {
            rows.setParameter("undated", Integer.parseInt(key.get(0))).setParameter("date", key.get(1)).setParameter("slug", key.get(2));
        }
        return KeysetPage.of(rows.setMaxResults(size + 1).getResultList(), size, count.getSingleResult(),
                r -> Cursor.encode(CURSOR_LIST, scope, List.of(r[1] == null ? 1 : 0, r[1] == null ? "" : r[1], r[2]))).map(r -> (Long) r[0]);
    }

    /** The where clause of the filter (" where ..."), its parameters put in {@code params}; a bad date is a 400. */
    private String where(EventFilter f, String prefix, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
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
        return where.toString();
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
        return org.labledger.common.PageResult.of(views(ids.items()), page, size, ids.totalItems());
    }

    /** The events of a keyset page: {@link #idsAfter} with the rows of its ids. */
    public CursorPage<EventView> listAfter(EventFilter filter, String cursor, int size) {
        KeysetPage<Long> ids = idsAfter(filter, "", cursor, size);
        return ids.rest(views(ids.items()));
    }

    /** The events with these ids, in this order, with their relations (a fixed number of statements). */
    private List<EventView> views(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Event> byId = new java.util.HashMap<>();
        Event.<Event>list("select distinct e from Event e left join fetch e.labs left join fetch e.agreement where e.id in ?1", ids)
                .forEach(e -> byId.put(e.id, e));
        Map<Long, List<CitationView>> cites = citations.forSubjects(SubjectType.EVENT, ids);
        Map<Long, List<SupportingClaim>> claims = supports.forRecords(SubjectType.EVENT, ids);
        var figures = qualified.figures(SubjectType.EVENT, ids);
        var dates = qualified.relativeDates(SubjectType.EVENT, ids);
        return ids.stream().map(byId::get)
                .map(e -> new EventView(e.slug, e.title, e.kind, e.occurredOn, e.summary, e.labs.stream().map(l -> l.slug).sorted().toList(),
                        e.agreement == null ? null : e.agreement.slug, cites.getOrDefault(e.id, List.of()),
                        figures.getOrDefault(e.id, List.of()), dates.getOrDefault(e.id, List.of()), claims.getOrDefault(e.id, List.of())))
                .toList();
    }
}
