package org.labledger.entity;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.common.ApiException;
import org.labledger.common.Cursor;
import org.labledger.common.CursorPage;
import org.labledger.common.KeysetPage;
import org.labledger.common.PageResult;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.SubjectType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Named entities as readers see them, by kind, in pages (ordered by slug). */
@ApplicationScoped
public class EntityService {

    @Inject
    EntityManager em;
    @Inject
    CitationService citations;

    @RegisterForReflection
    public record AliasView(String name, boolean inference, String rationale) {
        static AliasView of(NamedEntity.Alias a) {
            return new AliasView(a.name, a.inference, a.rationale);
        }
    }

    /** One claim the entity makes, in short (the claim room serves the whole claim at /api/claims/{key}). */
    @RegisterForReflection
    public record ClaimRef(String key, String stance, String certainty, String summary) {
    }

    @RegisterForReflection
    public record EntityView(String slug, String name, EntityKind kind, String affiliation, String role, String lab,
                             boolean inference, String rationale, List<AliasView> aliases, long claimCount,
                             List<CitationView> citations) {
    }

    @RegisterForReflection
    public record EntityDetail(String slug, String name, EntityKind kind, String affiliation, String role, String lab,
                               boolean inference, String rationale, List<AliasView> aliases, long claimCount,
                               List<ClaimRef> claims, List<CitationView> citations) {
    }

    /** One page of entities (of {@code kind} when given), by slug, by offset. */
    public PageResult<EntityView> list(EntityKind kind, int page, int size) {
        long total = kind == null ? NamedEntity.count() : NamedEntity.count("kind", kind);
        var query = kind == null ? em.createQuery("select e.id from NamedEntity e order by e.slug", Long.class)
                : em.createQuery("select e.id from NamedEntity e where e.kind = ?1 order by e.slug", Long.class).setParameter(1, kind);
        List<Long> ids = query.setFirstResult(page * size).setMaxResults(size).getResultList();
        return PageResult.of(views(ids), page, size, total);
    }

    /** The list name in entity cursors. */
    static final String CURSOR_LIST = "entities";

    /**
     * The ids of the entities (of {@code kind} when given) after a cursor (from the first when null), by slug (unique),
     * by keyset on the slug index (with a kind, (kind, slug), V19): no OFFSET. /api/people is kind PERSON: its cursors
     * are those of /api/entities?kind=PERSON. A cursor of another list or kind is a 400.
     */
    public KeysetPage<Long> idsAfter(EntityKind kind, String cursor, int size) {
        String scope = "kind=" + kind;
        String after = Cursor.key(cursor, CURSOR_LIST, scope, 1, k -> k.get(0));
        Map<String, Object> params = new HashMap<>();
        String where = " where 1 = 1";
        if (kind != null) {
            where += " and e.kind = :kind";
            params.put("kind", kind);
        }
        var rows = em.createQuery("select e.id, e.slug from NamedEntity e" + where + (after != null ? " and e.slug > :after" : "") + " order by e.slug");
        if (after != null) {
            rows.setParameter("after", after);
        }
        return KeysetPage.<Object[]>read(em.createQuery("select count(e) from NamedEntity e" + where), rows, params, size,
                r -> Cursor.encode(CURSOR_LIST, scope, List.of(r[1]))).map(r -> (Long) r[0]);
    }

    /** The entities of a keyset page: {@link #idsAfter} with the rows of its ids. */
    public CursorPage<EntityView> listAfter(EntityKind kind, String cursor, int size) {
        KeysetPage<Long> ids = idsAfter(kind, cursor, size);
        return ids.rest(views(ids.items()));
    }

    /** The entities with these ids, in this order, with lab, aliases, claim counts and citations (a fixed number of statements). */
    private List<EntityView> views(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<NamedEntity> entities = em.createQuery("select distinct e from NamedEntity e left join fetch e.lab left join fetch e.aliases where e.id in ?1",
                NamedEntity.class).setParameter(1, ids).getResultList();
        Map<Long, NamedEntity> byId = new HashMap<>();
        entities.forEach(e -> byId.put(e.id, e));
        Map<Long, Long> counts = claimCounts(ids);
        Map<Long, List<CitationView>> cites = citations.forSubjects(SubjectType.ENTITY, ids);
        return ids.stream().map(byId::get).map(e -> new EntityView(e.slug, e.name, e.kind, e.affiliation, e.role,
                e.lab == null ? null : e.lab.slug, e.inference, e.rationale, e.aliases.stream().map(AliasView::of).toList(),
                counts.getOrDefault(e.id, 0L), cites.getOrDefault(e.id, List.of()))).toList();
    }

    public EntityDetail detail(String slug) {
        NamedEntity e = NamedEntity.findBySlug(slug);
        if (e == null) {
            throw ApiException.notFound("entity", slug);
        }
        List<ClaimRef> claims = em.createQuery("select c.key, str(c.stance), str(c.certainty), c.summary from Claim c where c.claimant.id = ?1 order by c.key",
                        Object[].class).setParameter(1, e.id).getResultList().stream()
                .map(r -> new ClaimRef((String) r[0], (String) r[1], (String) r[2], (String) r[3])).toList();
        return new EntityDetail(e.slug, e.name, e.kind, e.affiliation, e.role, e.lab == null ? null : e.lab.slug, e.inference, e.rationale,
                e.aliases.stream().map(AliasView::of).toList(), claims.size(), claims, citations.forSubject(SubjectType.ENTITY, e.id));
    }

    /** How many claims each entity makes (claims live in the claim room, above this one: counted by entity name). */
    public Map<Long, Long> claimCounts(List<Long> ids) {
        Map<Long, Long> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        em.createQuery("select c.claimant.id, count(c) from Claim c where c.claimant.id in ?1 group by c.claimant.id", Object[].class)
                .setParameter(1, ids).getResultList()
                .forEach(r -> out.put((Long) r[0], ((Number) r[1]).longValue()));
        return out;
    }
}
