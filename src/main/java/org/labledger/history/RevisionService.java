package org.labledger.history;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.common.ApiException;
import org.labledger.common.PageResult;
import org.labledger.common.Cursor;
import org.labledger.common.KeysetPage;
import org.labledger.common.Params;

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

    /** The list name in change cursors. */
    static final String CURSOR_LIST = "changes";

    /**
     * Changes after a cursor (from the first when null), in the order of {@link #changes} (time, id: unique), by
     * keyset on the (changed_at, id) index, or (entity, changed_at, id) with an entity: no OFFSET, so the last page
     * costs what the first does. One more row than the page is read, to know whether another follows.
     */
    public KeysetPage<RevisionView> changesAfter(OffsetDateTime since, String entity, String cursor, int size) {
        String scope = "since=" + (since == null ? null : since.toInstant()) + "&entity=" + entity;
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        if (since != null) {
            params.put("since", since);
        }
        if (entity != null) {
            params.put("entity", entity);
        }
        return revisionsAfter(CURSOR_LIST, scope, "true" + (since != null ? " and changed_at > :since" : "") + (entity != null ? " and entity = :entity" : ""),
                params, cursor, size);
    }

    /** The list name in the cursors of one record's history. */
    static final String HISTORY_CURSOR_LIST = "history";

    /**
     * One record's revisions after a cursor (from the first when null), oldest first (time, id: the order of
     * {@link #history(String, long)}), by keyset on the (entity, entity_id, changed_at, id) index (V19): no OFFSET.
     * A cursor of another list or another record is a 400.
     */
    public KeysetPage<RevisionView> historyAfter(String entity, long entityId, String cursor, int size) {
        return revisionsAfter(HISTORY_CURSOR_LIST, "entity=" + entity + "&id=" + entityId, "entity = :entity and entity_id = :entityId",
                Map.of("entity", entity, "entityId", entityId), cursor, size);
    }

    /**
     * Revisions matching {@code where} (SQL on the revision table, with {@code params}) after a cursor of {@code list}
     * under {@code scope}, by (changed_at, id): one more row than the page is read, to know whether another follows.
     */
    private KeysetPage<RevisionView> revisionsAfter(String list, String scope, String where, Map<String, Object> params, String cursor, int size) {
        List<Object> key = Cursor.key(cursor, list, scope, 2,
                k -> List.of(java.time.Instant.parse(k.get(0)).atOffset(java.time.ZoneOffset.UTC), Long.parseLong(k.get(1))));
        var rows = em.createNativeQuery("select * from revision where " + where + (key != null ? " and (changed_at, id) > (:at, :id)" : "")
                + " order by changed_at, id", Revision.class);
        if (key != null) {
            rows.setParameter("at", key.get(0)).setParameter("id", key.get(1));
        }
        return KeysetPage.<Revision>read(em.createNativeQuery("select count(*) from revision where " + where), rows, params, size,
                r -> Cursor.encode(list, scope, List.of(r.changedAt.toInstant(), r.id))).map(RevisionView::of);
    }

    /**
     * A record's fields as its revisions say they stood at a time.
     *
     * @param fromLater false: read from the record's last revision up to then (its after state); true: it had no
     *                  revision by then, so read from its first later revision (its before state), which says how the
     *                  record stood then only if it existed then: a caller that knows the record was created later
     *                  should not count it
     * @param fields    the fields asked for, by name, as the revision's JSON gives them in text (a JSON null: null);
     *                  null when the record did not exist then (deleted by then, or created by the later revision)
     */
    public record PastState(boolean fromLater, Map<String, String> fields) {
    }

    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * How these records of one type ({@code entity}, e.g. ANSWER) stood at {@code at}, by these fields of their
     * revision snapshots, in one SQL statement (none without ids). A record with no revision at all has no entry:
     * its current state is the only one known. Field names are identifiers (they are written into the SQL).
     */
    @SuppressWarnings("unchecked")
    public Map<Long, PastState> statesAt(String entity, java.util.Collection<Long> entityIds, List<String> fields, OffsetDateTime at) {
        if (entityIds.isEmpty()) {
            return Map.of();
        }
        StringBuilder select = new StringBuilder("select entity_id, changed_at <= :at");
        for (String side : List.of("before_json", "after_json")) {
            for (String field : fields) {
                if (!FIELD.matcher(field).matches()) {
                    throw new IllegalArgumentException("not a field name: " + field);
                }
                select.append(", ").append(side).append(" ->> '").append(field).append("'");
            }
        }
        List<Object[]> rows = em.createNativeQuery(select + " from revision where entity = :entity and entity_id in (:ids)"
                        + " order by entity_id, changed_at, id")
                .setParameter("at", at).setParameter("entity", entity).setParameter("ids", entityIds).getResultList();
        // per record: its last revision up to then, else its first later one
        Map<Long, Object[]> lastBefore = new java.util.HashMap<>();
        Map<Long, Object[]> firstAfter = new java.util.HashMap<>();
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            if ((Boolean) r[1]) {
                lastBefore.put(id, r);
            } else {
                firstAfter.putIfAbsent(id, r);
            }
        }
        int n = fields.size();
        Map<Long, PastState> out = new java.util.HashMap<>();
        lastBefore.forEach((id, r) -> out.put(id, new PastState(false, state(r, fields, 2 + n))));
        firstAfter.forEach((id, r) -> out.putIfAbsent(id, new PastState(true, state(r, fields, 2))));
        return out;
    }

    /**
     * The fields of one side of a revision row, starting at column {@code from}; null when the snapshot is absent,
     * told by its first field (every snapshot has the fields asked for, so a null first field means no snapshot).
     */
    private static Map<String, String> state(Object[] row, List<String> fields, int from) {
        if (row[from] == null) {
            return null;
        }
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            m.put(fields.get(i), (String) row[from + i]);
        }
        return m;
    }

    /**
     * How one record stood at a time by its revisions (its snapshot): {@code recorded} false when it has no revision at
     * all (only its current state is known); else {@code state} is the after state of its last revision up to then, or
     * the before state of its first later one, null when it did not exist then (deleted by then, or created later).
     */
    public record RecordState(boolean recorded, Map<String, Object> state) {
    }

    /**
     * A record as it stood at {@code asOf}: its revision snapshot ({@code fromHistory}), or its current snapshot when it
     * has no revision (a seeded record nobody has changed since).
     */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record PastRecord(String entity, String key, OffsetDateTime asOf, boolean fromHistory, Map<String, Object> state) {
    }

    /**
     * {@link PastRecord} of a record at {@code at}: {@code current} gives its current snapshot (null when it does not exist
     * now); 404 naming {@code noun} when it did not exist then.
     */
    public PastRecord pastRecord(String entity, String noun, String key, OffsetDateTime at, java.util.function.Supplier<Map<String, Object>> current) {
        RecordState s = stateOf(entity, key, at);
        Map<String, Object> state = s.recorded() ? s.state() : current.get();
        if (state == null) {
            throw new ApiException.NotFound(noun + " '" + key + "' did not exist at " + at);
        }
        return new PastRecord(entity, key, at, s.recorded(), state);
    }

    /** {@link RecordState} of the record of type {@code entity} with this key at {@code at} (one statement), deleted records included. */
    public RecordState stateOf(String entity, String key, OffsetDateTime at) {
        List<Revision> revs = Revision.list("entity = ?1 and entityKey = ?2 order by changedAt, id", entity, key);
        if (revs.isEmpty()) {
            return new RecordState(false, null);
        }
        Revision last = null;
        Revision firstAfter = null;
        for (Revision r : revs) {
            if (!r.changedAt.isAfter(at)) {
                last = r;
            } else if (firstAfter == null) {
                firstAfter = r;
            }
        }
        return new RecordState(true, last != null ? last.after : firstAfter.before);
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
