package org.labledger.claim;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.labledger.common.ApiException;
import org.labledger.common.Cursor;
import org.labledger.common.CursorPage;
import org.labledger.common.KeysetPage;
import org.labledger.common.PageResult;
import org.labledger.common.Params;
import org.labledger.entity.EntityKind;
import org.labledger.entity.NamedEntity;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.SubjectKeys;
import org.labledger.source.SubjectType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Claims as readers see them: filtered, paged by key, each with its claimant, subject, links both ways and citations. */
@ApplicationScoped
public class ClaimService {

    /** The kinds of record a claim can be about. */
    public static final Set<SubjectType> ABOUT_TYPES = Set.of(SubjectType.LAB, SubjectType.AGREEMENT, SubjectType.PROVISION,
            SubjectType.EVENT, SubjectType.QUESTION, SubjectType.ANSWER);

    @Inject
    EntityManager em;
    @Inject
    CitationService citations;
    @Inject
    SubjectKeys subjectKeys;
    @Inject
    ClaimSupports supports;

    @RegisterForReflection
    public record EntityRef(String slug, String name, EntityKind kind) {
    }

    /** The record a claim is about, by its type and public key. */
    @RegisterForReflection
    public record Subject(SubjectType type, String key) {
    }

    /** A link to another claim: this claim {@code relation} {@code claim} (or, in disputedBy/supportedBy, {@code claim} {@code relation} this one). */
    @RegisterForReflection
    public record LinkView(ClaimRelation relation, String claim, String claimant, String claimantName, String summary) {
    }

    @RegisterForReflection
    public record ClaimView(String key, String summary, EntityRef claimant, ClaimStance stance, ClaimCertainty certainty,
                            Subject about, String quotedVia, boolean inference, String rationale, boolean disputed,
                            List<LinkView> disputes, List<LinkView> disputedBy, List<LinkView> supports,
                            List<LinkView> supportedBy, List<Subject> supportsRecords, List<CitationView> citations) {
    }

    /** One link row: from claim id, relation, to claim id. */
    public record LinkRow(Long from, ClaimRelation relation, Long to) {
    }

    public PageResult<ClaimView> list(ClaimFilter filter, int page, int size) {
        PageResult<Long> ids = searchIds(filter, page, size);
        return PageResult.of(views(ids.items()), page, size, ids.totalItems());
    }

    public ClaimView detail(String key) {
        List<Long> ids = em.createQuery("select c.id from Claim c where c.key = ?1", Long.class).setParameter(1, key).getResultList();
        if (ids.isEmpty()) {
            throw ApiException.notFound("claim", key);
        }
        return views(ids).get(0);
    }

    /** The claims of these keys, in one batch (unknown keys are left out), by key. */
    public Map<String, ClaimView> byKeys(java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = em.createQuery("select c.id from Claim c where c.key in ?1", Long.class).setParameter(1, keys).getResultList();
        Map<String, ClaimView> out = new HashMap<>();
        views(ids).forEach(v -> out.put(v.key(), v));
        return out;
    }

    /** The ids of one page of matching claims, by key; an unknown subject or claimant is a 400 naming the parameter. */
    public PageResult<Long> searchIds(ClaimFilter f, int page, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(f, params);
        TypedQuery<Long> count = em.createQuery("select count(c) from Claim c" + where, Long.class);
        TypedQuery<Long> ids = em.createQuery("select c.id from Claim c" + where + " order by c.key", Long.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            ids.setParameter(k, v);
        });
        List<Long> page1 = ids.setFirstResult(page * size).setMaxResults(size).getResultList();
        return PageResult.of(page1, page, size, count.getSingleResult());
    }

    /** The list name in claim cursors. */
    static final String CURSOR_LIST = "claims";

    /**
     * The ids of matching claims after a cursor (from the first when null), in the order of {@link #searchIds} (by
     * key: unique), by keyset on the key index (with a claimant or a subject, on (claimant_id, key) or (about_type,
     * about_id, key), V18): no OFFSET. A cursor of another list or other filters is a 400.
     */
    public KeysetPage<Long> idsAfter(ClaimFilter f, String cursor, int size) {
        ClaimFilter n = new ClaimFilter(f.aboutType(), f.aboutKey(), f.claimant(), f.stances() == null ? List.of() : f.stances(),
                f.certainties() == null ? List.of() : f.certainties(), f.disputed());
        String scope = n.toString();
        Params errors = new Params();
        List<String> key = Cursor.decode(errors, cursor, CURSOR_LIST, scope, 1);
        errors.check();
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(n, params);
        TypedQuery<Long> count = em.createQuery("select count(c) from Claim c" + where, Long.class);
        TypedQuery<Object[]> rows = em.createQuery("select c.id, c.key from Claim c" + where + (key != null ? " and c.key > :after" : "")
                + " order by c.key", Object[].class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        if (key != null) {
            rows.setParameter("after", key.get(0));
        }
        return KeysetPage.of(rows.setMaxResults(size + 1).getResultList(), size, count.getSingleResult(),
                r -> Cursor.encode(CURSOR_LIST, scope, List.of(r[1]))).map(r -> (Long) r[0]);
    }

    /** The claims of a keyset page: {@link #idsAfter} with the rows of its ids. */
    public CursorPage<ClaimView> listAfter(ClaimFilter filter, String cursor, int size) {
        KeysetPage<Long> ids = idsAfter(filter, cursor, size);
        return ids.rest(views(ids.items()));
    }

    /** The where clause of the filter (" where ..."), its parameters put in {@code params}. */
    private String where(ClaimFilter f, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (f.aboutType() != null) {
            if (!ABOUT_TYPES.contains(f.aboutType())) {
                throw ApiException.badParameter("about", "a claim cannot be about a " + f.aboutType() + "; expected one of " + aboutTypes());
            }
            Long id = f.aboutKey() == null ? null : subjectKeys.id(f.aboutType(), f.aboutKey()).orElse(null);
            if (id == null) {
                throw ApiException.badParameter("about", "unknown " + f.aboutType().name().toLowerCase() + " '" + f.aboutKey() + "'");
            }
            where.append(" and c.aboutType = :aboutType and c.aboutId = :aboutId");
            params.put("aboutType", f.aboutType());
            params.put("aboutId", id);
        }
        if (f.claimant() != null) {
            where.append(" and c.claimant.id = :claimant");
            params.put("claimant", NamedEntity.forParameter("claimant", f.claimant()).id);
        }
        if (f.stances() != null && !f.stances().isEmpty()) {
            where.append(" and c.stance in :stances");
            params.put("stances", f.stances());
        }
        if (f.certainties() != null && !f.certainties().isEmpty()) {
            where.append(" and c.certainty in :certainties");
            params.put("certainties", f.certainties());
        }
        if (f.disputed() != null) {
            where.append(f.disputed() ? " and" : " and not").append(
                    " exists (select 1 from Claim d join d.links l where l.target.id = c.id and l.relation in :against)");
            params.put("against", ClaimRelation.AGAINST);
        }
        return where.toString();
    }

    public static List<String> aboutTypes() {
        return ABOUT_TYPES.stream().map(t -> t.name().toLowerCase()).sorted().toList();
    }

    /** The claims with these ids, in this order, with claimant, subject, links and citations (a fixed number of queries). */
    public List<ClaimView> views(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Claim> claims = load(ids);
        Map<SubjectType, Map<Long, String>> about = aboutKeys(claims.values());
        List<Object[]> linkRows = em.createQuery("select c.id, l.relation, t.id, t.key, tc.slug, t.summary, c.key, cc.slug, c.summary, tc.name, cc.name "
                        + "from Claim c join c.claimant cc join c.links l join l.target t join t.claimant tc "
                        + "where c.id in ?1 or t.id in ?1 order by c.key, t.key", Object[].class)
                .setParameter(1, ids).getResultList();
        Map<Long, List<LinkView>> out = new HashMap<>();
        Map<Long, List<LinkView>> in = new HashMap<>();
        for (Object[] r : linkRows) {
            ClaimRelation rel = (ClaimRelation) r[1];
            if (claims.containsKey((Long) r[0])) {
                out.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(new LinkView(rel, (String) r[3], (String) r[4], (String) r[9], (String) r[5]));
            }
            if (claims.containsKey((Long) r[2])) {
                in.computeIfAbsent((Long) r[2], k -> new ArrayList<>()).add(new LinkView(rel, (String) r[6], (String) r[7], (String) r[10], (String) r[8]));
            }
        }
        Map<Long, List<CitationView>> cites = citations.forSubjects(SubjectType.CLAIM, ids);
        Map<Long, List<Subject>> supported = supportedRecords(ids);
        List<ClaimView> views = new ArrayList<>();
        for (Long id : ids) {
            Claim c = claims.get(id);
            List<LinkView> o = out.getOrDefault(id, List.of());
            List<LinkView> i = in.getOrDefault(id, List.of());
            views.add(new ClaimView(c.key, c.summary, new EntityRef(c.claimant.slug, c.claimant.name, c.claimant.kind), c.stance, c.certainty,
                    c.aboutType == null ? null : new Subject(c.aboutType, about.getOrDefault(c.aboutType, Map.of()).get(c.aboutId)),
                    c.quotedVia == null ? null : c.quotedVia.key, c.inference, c.rationale,
                    i.stream().anyMatch(l -> ClaimRelation.AGAINST.contains(l.relation())),
                    o.stream().filter(l -> ClaimRelation.AGAINST.contains(l.relation())).toList(),
                    i.stream().filter(l -> ClaimRelation.AGAINST.contains(l.relation())).toList(),
                    o.stream().filter(l -> l.relation() == ClaimRelation.SUPPORTS).toList(),
                    i.stream().filter(l -> l.relation() == ClaimRelation.SUPPORTS).toList(),
                    supported.getOrDefault(id, List.of()), cites.getOrDefault(id, List.of())));
        }
        return views;
    }

    /** For each of these claims, the provisions, events and answers it supports, by type then key (one query plus one per type present). */
    public Map<Long, List<Subject>> supportedRecords(List<Long> claimIds) {
        List<ClaimSupports.Row> rows = supports.ofClaims(claimIds);
        Map<SubjectType, List<Long>> byType = new HashMap<>();
        rows.forEach(r -> byType.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r.recordId()));
        Map<SubjectType, Map<Long, String>> keys = new HashMap<>();
        byType.forEach((type, ids) -> keys.put(type, subjectKeys.keys(type, ids)));
        Map<Long, List<Subject>> out = new HashMap<>();
        for (ClaimSupports.Row r : rows) {
            String key = keys.get(r.type()).get(r.recordId());
            if (key != null) {
                out.computeIfAbsent(r.claimId(), k -> new ArrayList<>()).add(new Subject(r.type(), key));
            }
        }
        out.values().forEach(l -> l.sort(java.util.Comparator.comparing(Subject::type).thenComparing(Subject::key)));
        return out;
    }

    /** GraphQL nodes for these claim ids, in this order (two queries plus one per subject type present). */
    public List<ClaimNode> nodes(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Claim> loaded = load(ids);
        Map<SubjectType, Map<Long, String>> about = aboutKeys(loaded.values());
        return ids.stream().map(loaded::get).map(c -> ClaimNode.of(c, about)).toList();
    }

    /** For each record (provision, event, answer), the nodes of the claims that support it, by key (a fixed number of queries whatever the number of records). */
    public <R> List<List<ClaimNode>> supporting(SubjectType type, List<R> records, java.util.function.Function<R, Long> id) {
        Map<Long, List<Long>> ids = supports.claimIds(type, org.labledger.common.Batch.keys(records, id));
        Map<Long, ClaimNode> nodes = org.labledger.common.Batch.index(nodes(ids.values().stream().flatMap(List::stream).distinct().toList()), ClaimNode::id);
        Map<Long, List<ClaimNode>> by = new HashMap<>();
        ids.forEach((record, claimIds) -> by.put(record, claimIds.stream().map(nodes::get).toList()));
        return org.labledger.common.Batch.many(records, id, by);
    }

    /** Claims by id, with claimant and quoted source fetched. */
    public Map<Long, Claim> load(List<Long> ids) {
        Map<Long, Claim> claims = new HashMap<>();
        em.createQuery("select c from Claim c join fetch c.claimant left join fetch c.quotedVia where c.id in ?1", Claim.class)
                .setParameter(1, ids).getResultList().forEach(c -> claims.put(c.id, c));
        return claims;
    }

    /** The public keys of the claims' subjects: subject type → id → key (one query per type present). */
    public Map<SubjectType, Map<Long, String>> aboutKeys(java.util.Collection<Claim> claims) {
        Map<SubjectType, List<Long>> byType = new HashMap<>();
        claims.stream().filter(c -> c.aboutType != null).forEach(c -> byType.computeIfAbsent(c.aboutType, k -> new ArrayList<>()).add(c.aboutId));
        Map<SubjectType, Map<Long, String>> out = new HashMap<>();
        byType.forEach((type, ids) -> out.put(type, subjectKeys.keys(type, ids)));
        return out;
    }

    /** Links touching these claims: outgoing ({@code from} in ids) when {@code outgoing}, else incoming. */
    public List<LinkRow> links(List<Long> ids, boolean outgoing) {
        return em.createQuery("select c.id, l.relation, l.target.id from Claim c join c.links l where "
                        + (outgoing ? "c.id" : "l.target.id") + " in ?1 order by c.key, l.target.key", Object[].class)
                .setParameter(1, ids).getResultList().stream()
                .map(r -> new LinkRow((Long) r[0], (ClaimRelation) r[1], (Long) r[2])).toList();
    }
}
