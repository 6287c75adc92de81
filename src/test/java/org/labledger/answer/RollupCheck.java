package org.labledger.answer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** answer_rollup (V16) must always equal a fresh count of the answers per root topic: called after tests that write. */
public final class RollupCheck {

    /** Every topic with its root, computed here in SQL of its own (not with the migration's topic_roots()). */
    static final String ROOTS = """
            with recursive roots (topic_id, root_id) as (
                select id, id from topic where parent_id is null
                union all
                select t.id, r.root_id from topic t join roots r on t.parent_id = r.topic_id)
            """;

    private RollupCheck() {
    }

    @SuppressWarnings("unchecked")
    public static void assertExact(EntityManager em) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<Object[]> drift = em.createNativeQuery(ROOTS + """
                    select coalesce(u.lab_id, c.lab_id), coalesce(u.root_topic_id, c.root_id), coalesce(u.status, c.status), u.n, c.n
                      from answer_rollup u
                      full join (select a.lab_id, q.questionnaire_id, r.root_id, a.status, a.delivered, count(*) n
                                   from answer a join question q on q.id = a.question_id join roots r on r.topic_id = q.topic_id
                                  group by 1, 2, 3, 4, 5) c
                        on (c.lab_id, c.questionnaire_id, c.root_id, c.status, coalesce(c.delivered::int, -1))
                         = (u.lab_id, u.questionnaire_id, u.root_topic_id, u.status, coalesce(u.delivered::int, -1))
                     where u.n is distinct from c.n""").getResultList();
            assertEquals(List.of(), drift.stream().map(java.util.Arrays::toString).toList(),
                    "answer_rollup rows (lab, root topic, status, rollup n, live n) that differ from a count of the answers");
        });
    }
}
