package org.labledger.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.Validator;
import org.labledger.common.ApiException;
import org.labledger.common.BaseEntity;
import org.labledger.common.Writes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The steps every curator's write shares, whatever the record type: validate → find → check the version → apply →
 * flush → revision. The write services keep what differs (their inputs, their rules in {@code apply}, their
 * references and clean-ups, their transactions: each public write method is {@code @Transactional} once, there) and
 * call these steps in that order, so a create, an update and a delete read and record the same way for every type.
 */
@ApplicationScoped
public class CuratedWrites {

    @Inject
    EntityManager em;
    @Inject
    RevisionService revisions;
    @Inject
    Validator validator;

    /** Bean Validation of an input; violations are named under {@code field} ("" over REST, "input." over GraphQL). */
    public void validate(Object input, String field) {
        Writes.validate(validator, input, field);
    }

    /**
     * The record of {@code type} as its change history says it stood at {@code asOf}: a 400 for a missing or malformed
     * time, a 404 when it did not exist then; the current snapshot when no revision came after {@code asOf}.
     */
    public <E extends BaseEntity> RevisionService.PastRecord asOf(Curated<E> type, String key, String asOf) {
        java.time.OffsetDateTime at = RevisionService.timestamp("asOf", asOf);
        if (at == null) {
            throw ApiException.badParameter("asOf", "is required");
        }
        return revisions.pastRecord(type.entity(), type.noun(), key, at, () -> {
            E now = type.find().apply(key);
            return now == null ? null : type.snapshot().apply(now);
        });
    }

    /** The record with this key, or a 404 naming the type and key. */
    public <E extends BaseEntity> E require(Curated<E> type, String key) {
        E record = type.find().apply(key);
        if (record == null) {
            throw ApiException.notFound(type.noun(), key);
        }
        return record;
    }

    /**
     * The optimistic-lock check: {@code ifMatch} (REST) or {@code expectedVersion} (GraphQL) must name the record's
     * current version; a delete may give neither ({@code optional}), an update must give one.
     */
    public <E extends BaseEntity> void checkVersion(Curated<E> type, E record, String ifMatch, Integer expectedVersion, boolean optional) {
        Writes.version(ifMatch, expectedVersion, type.version().applyAsInt(record), type.noun() + " " + type.key().apply(record), optional);
    }

    /**
     * A new record whose key the caller has set: refused without a key (422) or when the key is taken (409); else
     * {@code apply} fills it, it is inserted and flushed (id and version assigned) and a CREATE revision records it.
     */
    public <E extends BaseEntity> E create(Curated<E> type, E fresh, Consumer<E> apply, String reason, String sourceUrl, String sourceKey) {
        String key = type.key().apply(fresh);
        if (key == null) {
            throw Writes.required(type.keyField());
        }
        if (type.find().apply(key) != null) {
            throw Writes.exists(type.noun(), key);
        }
        apply.accept(fresh);
        fresh.persist();
        em.flush();
        revisions.record(type.entity(), key, fresh.id, "CREATE", null, type.snapshot().apply(fresh), reason, sourceUrl, sourceKey);
        return fresh;
    }

    /**
     * A change to a record already found and version-checked: its snapshot before, {@code apply}, flush, its snapshot
     * after, and an UPDATE revision when the two differ ({@link RevisionService#recordUpdate}).
     */
    public <E extends BaseEntity> E update(Curated<E> type, E record, Consumer<E> apply, String reason, String sourceUrl, String sourceKey) {
        Map<String, Object> before = type.snapshot().apply(record);
        apply.accept(record);
        em.flush();
        revisions.recordUpdate(type.entity(), type.key().apply(record), record.id, before, type.snapshot().apply(record), reason, sourceUrl, sourceKey);
        return record;
    }

    /**
     * Deletes a record already found and version-checked, unless other records refer to it (409 listing how many of
     * each {@code references}); {@code cleanup} (may be null) first removes what belongs to it alone (its citations),
     * then a DELETE revision keeps its last state.
     */
    public <E extends BaseEntity> void delete(Curated<E> type, E record, List<Curated.Reference> references, Runnable cleanup,
                                              String reason, String sourceKey) {
        String key = type.key().apply(record);
        List<String> refs = new ArrayList<>();
        for (Curated.Reference r : references) {
            Writes.count(refs, em.createQuery(r.countJpql(), Long.class).setParameter(1, record).getSingleResult(), r.things());
        }
        if (!refs.isEmpty()) {
            throw Writes.referenced(type.noun() + " '" + key + "'", refs);
        }
        Map<String, Object> before = type.snapshot().apply(record);
        if (cleanup != null) {
            cleanup.run();
        }
        record.delete();
        revisions.record(type.entity(), key, record.id, "DELETE", before, null, reason, null, sourceKey);
    }
}
