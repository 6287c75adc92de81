package org.labledger.graphql;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No N+1: the dashboard query "labs → scorecard → answers → question → topic" costs the same number of
 * SQL statements for 5 labs as for 50 (45 of them generated here, each with answers to 20 questions).
 */
@QuarkusTest
class DashboardStatementCountTest {

    static final String DASHBOARD = """
            query($labs: [String]) { labs(slugs: $labs) {
                slug name
                scorecard { counts { total answered partial responseRate } topics { topic counts { total } } }
                answers { status delivered question { key text topic { slug name path } } }
            } }""";

    /** A lab's answers filtered and paged, twice under aliases with different arguments (one batch per argument set). */
    static final String PAGED = """
            query($labs: [String]) { labs(slugs: $labs) {
                slug
                responded: answerPage(statuses: [ANSWERED, PARTIAL], size: 5) { totalItems totalPages items { status question { key } } }
                alw: answerPage(questionnaire: "ailabwatch-questions-to-labs", page: 1, size: 3) { totalItems items { id status } }
            } }""";

    @Inject
    SessionFactory sessionFactory;
    @Inject
    EntityManager em;

    private final List<String> generated = new ArrayList<>();

    private long statements(List<String> labs) {
        return statements(DASHBOARD, labs);
    }

    private long statements(String query, List<String> labs) {
        sessionFactory.getStatistics().clear();
        JsonPath data = GraphQL.data(query, Map.of("labs", labs));
        long count = sessionFactory.getStatistics().getPrepareStatementCount();
        assertEquals(labs.size(), data.getList("labs").size());
        return count;
    }

    @Test
    void statementCountDoesNotGrowWithTheNumberOfLabs() {
        assertTrue(sessionFactory.getStatistics().isStatisticsEnabled(), "hibernate statistics are on in tests");
        List<String> five = List.of("anthropic", "google-deepmind", "meta", "microsoft", "openai");
        long forFive = statements(five);
        long pagedForFive = statements(PAGED, five);

        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Number> questions = em.createNativeQuery("select id from question order by id limit 20").getResultList();
            for (int i = 0; i < 45; i++) {
                String slug = "generated-lab-" + i;
                Number id = (Number) em.createNativeQuery("insert into lab (slug, name, kind) values (?1, ?2, 'OTHER') returning id")
                        .setParameter(1, slug).setParameter(2, "Generated " + i).getSingleResult();
                for (int j = 0; j < questions.size(); j++) {
                    em.createNativeQuery("insert into answer (question_id, lab_id, status) values (?1, ?2, ?3)")
                            .setParameter(1, questions.get(j).longValue()).setParameter(2, id.longValue())
                            .setParameter(3, j % 3 == 0 ? "ANSWERED" : j % 3 == 1 ? "PARTIAL" : "UNANSWERED").executeUpdate();
                }
                generated.add(slug);
            }
        });
        List<String> fifty = new ArrayList<>(five);
        fifty.addAll(generated);
        long forFifty = statements(fifty);
        long pagedForFifty = statements(PAGED, fifty);

        assertEquals(forFive, forFifty, "SQL statements for 5 labs vs 50 labs");
        assertTrue(forFive <= 12, "a handful of statements in all, was " + forFive);
        // the generated data really went through the resolvers
        JsonPath one = GraphQL.data(DASHBOARD, Map.of("labs", List.of("generated-lab-7")));
        assertEquals(20, one.getInt("labs[0].scorecard.counts.total"));
        assertEquals(20, one.getList("labs[0].answers").size());

        // Lab.answerPage: the same statements for 5 labs and 50, each alias with its own arguments
        assertEquals(pagedForFive, pagedForFifty, "SQL statements of the paged relation for 5 labs vs 50 labs");
        assertTrue(pagedForFive <= 7, "labs, two per argument set, the questionnaire lookup, the questions: 7, was " + pagedForFive);
        JsonPath paged = GraphQL.data(PAGED, Map.of("labs", List.of("generated-lab-7", "anthropic")));
        assertEquals(14, paged.getInt("labs[1].responded.totalItems"), "14 of the 20 generated answers are ANSWERED or PARTIAL");
        assertEquals(3, paged.getInt("labs[1].responded.totalPages"));
        assertEquals(5, paged.getList("labs[1].responded.items").size());
        assertTrue(paged.getList("labs[1].responded.items.status").stream().noneMatch("UNANSWERED"::equals));
        assertEquals(3, paged.getInt("labs[0].responded.totalItems"), "Anthropic: 2 PARTIAL + 1 ANSWERED in the seeds");
        assertEquals(29, paged.getInt("labs[0].alw.totalItems"), "Anthropic: 29 of its 33 answers are to the AI Lab Watch questions");
        assertEquals(3, paged.getList("labs[0].alw.items").size());
    }

    static final String CLAIMS = """
            query($size: Int) { claims(size: $size) { totalItems items {
                key stance certainty about { type key } citations { source quote }
                claimant { slug name aliases { name inference } lab { slug } claims { key } }
                disputes { relation claim { key claimant { slug } } }
                disputedBy { relation claim { key claimant { slug } } } } } }""";

    private long claimStatements(int size, int expected) {
        sessionFactory.getStatistics().clear();
        JsonPath data = GraphQL.data(CLAIMS, Map.of("size", size));
        long count = sessionFactory.getStatistics().getPrepareStatementCount();
        assertEquals(expected, data.getList("claims.items").size());
        return count;
    }

    @Test
    void claimStatementCountDoesNotGrowWithTheNumberOfClaims() {
        // the seed claims: a handful of statements (one more per kind of subject the page's claims are about)
        long seeded = claimStatements(5, 5);
        assertTrue(seeded <= 20, "a handful of statements, was " + seeded);
        // 60 generated claims, each disputing the previous one and cited once
        QuarkusTransaction.requiringNew().run(() -> {
            Number entity = (Number) em.createNativeQuery("insert into named_entity (slug, name, kind) values ('generated-entity', 'Generated', 'PUBLICATION') returning id")
                    .getSingleResult();
            Number source = (Number) em.createNativeQuery("select id from source order by id limit 1").getSingleResult();
            Number lab = (Number) em.createNativeQuery("select id from lab order by id limit 1").getSingleResult();
            Number previous = null;
            for (int i = 0; i < 60; i++) {
                Number id = (Number) em.createNativeQuery("insert into claim (key, claimant_id, stance, certainty, summary, about_type, about_id)"
                                + " values (?1, ?2, 'REPORTS', 'REPORTED', 'generated', 'LAB', ?3) returning id")
                        .setParameter(1, "a-generated-claim-" + (100 + i)).setParameter(2, entity.longValue()).setParameter(3, lab.longValue()).getSingleResult();
                em.createNativeQuery("insert into citation (subject_type, subject_id, ordinal, source_id, quote) values ('CLAIM', ?1, 1, ?2, 'q')")
                        .setParameter(1, id.longValue()).setParameter(2, source.longValue()).executeUpdate();
                if (previous != null) {
                    em.createNativeQuery("insert into claim_link (claim_id, relation, target_id) values (?1, 'DISPUTES', ?2)")
                            .setParameter(1, id.longValue()).setParameter(2, previous.longValue()).executeUpdate();
                }
                previous = id;
            }
        });
        // their keys sort first: both pages hold generated claims only, of the same shape
        long forFive = claimStatements(5, 5);
        long forSixty = claimStatements(60, 60);
        // (on the page of 5 the claim disputing the fifth lies outside the page, and loading its claimant is one more batch;
        // on the page of 60 the batch loaders already hold every linked claim)
        assertTrue(forSixty <= forFive, "SQL statements for 60 claims (" + forSixty + ") vs 5 claims (" + forFive + ")");
        JsonPath one = GraphQL.data("{ claim(key: \"a-generated-claim-110\") { disputes { claim { key } } disputedBy { claim { key } } } }");
        assertEquals("a-generated-claim-109", one.getString("claim.disputes[0].claim.key"));
        assertEquals("a-generated-claim-111", one.getString("claim.disputedBy[0].claim.key"));
    }

    /** A dashboard timeline: each lab's events with their citations and supporting claims, and its agreements' provisions' claims. */
    static final String TIMELINE = """
            query($labs: [String]) { labs(slugs: $labs) {
                slug
                events { slug occurredOn kind citations { source quote } labs { slug }
                         claims { key stance certainty claimant { slug } disputedBy { relation claim { key } } } }
                agreements { slug provisions { key claims { key certainty } } }
                sources { key }
            } }""";

    @Test
    void timelineStatementCountDoesNotGrowWithTheNumberOfLabsOrEvents() {
        List<String> five = List.of("anthropic", "google-deepmind", "meta", "microsoft", "openai");
        long forFive = statements(TIMELINE, five);
        JsonPath seeded = GraphQL.data(TIMELINE, Map.of("labs", List.of("microsoft")));
        assertTrue(seeded.getList("labs[0].events.claims.flatten().key").contains("c003-suleiman-frustration"), "the seeded claims come through");

        // 45 labs, each in 4 events of its own (each cited and supported by a claim disputed by another)
        QuarkusTransaction.requiringNew().run(() -> {
            Number entity = (Number) em.createNativeQuery("insert into named_entity (slug, name, kind) values ('generated-entity', 'Generated', 'PUBLICATION') returning id")
                    .getSingleResult();
            Number source = (Number) em.createNativeQuery("select id from source order by id limit 1").getSingleResult();
            for (int i = 0; i < 45; i++) {
                String slug = "generated-lab-" + i;
                Number lab = (Number) em.createNativeQuery("insert into lab (slug, name, kind) values (?1, ?2, 'OTHER') returning id")
                        .setParameter(1, slug).setParameter(2, "Generated " + i).getSingleResult();
                for (int j = 0; j < 4; j++) {
                    Number event = (Number) em.createNativeQuery("insert into event (slug, title, kind, occurred_on) values (?1, 'generated', 'OTHER', '2024') returning id")
                            .setParameter(1, "generated-event-" + i + "-" + j).getSingleResult();
                    em.createNativeQuery("insert into event_lab (event_id, lab_id) values (?1, ?2)").setParameter(1, event.longValue()).setParameter(2, lab.longValue()).executeUpdate();
                    em.createNativeQuery("insert into citation (subject_type, subject_id, ordinal, source_id, quote) values ('EVENT', ?1, 1, ?2, 'q')")
                            .setParameter(1, event.longValue()).setParameter(2, source.longValue()).executeUpdate();
                    Number claim = (Number) em.createNativeQuery("insert into claim (key, claimant_id, stance, certainty, summary) values (?1, ?2, 'REPORTS', 'REPORTED', 'generated') returning id")
                            .setParameter(1, "a-generated-claim-" + i + "-" + j).setParameter(2, entity.longValue()).getSingleResult();
                    Number counter = (Number) em.createNativeQuery("insert into claim (key, claimant_id, stance, certainty, summary) values (?1, ?2, 'DISPUTES', 'REPORTED', 'generated') returning id")
                            .setParameter(1, "a-generated-claim-" + i + "-" + j + "-counter").setParameter(2, entity.longValue()).getSingleResult();
                    em.createNativeQuery("insert into claim_link (claim_id, relation, target_id) values (?1, 'DISPUTES', ?2)")
                            .setParameter(1, counter.longValue()).setParameter(2, claim.longValue()).executeUpdate();
                    em.createNativeQuery("insert into claim_support (claim_id, record_type, record_id) values (?1, 'EVENT', ?2)")
                            .setParameter(1, claim.longValue()).setParameter(2, event.longValue()).executeUpdate();
                }
                generated.add(slug);
            }
        });
        List<String> fifty = new ArrayList<>(five);
        fifty.addAll(generated);
        long forFifty = statements(TIMELINE, fifty);
        assertEquals(forFive, forFifty, "SQL statements of the timeline for 5 labs vs 50 labs (and 180 more events)");
        assertTrue(forFive <= 25, "a fixed handful of statements, was " + forFive);
        JsonPath one = GraphQL.data(TIMELINE, Map.of("labs", List.of("generated-lab-7")));
        assertEquals(4, one.getList("labs[0].events").size());
        assertEquals("a-generated-claim-7-0", one.getString("labs[0].events[0].claims[0].key"));
        assertEquals("a-generated-claim-7-0-counter", one.getString("labs[0].events[0].claims[0].disputedBy[0].claim.key"));
    }

    @AfterEach
    void removeGeneratedLabs() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from citation where subject_type = 'CLAIM' and subject_id in (select id from claim where key like 'a-generated-claim-%')").executeUpdate();
            em.createNativeQuery("delete from claim where key like 'a-generated-claim-%'").executeUpdate();
            em.createNativeQuery("delete from named_entity where slug = 'generated-entity'").executeUpdate();
            em.createNativeQuery("delete from citation where subject_type = 'EVENT' and subject_id in (select id from event where slug like 'generated-event-%')").executeUpdate();
            em.createNativeQuery("delete from event where slug like 'generated-event-%'").executeUpdate();
            em.createNativeQuery("delete from answer where lab_id in (select id from lab where slug like 'generated-lab-%')").executeUpdate();
            em.createNativeQuery("delete from lab where slug like 'generated-lab-%'").executeUpdate();
        });
    }
}
