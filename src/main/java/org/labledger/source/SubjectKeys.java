package org.labledger.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The records a citation (or a claim) can be about, by their public key: a slug or key, an answer as its id or
 * {@code questionKey/labSlug}. By JPQL over entity names, so the source room names no class of the rooms above it.
 */
@ApplicationScoped
public class SubjectKeys {

    @Inject
    EntityManager em;

    /** The id of the record of this type with this key, if there is one. */
    public Optional<Long> id(SubjectType type, String key) {
        String jpql = switch (type) {
            case LAB -> "select x.id from Lab x where x.slug = ?1";
            case QUESTIONNAIRE -> "select x.id from Questionnaire x where x.slug = ?1";
            case QUESTION -> "select x.id from Question x where x.key = ?1";
            case AGREEMENT -> "select x.id from Agreement x where x.slug = ?1";
            case PROVISION -> "select x.id from Provision x where x.key = ?1";
            case EVENT -> "select x.id from Event x where x.slug = ?1";
            case SCORE -> "select x.id from LabScore x where x.key = ?1";
            case ENTITY -> "select x.id from NamedEntity x where x.slug = ?1";
            case CLAIM -> "select x.id from Claim x where x.key = ?1";
            case ANSWER -> null;
        };
        List<Long> ids;
        if (jpql != null) {
            ids = em.createQuery(jpql, Long.class).setParameter(1, key).getResultList();
        } else if (key.matches("[0-9]{1,18}")) {
            ids = em.createQuery("select x.id from Answer x where x.id = ?1", Long.class).setParameter(1, Long.parseLong(key)).getResultList();
        } else {
            int slash = key.lastIndexOf('/');
            ids = slash < 0 ? List.of() : em.createQuery("select x.id from Answer x where x.question.key = ?1 and x.lab.slug = ?2", Long.class)
                    .setParameter(1, key.substring(0, slash)).setParameter(2, key.substring(slash + 1)).getResultList();
        }
        return ids.stream().findFirst();
    }

    /** The public keys of many records of one type, in one query (an answer's key is {@code questionKey/labSlug}). */
    public Map<Long, String> keys(SubjectType type, Collection<Long> ids) {
        Map<Long, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String jpql = switch (type) {
            case LAB -> "select x.id, x.slug from Lab x where x.id in ?1";
            case QUESTIONNAIRE -> "select x.id, x.slug from Questionnaire x where x.id in ?1";
            case QUESTION -> "select x.id, x.key from Question x where x.id in ?1";
            case AGREEMENT -> "select x.id, x.slug from Agreement x where x.id in ?1";
            case PROVISION -> "select x.id, x.key from Provision x where x.id in ?1";
            case EVENT -> "select x.id, x.slug from Event x where x.id in ?1";
            case SCORE -> "select x.id, x.key from LabScore x where x.id in ?1";
            case ENTITY -> "select x.id, x.slug from NamedEntity x where x.id in ?1";
            case CLAIM -> "select x.id, x.key from Claim x where x.id in ?1";
            case ANSWER -> "select x.id, concat(x.question.key, '/', x.lab.slug) from Answer x where x.id in ?1";
        };
        for (Object[] row : em.createQuery(jpql, Object[].class).setParameter(1, ids).getResultList()) {
            out.put((Long) row[0], (String) row[1]);
        }
        return out;
    }
}
