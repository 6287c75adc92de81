package org.labledger.answer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labledger.security.JwtKeys;
import org.labledger.security.Tokens;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scorecards and list totals read answer_tally, which triggers keep in step with every write: recording, changing
 * and deleting answers, moving a question to another topic, bulk SQL. Each step is checked against a live count.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeys.class)
class AnswerTallyTest {

    @Inject
    EntityManager em;

    @AfterEach
    void cleanUp() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from citation where subject_type = 'ANSWER' and subject_id in"
                    + " (select a.id from answer a join question q on q.id = a.question_id where q.key like 'tally-%')").executeUpdate();
            // citations of the answers the test itself deleted with SQL
            em.createNativeQuery("delete from citation c where c.subject_type = 'ANSWER' and not exists (select 1 from answer a where a.id = c.subject_id)").executeUpdate();
            em.createNativeQuery("delete from answer where question_id in (select id from question where key like 'tally-%')").executeUpdate();
            em.createNativeQuery("delete from citation where subject_type = 'QUESTION' and subject_id in (select id from question where key like 'tally-%')").executeUpdate();
            em.createNativeQuery("delete from question where key like 'tally-%'").executeUpdate();
            em.createNativeQuery("delete from source where key like 'url-%' and not exists (select 1 from citation c where c.source_id = source.id)").executeUpdate();
            em.createNativeQuery("delete from revision").executeUpdate();
        });
        TallyCheck.assertExact(em);
    }

    private long live(String lab, String topic, String status) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                select count(*) from answer a join question q on q.id = a.question_id join lab l on l.id = a.lab_id
                  join topic t on t.id = q.topic_id where l.slug = ?1 and t.slug = ?2 and a.status = ?3""")
                .setParameter(1, lab).setParameter(2, topic).setParameter(3, status).getSingleResult()).longValue());
    }

    private static long card(String lab, String topic, String field) {
        JsonPath card = when().get("/api/labs/" + lab + "/scorecard").then().statusCode(200).extract().jsonPath();
        Object n = card.get("topics.find { it.topic == '" + topic + "' }.counts." + field);
        return n == null ? 0 : ((Number) n).longValue();
    }

    @Test
    void everyWriteKeepsTheTallyExact() {
        String token = Tokens.curator();
        // a question put to OpenAI and Meta: two UNANSWERED answers under topic 'governance'
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(Map.of("key", "tally-q1", "questionnaire", "ailabwatch-questions-to-labs", "topic", "governance",
                        "text", "Tally check question", "addressedTo", List.of("openai", "meta"), "reason", "test fixture"))
                .post("/api/questions").then().statusCode(201);
        TallyCheck.assertExact(em);
        long before = card("openai", "governance", "unanswered");
        assertEquals(live("openai", "governance", "UNANSWERED"), before);

        // OpenAI answers in part: one moves from unanswered to partial
        long id = given().queryParam("lab", "openai").queryParam("question", "tally-q1").when().get("/api/answers")
                .then().statusCode(200).extract().jsonPath().getLong("items[0].id");
        String etag = when().get("/api/answers/" + id).then().extract().header("ETag");
        given().header("Authorization", "Bearer " + token).header("If-Match", etag).contentType("application/merge-patch+json")
                .body(Map.of("status", "PARTIAL", "reason", "test", "sourceUrl", "https://example.org/tally"))
                .patch("/api/answers/" + id).then().statusCode(200);
        TallyCheck.assertExact(em);
        assertEquals(before - 1, card("openai", "governance", "unanswered"));
        assertEquals(live("openai", "governance", "PARTIAL"), card("openai", "governance", "partial"));

        // the question moves to another topic: both answers' counts move with it
        String qtag = when().get("/api/questions/tally-q1").then().statusCode(200).extract().header("ETag");
        given().header("Authorization", "Bearer " + token).header("If-Match", qtag).contentType("application/merge-patch+json")
                .body(Map.of("topic", "security")).patch("/api/questions/tally-q1").then().statusCode(200);
        TallyCheck.assertExact(em);
        assertEquals(before - 1, card("openai", "governance", "unanswered"));
        assertEquals(live("openai", "security", "PARTIAL"), card("openai", "security", "partial"));

        // bulk SQL, as an import or a migration would do it, is counted too
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update answer set status = 'ANSWERED', delivered = false where question_id = (select id from question where key = 'tally-q1')").executeUpdate());
        TallyCheck.assertExact(em);
        assertEquals(live("meta", "security", "ANSWERED"), card("meta", "security", "answered"));

        // and deleting answers takes them out; rows that reach zero disappear
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from answer where question_id = (select id from question where key = 'tally-q1')").executeUpdate());
        TallyCheck.assertExact(em);
        long zeroRows = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*) from answer_tally where n <= 0")
                .getSingleResult()).longValue());
        assertEquals(0, zeroRows);
    }

    @Test
    void listTotalsFromTheTallyMatchTheRows() {
        // the question list and the answer list take their totals from answer_tally when they can
        for (String status : List.of("UNANSWERED", "PARTIAL", "ANSWERED")) {
            JsonPath questions = given().queryParam("lab", "anthropic").queryParam("status", status).queryParam("size", 200)
                    .when().get("/api/questions").then().statusCode(200).extract().jsonPath();
            assertEquals(questions.getList("items").size(), questions.getInt("totalItems"), status);
            for (Map<String, Object> item : questions.<Map<String, Object>>getList("items")) {
                // with a lab filter, a question lists that lab's answer only
                assertEquals(List.of("anthropic"), ((List<?>) item.get("answers")).stream().map(a -> ((Map<?, ?>) a).get("lab")).toList());
            }
            JsonPath answers = given().queryParam("lab", "anthropic").queryParam("status", status).queryParam("size", 200)
                    .when().get("/api/answers").then().statusCode(200).extract().jsonPath();
            assertEquals(answers.getList("items").size(), answers.getInt("totalItems"), status);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLabsQuestionsPageByPageInTheGeneralOrder() {
        // the question list by lab walks questionnaires and ordinals instead of sorting (QuestionService.byLabInOrder):
        // every page, both directions, with and without status, topic and questionnaire filters, equals plain SQL
        for (String lab : List.of("openai", "anthropic", "microsoft")) {
            for (String status : new String[]{null, "UNANSWERED", "ANSWERED,PARTIAL"}) {
                for (String topic : new String[]{null, "governance"}) {
                    for (String questionnaire : new String[]{null, "akash-policy-lobbying-questions"}) {
                        for (boolean desc : new boolean[]{false, true}) {
                            String where = " where a.lab_id = (select id from lab where slug = :lab)"
                                    + (status == null ? "" : " and a.status in (:statuses)")
                                    + (topic == null ? "" : " and q.topic_id in (select id from topic where slug = :topic or parent_id = (select id from topic where slug = :topic))")
                                    + (questionnaire == null ? "" : " and qn.slug = :qn");
                            String dir = desc ? " desc" : "";
                            List<String> expected = QuarkusTransaction.requiringNew().call(() -> {
                                var query = em.createNativeQuery("select q.key from answer a join question q on q.id = a.question_id"
                                        + " join questionnaire qn on qn.id = q.questionnaire_id" + where
                                        + " order by qn.slug" + dir + ", q.ordinal" + dir + ", q.id").setParameter("lab", lab);
                                if (status != null) {
                                    query.setParameter("statuses", List.of(status.split(",")));
                                }
                                if (topic != null) {
                                    query.setParameter("topic", topic);
                                }
                                if (questionnaire != null) {
                                    query.setParameter("qn", questionnaire);
                                }
                                return (List<String>) query.getResultList();
                            });
                            List<String> actual = new java.util.ArrayList<>();
                            for (int page = 0; page <= expected.size() / 7; page++) {
                                var req = given().queryParam("lab", lab).queryParam("size", 7).queryParam("page", page)
                                        .queryParam("sort", desc ? "-ordinal" : "ordinal");
                                if (status != null) {
                                    req.queryParam("status", status);
                                }
                                if (topic != null) {
                                    req.queryParam("topic", topic);
                                }
                                if (questionnaire != null) {
                                    req.queryParam("questionnaire", questionnaire);
                                }
                                JsonPath p = req.when().get("/api/questions").then().statusCode(200).extract().jsonPath();
                                assertEquals(expected.size(), p.getInt("totalItems"));
                                actual.addAll(p.getList("items.key"));
                            }
                            assertEquals(expected, actual, lab + " " + status + " " + topic + " " + questionnaire + " desc=" + desc);
                        }
                    }
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLabsAnswersPageByPageInTheGeneralOrder() {
        // the answer list by lab walks questionnaires and ordinals too (AnswerService.byLabInOrder)
        for (String lab : List.of("openai", "anthropic")) {
            for (String status : new String[]{null, "UNANSWERED"}) {
                for (String topic : new String[]{null, "governance"}) {
                    for (Boolean delivered : new Boolean[]{null, true}) {
                        String where = " where l.slug = :lab" + (status == null ? "" : " and a.status = :status")
                                + (topic == null ? "" : " and q.topic_id in (select id from topic where slug = :topic or parent_id = (select id from topic where slug = :topic))")
                                + (delivered == null ? "" : " and a.delivered = :delivered");
                        List<Number> expected = QuarkusTransaction.requiringNew().call(() -> {
                            var query = em.createNativeQuery("select a.id from answer a join question q on q.id = a.question_id join lab l on l.id = a.lab_id"
                                    + " join questionnaire qn on qn.id = q.questionnaire_id" + where + " order by qn.slug, q.ordinal, a.id").setParameter("lab", lab);
                            if (status != null) {
                                query.setParameter("status", status);
                            }
                            if (topic != null) {
                                query.setParameter("topic", topic);
                            }
                            if (delivered != null) {
                                query.setParameter("delivered", delivered);
                            }
                            return (List<Number>) query.getResultList();
                        });
                        List<Long> actual = new java.util.ArrayList<>();
                        for (int page = 0; page <= expected.size() / 6; page++) {
                            var req = given().queryParam("lab", lab).queryParam("size", 6).queryParam("page", page);
                            if (status != null) {
                                req.queryParam("status", status);
                            }
                            if (topic != null) {
                                req.queryParam("topic", topic);
                            }
                            if (delivered != null) {
                                req.queryParam("delivered", delivered);
                            }
                            JsonPath p = req.when().get("/api/answers").then().statusCode(200).extract().jsonPath();
                            assertEquals(expected.size(), p.getInt("totalItems"));
                            actual.addAll(p.getList("items.id", Long.class));
                        }
                        assertEquals(expected.stream().map(Number::longValue).toList(), actual, lab + " " + status + " " + topic + " " + delivered);
                    }
                }
            }
        }
    }
}
