package org.labledger.history;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.common.ApiException;
import org.labledger.common.PageResult;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Records revisions (in the caller's transaction) and reads the history back. */
@ApplicationScoped
public class RevisionService {

    @Inject
    EntityManager em;
    @Inject
    Instance<SecurityIdentity> identity;

    public record RevisionView(long id, String entity, String key, Long entityId, String action, Map<String, Object> before,
                               Map<String, Object> after, String actor, OffsetDateTime at, String reason, String sourceUrl,
                               String sourceKey) {

        static RevisionView of(Revision r) {
            return new RevisionView(r.id, r.entity, r.entityKey, r.entityId, r.action, r.before, r.after, r.actor, r.changedAt,
                    r.reason, r.sourceUrl, r.sourceKey);
        }
    }

    /** The actor of a write without a caller: the seed import at start-up, tests. */
    static final String NO_CALLER = "anonymous";

    /**
     * Who is writing: the token's subject ({@code sub}, which TokenRules requires to be non-blank), or
     * {@value #NO_CALLER} when there is no authenticated caller (imports at start-up, tests). Not the principal's
     * name, which SmallRye takes from {@code upn} or {@code preferred_username} first: those may change for the same
     * person, the subject does not.
     */
    public String actor() {
        try {
            SecurityIdentity id = identity.isResolvable() ? identity.get() : null;
            if (id != null && !id.isAnonymous() && id.getPrincipal() != null) {
                if (id.getPrincipal() instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt && jwt.getSubject() != null
                        && !jwt.getSubject().isBlank()) {
                    return jwt.getSubject();
                }
                return id.getPrincipal().getName();
            }
        } catch (RuntimeException e) {
            // no request context (start-up import)
        }
        return NO_CALLER;
    }

    /** Records a change by the current {@link #actor()}, in the caller's transaction. */
    public Revision record(String entity, String key, Long entityId, String action, Map<String, Object> before,
                           Map<String, Object> after, String reason, String sourceUrl, String sourceKey) {
        Revision r = new Revision();
        r.entity = entity;
        r.entityKey = key;
        r.entityId = entityId;
        r.action = action;
        r.before = before;
        r.after = after;
        r.actor = actor();
        r.reason = reason;
        r.sourceUrl = sourceUrl;
        r.sourceKey = sourceKey;
        r.persist();
        return r;
    }

    /**
     * Records an UPDATE by the current {@link #actor()} when the record's snapshot changed ({@code before} and
     * {@code after} differ); a write that changes nothing leaves no revision. In the caller's transaction.
     */
    public void recordUpdate(String entity, String key, Long entityId, Map<String, Object> before, Map<String, Object> after,
                             String reason, String sourceUrl, String sourceKey) {
        if (!java.util.Objects.equals(before, after)) {
            record(entity, key, entityId, "UPDATE", before, after, reason, sourceUrl, sourceKey);
        }
    }

    /** The histories of many records of one type, in one query. */
    public List<RevisionView> history(String entity, List<Long> entityIds) {
        if (entityIds.isEmpty()) {
            return List.of();
        }
        return Revision.<Revision>list("entity = ?1 and entityId in ?2 order by changedAt, id", entity, entityIds).stream()
                .map(RevisionView::of).toList();
    }

    public List<RevisionView> history(String entity, long entityId) {
        return Revision.<Revision>list("entity = ?1 and entityId = ?2 order by changedAt, id", entity, entityId).stream()
                .map(RevisionView::of).toList();
    }

    /** Changes after {@code since} (all when null), oldest first, optionally of one entity type. */
    public PageResult<RevisionView> changes(OffsetDateTime since, String entity, int page, int size) {
        String where = "1 = 1" + (since != null ? " and changedAt > :since" : "") + (entity != null ? " and entity = :entity" : "");
        var count = em.createQuery("select count(r) from Revision r where " + where, Long.class);
        var list = em.createQuery("select r from Revision r where " + where + " order by r.changedAt, r.id", Revision.class);
        if (since != null) {
            count.setParameter("since", since);
            list.setParameter("since", since);
        }
        if (entity != null) {
            count.setParameter("entity", entity);
            list.setParameter("entity", entity);
        }
        long total = count.getSingleResult();
        long offset = (long) page * size;
        List<RevisionView> items = total > offset
                ? list.setFirstResult((int) offset).setMaxResults(size).getResultList().stream().map(RevisionView::of).toList()
                : List.of();
        return PageResult.of(items, page, size, total);
    }

    /** The newest changes, newest first (for feeds). */
    public List<RevisionView> latest(int limit) {
        return em.createQuery("select r from Revision r order by r.changedAt desc, r.id desc", Revision.class)
                .setMaxResults(limit).getResultList().stream().map(RevisionView::of).toList();
    }

    /** The years a timestamp parameter may name: java.time reads years up to ±999999999, PostgreSQL binds far fewer. */
    static final int MIN_YEAR = 1, MAX_YEAR = 9999;

    /**
     * Parses an ISO-8601 timestamp parameter (2026-11-23T10:00:00Z, with offset, or a date) for years 1 to 9999;
     * every time parameter ({@code since}, {@code asOf}, REST and GraphQL) is read here.
     */
    public static OffsetDateTime timestamp(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            try {
                t = java.time.LocalDate.parse(v).atStartOfDay().atOffset(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ApiException.badParameter(name, "'" + value + "' is not an ISO-8601 timestamp (e.g. 2026-11-23T10:00:00Z) or date");
            }
        }
        if (t.getYear() < MIN_YEAR || t.getYear() > MAX_YEAR) {
            throw ApiException.badParameter(name, "'" + value + "' is out of range: only years " + MIN_YEAR + " to " + MAX_YEAR + " are accepted");
        }
        return t;
    }
}
