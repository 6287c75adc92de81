package org.labledger.answer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labledger.graphql.GraphQL;
import org.labledger.security.JwtKeys;
import org.labledger.security.Tokens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The all-labs dashboard without per-topic breakdown reads answer_rollup (V16), which triggers keep equal to the answers
 * counted per root topic: through answer writes, status changes, deletes, questions moved to another topic or
 * questionnaire, topics re-parented (through the API and several at once in SQL). After each step the table is checked
 * against a live count, and the GraphQL scorecards against a live aggregation over the answers and against the
 * per-topic path (answer_tally), for all topics, one questionnaire and one root topic.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeys.class)
class AnswerRollupTest {

    static final String COUNTS = "{ total unanswered partial answered notDelivered unknownDelivery answeredByLab responseRate answeredRate }";
    /** Workload 3 of bench/run.sh, with every count: served by the roll-up. */
    static final String ROOTS_ONLY = "query($topic: String, $questionnaire: String) { scorecards(topic: $topic, questionnaire: $questionnaire) "
            + "{ lab name counts " + COUNTS + " rootTopics { topic name path counts " + COUNTS + " } } }";
    /** The same with the per-topic breakdown: served by answer_tally. */
    static final String WITH_TOPICS = "query($topic: String, $questionnaire: String) { scorecards(topic: $topic, questionnaire: $questionnaire) "
            + "{ lab name counts " + COUNTS + " rootTopics { topic name path counts " + COUNTS + " } topics { topic } } }";

    @Inject
    EntityManager em;
    @Inject
    SessionFactory sessionFactory;

    @AfterEach
    void cleanUp() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from citation where subject_type = 'ANSWER' and subject_id in"
                    + " (select a.id from answer a join question q on q.id = a.question_id where q.key like 'rollup-%')").executeUpdate();
            em.createNativeQuery("delete from citation c where c.subject_type = 'ANSWER' and not exists (select 1 from answer a where a.id = c.subject_id)").executeUpdate();
            em.createNativeQuery("delete from answer where question_id in (select id from question where key like 'rollup-%')"
                    + " or lab_id in (select id from lab where slug like 'rollup-lab-%')").executeUpdate();
            em.createNativeQuery("delete from citation where subject_type = 'QUESTION' and subject_id in (select id from question where key like 'rollup-%')").executeUpdate();
            em.createNativeQuery("delete from question where key like 'rollup-%'").executeUpdate();
            em.createNativeQuery("delete from lab where slug like 'rollup-lab-%'").executeUpdate();
            em.createNativeQuery("update topic set parent_id = null where slug like 'rollup-%'").executeUpdate();
            em.createNativeQuery("delete from topic where slug like 'rollup-%'").executeUpdate();
            em.createNativeQuery("delete from source where key like 'url-%' and not exists (select 1 from citation c where c.source_id = source.id)").executeUpdate();
            em.createNativeQuery("delete from revision").executeUpdate();
        });
        RollupCheck.assertExact(em);
        TallyCheck.assertExact(em);
    }

    /** Every step: the table, then the scorecards, unfiltered and filtered. */
    private void check(String step) {
        RollupCheck.assertExact(em);
        TallyCheck.assertExact(em);
        Map<String, List<Long>> live = live(null);
        Map<String, List<Long>> served = rootCounts(GraphQL.uncached(ROOTS_ONLY, new HashMap<>()));
        assertEquals(live, served, step + ": scorecards per lab and root topic, rolled up, vs a count of the answers");
        for (Map<String, Object> filter : List.of(Map.<String, Object>of(), Map.<String, Object>of("questionnaire", "ailabwatch-questions-to-labs"),
                Map.<String, Object>of("questionnaire", "akash-policy-lobbying-questions"), Map.<String, Object>of("topic", "governance"),
                Map.<String, Object>of("topic", "rollup-b"))) {
            JsonPath rolled = GraphQL.uncached(ROOTS_ONLY, filter);
            JsonPath full = GraphQL.uncached(WITH_TOPICS, filter);
            List<Map<String, Object>> fullCards = full.getList("scorecards");
            fullCards.forEach(c -> c.remove("topics"));
            assertEquals(fullCards, rolled.getList("scorecards"), step + ": rolled up vs per topic, " + filter);
        }
        Map<String, List<Long>> oneQuestionnaire = rootCounts(GraphQL.uncached(ROOTS_ONLY, Map.of("questionnaire", "akash-policy-lobbying-questions")));
        assertEquals(live("akash-policy-lobbying-questions"), oneQuestionnaire, step + ": one questionnaire vs a count of the answers");
    }

    /** "lab/root topic" and "lab" -> [total, unanswered, partial, answered, notDelivered, unknownDelivery, answeredByLab] from the GraphQL response. */
    private static Map<String, List<Long>> rootCounts(JsonPath data) {
        Map<String, List<Long>> out = new TreeMap<>();
        for (Map<String, Object> card : data.<Map<String, Object>>getList("scorecards")) {
            String lab = (String) card.get("lab");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> roots = (List<Map<String, Object>>) card.get("rootTopics");
            for (Map<String, Object> root : roots) {
                out.put(lab + "/" + root.get("topic"), counts(root.get("counts")));
            }
            if (!roots.isEmpty()) {
                out.put(lab, counts(card.get("counts")));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Long> counts(Object counts) {
        Map<String, Object> c = (Map<String, Object>) counts;
        List<Long> out = new ArrayList<>();
        for (String f : List.of("total", "unanswered", "partial", "answered", "notDelivered", "unknownDelivery", "answeredByLab")) {
            out.add(((Number) c.get(f)).longValue());
        }
        return out;
    }

    /** The same figures counted from the answers themselves (optionally of one questionnaire). */
    @SuppressWarnings("unchecked")
    private Map<String, List<Long>> live(String questionnaire) {
        String agg = """
                count(*) filter (where a.delivered is not null),
                count(*) filter (where a.delivered is not null and a.status = 'UNANSWERED'),
                count(*) filter (where a.delivered is not null and a.status = 'PARTIAL'),
                count(*) filter (where a.delivered is not null and a.status = 'ANSWERED'),
                count(*) filter (where not a.delivered),
                count(*) filter (where a.delivered is null),
                count(*) filter (where a.delivered is not null and a.status <> 'UNANSWERED' and a.kind = 'LAB_REPLY')""";
        String from = " from answer a join question q on q.id = a.question_id join questionnaire qn on qn.id = q.questionnaire_id"
                + " join roots r on r.topic_id = q.topic_id join topic rt on rt.id = r.root_id join lab l on l.id = a.lab_id"
                + (questionnaire == null ? " where true" : " where qn.slug = :qn");
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, List<Long>> out = new TreeMap<>();
            for (boolean perRoot : new boolean[]{true, false}) {
                var query = em.createNativeQuery(RollupCheck.ROOTS + " select l.slug" + (perRoot ? " || '/' || rt.slug" : "") + ", " + agg + from
                        + " group by l.slug" + (perRoot ? ", rt.slug" : ""));
                if (questionnaire != null) {
                    query.setParameter("qn", questionnaire);
                }
                for (Object[] r : (List<Object[]>) query.getResultList()) {
                    List<Long> c = new ArrayList<>();
                    for (int i = 1; i < r.length; i++) {
                        c.add(((Number) r[i]).longValue());
                    }
                    out.put((String) r[0], c);
                }
            }
            return out;
        });
    }

    private static void topic(String token, String slug, String parent) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("slug", slug, "name", "Rollup " + slug, "reason", "test fixture"));
        if (parent != null) {
            body.put("parent", parent);
        }
        given().header("Authorization", "Bearer " + token).contentType("application/json").body(body).post("/api/topics").then().statusCode(201);
    }

    private static void patch(String token, String path, Map<String, Object> body) {
        String etag = when().get(path).then().statusCode(200).extract().header("ETag");
        given().header("Authorization", "Bearer " + token).header("If-Match", etag).contentType("application/merge-patch+json")
                .body(body).patch(path).then().statusCode(200);
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate());
    }

    @Test
    void everyWriteKeepsTheRollupExact() {
        String token = Tokens.curator();
        // two roots: a > c > d, and b
        topic(token, "rollup-a", null);
        topic(token, "rollup-b", null);
        topic(token, "rollup-c", "rollup-a");
        topic(token, "rollup-d", "rollup-c");
        check("topics created");

        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(Map.of("key", "rollup-q1", "questionnaire", "ailabwatch-questions-to-labs", "topic", "rollup-d",
                        "text", "Rollup check question", "addressedTo", List.of("openai", "meta"), "reason", "test fixture"))
                .post("/api/questions").then().statusCode(201);
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(Map.of("key", "rollup-q2", "questionnaire", "akash-policy-lobbying-questions", "topic", "rollup-c",
                        "text", "Second rollup check question", "addressedTo", List.of("openai", "anthropic"), "reason", "test fixture"))
                .post("/api/questions").then().statusCode(201);
        check("questions put to labs");
        JsonPath a = GraphQL.uncached(ROOTS_ONLY, Map.of("topic", "rollup-a"));
        assertEquals(List.of("rollup-a"), a.getList("scorecards.find { it.lab == 'openai' }.rootTopics.topic"));
        assertEquals(2, a.getInt("scorecards.find { it.lab == 'openai' }.counts.unanswered"), "both questions under rollup-a for OpenAI");

        // OpenAI answers q1 in part
        long id = given().queryParam("lab", "openai").queryParam("question", "rollup-q1").when().get("/api/answers")
                .then().statusCode(200).extract().jsonPath().getLong("items[0].id");
        patch(token, "/api/answers/" + id, Map.of("status", "PARTIAL", "reason", "test", "sourceUrl", "https://example.org/rollup"));
        check("status change");

        // q1 moves to another root topic and back, then to another questionnaire
        patch(token, "/api/questions/rollup-q1", Map.of("topic", "governance-board"));
        check("question moved to another root topic");
        patch(token, "/api/questions/rollup-q1", Map.of("topic", "rollup-d"));
        check("question moved back");
        patch(token, "/api/questions/rollup-q1", Map.of("questionnaire", "akash-policy-lobbying-questions", "ordinal", 900_001));
        check("question moved to another questionnaire");

        // c (with d below it) moves from root a to root b, through the API
        String etag = when().get("/api/topics/rollup-c").then().statusCode(200).extract().header("ETag");
        given().header("Authorization", "Bearer " + token).header("If-Match", etag).contentType("application/json")
                .body(Map.of("name", "Rollup rollup-c", "parent", "rollup-b", "reason", "test")).put("/api/topics/rollup-c").then().statusCode(200);
        check("subtree re-parented");
        JsonPath b = GraphQL.uncached(ROOTS_ONLY, Map.of("topic", "rollup-b"));
        assertEquals(2, b.getInt("scorecards.find { it.lab == 'openai' }.counts.total"), "both questions now under rollup-b for OpenAI");
        assertEquals(0, GraphQL.uncached(ROOTS_ONLY, Map.of("topic", "rollup-a")).getInt("scorecards.find { it.lab == 'openai' }.counts.total"));

        // one statement re-parents two topics, one under the other: c becomes a root, a goes below c, d below a
        sql("update topic set parent_id = case slug when 'rollup-c' then null when 'rollup-a' then (select id from topic where slug = 'rollup-c')"
                + " else (select id from topic where slug = 'rollup-a') end where slug in ('rollup-a', 'rollup-c', 'rollup-d')");
        check("several topics re-parented in one statement");
        // a name change moves nothing
        sql("update topic set name = 'Renamed' where slug = 'rollup-b'");
        check("topic renamed");

        // bulk SQL: statuses and delivery, unknown delivery included
        sql("update answer set status = 'ANSWERED', delivered = false where question_id = (select id from question where key = 'rollup-q2')");
        check("bulk status and delivery change");
        sql("update answer set delivered = null where question_id = (select id from question where key = 'rollup-q1') and lab_id = (select id from lab where slug = 'meta')");
        check("delivery no longer known");

        // deletes: one answer, then a question with its answers; rows that reach zero disappear
        sql("delete from citation where subject_type = 'ANSWER' and subject_id = " + id);
        sql("delete from answer where id = " + id);
        check("answer deleted");
        sql("delete from answer where question_id = (select id from question where key = 'rollup-q2')");
        sql("delete from citation where subject_type = 'QUESTION' and subject_id = (select id from question where key = 'rollup-q2')");
        sql("delete from question where key = 'rollup-q2'");
        check("question deleted");
        long zeroRows = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*) from answer_rollup where n <= 0")
                .getSingleResult()).longValue());
        assertEquals(0, zeroRows);
    }

    private long statements(String query) {
        sessionFactory.getStatistics().clear();
        GraphQL.uncached(query, new HashMap<>());
        return sessionFactory.getStatistics().getPrepareStatementCount();
    }

    @Test
    void theAllLabsDashboardCostsTheSameStatementsForAnyNumberOfLabs() {
        assertTrue(sessionFactory.getStatistics().isStatisticsEnabled(), "hibernate statistics are on in tests");
        long before = statements(ROOTS_ONLY);
        // 40 more labs, each asked 15 questions
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into lab (slug, name, kind) select 'rollup-lab-' || i, 'Rollup lab ' || i, 'OTHER' from generate_series(1, 40) i")
                    .executeUpdate();
            em.createNativeQuery("insert into answer (question_id, lab_id, status) select q.id, l.id, case when q.id % 3 = 0 then 'ANSWERED' else 'UNANSWERED' end"
                    + " from (select id from question order by id limit 15) q cross join lab l where l.slug like 'rollup-lab-%'").executeUpdate();
        });
        RollupCheck.assertExact(em);
        long after = statements(ROOTS_ONLY);
        assertEquals(before, after, "SQL statements of the all-labs dashboard with 40 more labs");
        assertTrue(after <= 5, "the topic tree, the roll-up, the labs' own replies, the labs (and nothing per lab), was " + after);
        JsonPath one = GraphQL.uncached(ROOTS_ONLY, new HashMap<>());
        assertEquals(15, one.getInt("scorecards.find { it.lab == 'rollup-lab-7' }.counts.total"));
        assertEquals(live(null).get("rollup-lab-7"), counts(one.get("scorecards.find { it.lab == 'rollup-lab-7' }.counts")));
    }
}
