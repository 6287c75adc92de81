package org.labledger.answer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** answer_tally (V6) must always equal a fresh count of the answers: called after tests that write. */
public final class TallyCheck {

    private TallyCheck() {
    }

    @SuppressWarnings("unchecked")
    public static void assertExact(EntityManager em) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<Object[]> drift = em.createNativeQuery("""
                    select coalesce(t.lab_id, c.lab_id), coalesce(t.topic_id, c.topic_id), coalesce(t.status, c.status), t.n, c.n
                      from answer_tally t
                      full join (select a.lab_id, q.topic_id, q.questionnaire_id, a.status, a.delivered, count(*) n
                                   from answer a join question q on q.id = a.question_id group by 1, 2, 3, 4, 5) c
                        on (c.lab_id, c.topic_id, c.questionnaire_id, c.status, coalesce(c.delivered::int, -1))
                         = (t.lab_id, t.topic_id, t.questionnaire_id, t.status, coalesce(t.delivered::int, -1))
                     where t.n is distinct from c.n""").getResultList();
            // delivered is three-valued (V9): null (not known) matches null (-1 on both sides: a full join needs =)
            assertEquals(List.of(), drift.stream().map(java.util.Arrays::toString).toList(),
                    "answer_tally rows (lab, topic, status, tally n, live n) that differ from a count of the answers");
        });
    }
}
