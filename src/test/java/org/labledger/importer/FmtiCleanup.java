package org.labledger.importer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Removes what FMTI test imports wrote, so that the other suites see the seed data only. */
final class FmtiCleanup {

    private FmtiCleanup() {
    }

    /** The labs and aliases there are before a test ("slug" and "slug/alias" entries). */
    @SuppressWarnings("unchecked")
    static Set<String> snapshot(EntityManager em) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<String> s = new HashSet<>(em.createNativeQuery("select slug from lab").getResultList());
            s.addAll(em.createNativeQuery("select l.slug || '/' || a.alias from lab_alias a join lab l on l.id = a.lab_id").getResultList());
            return s;
        });
    }

    @SuppressWarnings("unchecked")
    static void run(EntityManager em, Set<String> before) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String sql : List.of(
                    "delete from citation where source_id in (select id from source where key like 'fmti-%')",
                    "delete from answer where question_id in (select q.id from question q join questionnaire qn on qn.id = q.questionnaire_id where qn.slug like 'fmti-%')",
                    "delete from question where questionnaire_id in (select id from questionnaire where slug like 'fmti-%')",
                    "delete from questionnaire where slug like 'fmti-%'",
                    "delete from topic where parent_id in (select id from topic where parent_id in (select id from topic where slug = 'fmti'))",
                    "delete from topic where parent_id in (select id from topic where slug = 'fmti')",
                    "delete from topic where slug = 'fmti'",
                    "delete from source where key like 'fmti-%'")) {
                em.createNativeQuery(sql).executeUpdate();
            }
            for (Object[] r : (List<Object[]>) em.createNativeQuery("select l.slug, a.alias from lab_alias a join lab l on l.id = a.lab_id").getResultList()) {
                if (!before.contains(r[0] + "/" + r[1])) {
                    em.createNativeQuery("delete from lab_alias where alias = ?1").setParameter(1, r[1]).executeUpdate();
                }
            }
            for (Object slug : em.createNativeQuery("select slug from lab").getResultList()) {
                if (!before.contains((String) slug)) {
                    em.createNativeQuery("delete from lab where slug = ?1").setParameter(1, slug).executeUpdate();
                }
            }
        });
    }
}
