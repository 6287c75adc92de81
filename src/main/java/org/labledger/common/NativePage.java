package org.labledger.common;

import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Map;

/** One page of ids from a native SQL filter: a count, then (only if the page is not past the end) the ids. */
public final class NativePage {

    private NativePage() {
    }

    /**
     * @param idColumn the id to select, e.g. {@code q.id}
     * @param from     {@code from … where …} with named parameters
     * @param orderBy  the sort, ending with a unique column so that pages are stable
     */
    public static PageResult<Long> ids(EntityManager em, String idColumn, String from, Map<String, Object> params, String orderBy,
                                       int page, int size) {
        return ids(em, idColumn, from, params, orderBy, page, size, null);
    }

    /** The same, with the total already known (e.g. from an aggregate table); null: count it. */
    public static PageResult<Long> ids(EntityManager em, String idColumn, String from, Map<String, Object> params, String orderBy,
                                       int page, int size, Long knownTotal) {
        long total;
        if (knownTotal != null) {
            total = knownTotal;
        } else {
            var count = em.createNativeQuery("select count(*) " + from);
            params.forEach(count::setParameter);
            total = ((Number) count.getSingleResult()).longValue();
        }
        long offset = (long) page * size;
        if (total <= offset) {
            return PageResult.of(List.of(), page, size, total);
        }
        var select = em.createNativeQuery("select " + idColumn + " " + from + " order by " + orderBy)
                .setFirstResult((int) offset).setMaxResults(size);
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<Number> raw = select.getResultList();
        return PageResult.of(raw.stream().map(Number::longValue).toList(), page, size, total);
    }

    /**
     * One page of ids from a query that stops early instead of sorting every match: {@code sql} selects ids in page
     * order and uses the parameters {@code :upto} (rows it needs at most per branch: offset + size), {@code :offset}
     * and {@code :size}, which are bound here. With the total already known, a page past the end costs nothing.
     */
    public static PageResult<Long> walk(EntityManager em, String sql, Map<String, Object> params, long total, int page, int size) {
        long offset = (long) page * size;
        if (total <= offset) {
            return PageResult.of(List.of(), page, size, total);
        }
        var query = em.createNativeQuery(sql);
        params.forEach(query::setParameter);
        query.setParameter("upto", offset + size).setParameter("offset", offset).setParameter("size", size);
        @SuppressWarnings("unchecked")
        List<Number> ids = query.getResultList();
        return PageResult.of(ids.stream().map(Number::longValue).toList(), page, size, total);
    }
}
