package org.labledger.answer;

import jakarta.persistence.EntityManager;

import java.util.Map;

/** Counts read from answer_tally (V6), which triggers keep equal to a count of the answers. */
public final class AnswerTally {

    private AnswerTally() {
    }

    /**
     * How many answers match the filter parameters {@code lab}, {@code topics}, {@code statuses},
     * {@code questionnaire}, {@code delivered} (those present), as one sum over the tally. There is one answer
     * per (question, lab), so with {@code lab} it is also the number of the lab's questions that match.
     */
    public static long total(EntityManager em, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder("select coalesce(sum(n), 0) from answer_tally where 1 = 1");
        params.keySet().forEach(p -> sql.append(switch (p) {
            case "lab" -> " and lab_id = :lab";
            case "topics" -> " and topic_id in (:topics)";
            case "statuses" -> " and status in (:statuses)";
            case "questionnaire" -> " and questionnaire_id = :questionnaire";
            case "delivered" -> " and delivered = :delivered";
            default -> throw new IllegalStateException("answer_tally has no dimension for " + p);
        }));
        var query = em.createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        return ((Number) query.getSingleResult()).longValue();
    }
}
