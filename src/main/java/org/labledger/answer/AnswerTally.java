package org.labledger.answer;

import jakarta.persistence.EntityManager;
import org.labledger.question.TallyFilter;

/** Counts read from answer_tally (V6), which triggers keep equal to a count of the answers. */
public final class AnswerTally {

    private AnswerTally() {
    }

    /**
     * How many answers match the filter, as one sum over the tally. There is one answer per (question, lab), so with
     * a lab it is also the number of the lab's questions that match.
     */
    public static long total(EntityManager em, TallyFilter filter) {
        var query = em.createNativeQuery("select coalesce(sum(n), 0) from answer_tally where 1 = 1" + filter.conditions("", ""));
        filter.parameters().forEach(query::setParameter);
        return ((Number) query.getSingleResult()).longValue();
    }
}
