package org.labledger.claim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.source.SubjectType;
import org.labledger.source.SupportingClaim;
import org.labledger.source.SupportingClaims;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which claims support which provisions, events and answers, both ways; two queries per call whatever the number of records. */
@ApplicationScoped
public class ClaimSupports implements SupportingClaims {

    /** The kinds of record a claim can support. */
    public static final Set<SubjectType> SUPPORTED_TYPES = Set.of(SubjectType.PROVISION, SubjectType.EVENT, SubjectType.ANSWER);

    @Inject
    EntityManager em;

    /** One support link: the claim (id) supports the record (id) of a type. */
    public record Row(Long claimId, SubjectType type, Long recordId) {
    }

    @Override
    public Map<Long, List<SupportingClaim>> forRecords(SubjectType type, Collection<Long> ids) {
        Map<Long, List<SupportingClaim>> out = new HashMap<>();
        if (ids.isEmpty() || !SUPPORTED_TYPES.contains(type)) {
            return out;
        }
        List<Object[]> rows = em.createQuery("select s.recordId, c.id, c.key, c.summary, cc.slug, c.stance, c.certainty from Claim c "
                        + "join c.supports s join c.claimant cc where s.recordType = ?1 and s.recordId in ?2 order by c.key", Object[].class)
                .setParameter(1, type).setParameter(2, ids).getResultList();
        Set<Long> disputed = disputed(rows.stream().map(r -> (Long) r[1]).distinct().toList());
        for (Object[] r : rows) {
            out.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(new SupportingClaim((String) r[2], (String) r[3], (String) r[4],
                    ((ClaimStance) r[5]).name(), ((ClaimCertainty) r[6]).name(), disputed.contains((Long) r[1])));
        }
        return out;
    }

    /** For each record id of this type, the ids of the claims supporting it, by claim key (one query). */
    public Map<Long, List<Long>> claimIds(SubjectType type, Collection<Long> ids) {
        Map<Long, List<Long>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        for (Object[] r : em.createQuery("select s.recordId, c.id from Claim c join c.supports s where s.recordType = ?1 and s.recordId in ?2 order by c.key",
                Object[].class).setParameter(1, type).setParameter(2, ids).getResultList()) {
            out.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add((Long) r[1]);
        }
        return out;
    }

    /** The support links of these claims, by type then record id (one query). */
    public List<Row> ofClaims(Collection<Long> claimIds) {
        if (claimIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select c.id, s.recordType, s.recordId from Claim c join c.supports s where c.id in ?1 order by s.recordType, s.recordId",
                        Object[].class).setParameter(1, claimIds).getResultList().stream()
                .map(r -> new Row((Long) r[0], (SubjectType) r[1], (Long) r[2])).toList();
    }

    /** Those of these claims that another claim disputes, contradicts or denies (one query). */
    public Set<Long> disputed(Collection<Long> claimIds) {
        if (claimIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("select distinct l.target.id from Claim d join d.links l where l.target.id in ?1 and l.relation in ?2", Long.class)
                .setParameter(1, claimIds).setParameter(2, ClaimRelation.AGAINST).getResultList());
    }
}
