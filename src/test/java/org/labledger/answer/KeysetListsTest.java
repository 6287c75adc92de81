package org.labledger.answer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.labledger.graphql.GraphQL;
import org.labledger.security.JwtKeys;
import org.labledger.security.Tokens;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labledger.answer.CursorPagingTest.byCursor;
import static org.labledger.answer.CursorPagingTest.byOffset;
import static org.labledger.answer.CursorPagingTest.walkConnection;

/**
 * Keyset paging of the lists that were offset-only (issue 15): entities, people, releases, a lab's reply inbox, the
 * reply submissions and an answer's history. Walking each by cursor yields the items of its offset pages, in their
 * order, each once; a bad, altered, foreign or page-combined cursor is a 400 (GraphQL: BAD_REQUEST); the GraphQL
 * connections walk the same lists; a deep page runs the statements of the second, and the keyset statements read
 * the V19 indexes.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeys.class)
class KeysetListsTest {

    static final String REP = "rep@anthropic.example";

    @Inject
    EntityManager em;
    @Inject
    SessionFactory sessionFactory;

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** A lab token of anthropic's representative (added when missing). */
    static String anthropic() {
        int code = given().headers(bearer(Tokens.admin())).contentType("application/json").body(Map.of("subject", REP, "note", "test"))
                .post("/api/labs/anthropic/representatives").statusCode();
        assertTrue(code == 200 || code == 409, "add representative: " + code);
        long now = System.currentTimeMillis() / 1000;
        return Tokens.signed("{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"sub\":\"" + REP + "\",\"upn\":\"" + REP
                + "\",\"groups\":[\"lab\"],\"lab\":\"anthropic\",\"iat\":" + (now - 5) + ",\"exp\":" + (now + 600) + ",\"jti\":\"" + System.nanoTime() + "\"}");
    }

    /** Walks a list both ways and checks they agree: the same items, in the same order, each once, over more than one page. */
    static List<Object> same(String path, Map<String, String> headers, Map<String, ?> query, int size, String idField) {
        List<Object> offset = byOffset(path, headers, query, size, idField);
        assertTrue(offset.size() > size, path + " " + query + " spans more than one page of " + size + ": " + offset.size());
        List<Object> cursor = byCursor(path, headers, query, size, idField);
        assertEquals(offset, cursor, "cursor pages hold the rows of offset pages, in order: " + path + " " + query);
        assertEquals(cursor.size(), new HashSet<>(cursor).size(), "each item once: " + path + " " + query);
        return cursor;
    }

    @Test
    void entitiesAndPeopleByCursorEqualThemByOffset() {
        same("/api/entities", Map.of(), Map.of(), 4, "slug");
        List<Object> people = same("/api/people", Map.of(), Map.of(), 3, "slug");
        assertEquals(people, same("/api/entities", Map.of(), Map.of("kind", "PERSON"), 3, "slug"), "people are the entities of kind PERSON");
        // a cursor of /api/people is one of /api/entities?kind=PERSON, not of another kind or of all entities
        String next = given().queryParam("size", 2).when().get("/api/people").then().statusCode(200).extract().path("nextCursor");
        given().queryParam("size", 2).queryParam("kind", "PERSON").queryParam("cursor", next).when().get("/api/entities").then().statusCode(200);
        given().queryParam("size", 2).queryParam("cursor", next).when().get("/api/entities").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("cursor")).body("detail", containsString("other filters"));

        assertEquals(byOffset("/api/entities", Map.of(), 50, "slug"), walkConnection("entityConnection", "", 5, "slug"));
        assertEquals(people, walkConnection("entityConnection", "kind: PERSON,", 2, "slug"));
        // a REST cursor continues the GraphQL connection of the same list and filter
        JsonPath g = GraphQL.data("query($after: String) { entityConnection(kind: PERSON, first: 2, after: $after) { edges { node { slug } } } }",
                java.util.Collections.singletonMap("after", next));
        assertEquals(given().queryParam("size", 2).queryParam("cursor", next).when().get("/api/people").then().statusCode(200)
                .extract().jsonPath().getList("items.slug"), g.getList("entityConnection.edges.node.slug"));
    }

    @Test
    void releasesByCursorEqualThemByOffset() {
        for (int n = given().when().get("/api/releases").then().statusCode(200).extract().jsonPath().getInt("totalItems"); n < 3; n++) {
            given().headers(bearer(Tokens.admin())).contentType("application/json").body(Map.of("description", "keyset paging test"))
                    .post("/api/releases").then().statusCode(201);
        }
        List<Object> numbers = same("/api/releases", Map.of(), Map.of(), 1, "number");
        List<Integer> sorted = new ArrayList<>(numbers.stream().map(o -> ((Number) o).intValue()).toList());
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, numbers.stream().map(o -> ((Number) o).intValue()).toList(), "newest first");
    }

    @Test
    void aLabsInboxByCursorEqualsItByOffsetForThatLabOnly() {
        String token = anthropic();
        List<Object> inbox = same("/api/reply/questions", bearer(token), Map.of(), 4, "answerId");
        String next = given().headers(bearer(token)).queryParam("size", 4).when().get("/api/reply/questions").then().statusCode(200)
                .header("Cache-Control", containsString("no-store")).extract().path("nextCursor");
        assertNotNull(next);
        // the inbox stays a lab's: no token 401, a curator 403, with or without a cursor
        given().queryParam("cursor", next).when().get("/api/reply/questions").then().statusCode(401);
        given().headers(bearer(Tokens.curator())).queryParam("cursor", next).when().get("/api/reply/questions").then().statusCode(403);
        // the GraphQL connection walks the same inbox, with the lab's token only
        assertEquals(inbox.stream().map(String::valueOf).toList(),
                walkConnection(bearer(token), "replyInboxConnection", "", 5, "answerId").stream().map(String::valueOf).toList());
        JsonPath anonymous = GraphQL.post("{ replyInboxConnection(first: 2) { totalCount } }", null);
        assertFalse(anonymous.getList("errors").isEmpty(), anonymous.prettify());
        JsonPath forged = given().headers(bearer(token)).contentType("application/json")
                .body(Map.of("query", "{ replyInboxConnection(after: \"forged\") { totalCount } }")).post("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals("BAD_REQUEST", forged.getString("errors[0].extensions.code"), forged.prettify());
    }

    /** Twelve rejected submissions of amazon, in pairs at the same instant (the order then falls to the id), once per database. */
    private void submissions() {
        QuarkusTransaction.requiringNew().run(() -> {
            if (((Number) em.createNativeQuery("select count(*) from reply_submission where target_key like 'cursortest-%'").getSingleResult()).longValue() == 0) {
                for (int i = 0; i < 12; i++) {
                    em.createNativeQuery("insert into reply_submission (lab_id, kind, target_key, version, submitted_by, received_at, statement, capacity,"
                                    + " canonical, sha256, receipt, key_id, state, rejection, decision_reason, decided_by, decided_at)"
                                    + " values ((select id from lab where slug = 'amazon'), 'DISPUTE', ?1, 1, 'test', timestamptz '2000-01-01 00:00:00+00' + make_interval(days => ?2),"
                                    + " 'Test text (keyset paging).', 'OFFICIAL', '{}', repeat('a', 64), 'test', 'test', 'REJECTED', 'OFF_TOPIC', 'test', 'test', now())")
                            .setParameter(1, "cursortest-" + i).setParameter(2, i / 2).executeUpdate();
                }
            }
        });
    }

    @Test
    void submissionsByCursorEqualThemByOffset() {
        submissions();
        Map<String, String> curator = bearer(Tokens.curator());
        same("/api/reply/submissions", curator, Map.of(), 5, "id");
        List<Object> amazon = same("/api/reply/submissions", curator, Map.of("lab", "amazon", "state", "rejected"), 5, "id");
        List<Long> ids = amazon.stream().map(o -> ((Number) o).longValue()).toList();
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) < ids.get(i - 1), "equal times fall to the id, descending: " + ids);
        }
        // a cursor of amazon's list is not one of every lab's, nor of another list
        String next = given().headers(curator).queryParam("lab", "amazon").queryParam("state", "rejected").queryParam("size", 2)
                .when().get("/api/reply/submissions").then().statusCode(200).extract().path("nextCursor");
        given().headers(curator).queryParam("state", "rejected").queryParam("cursor", next).when().get("/api/reply/submissions")
                .then().statusCode(400).body("detail", containsString("other filters"));
        given().queryParam("cursor", next).when().get("/api/releases").then().statusCode(400).body("detail", containsString("another list"));
        // a lab still sees only its own submissions, with or without a cursor
        given().headers(bearer(anthropic())).queryParam("lab", "amazon").queryParam("cursor", next).when().get("/api/reply/submissions").then().statusCode(403);
    }

    /** Fifteen revisions of an answer, in pairs at the same instant, removed again afterwards; answers the answer's id. */
    private long historyRows(List<Long> added) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long answer = ((Number) em.createNativeQuery("select min(id) from answer").getSingleResult()).longValue();
            for (int i = 0; i < 15; i++) {
                added.add(((Number) em.createNativeQuery("insert into revision (entity, entity_key, entity_id, action, actor, changed_at) values ('ANSWER', ?1, ?2, 'UPDATE', 'cursortest',"
                                + " timestamptz '2000-01-01 00:00:00+00' + make_interval(days => ?3)) returning id")
                        .setParameter(1, String.valueOf(answer)).setParameter(2, answer).setParameter(3, i / 2).getSingleResult()).longValue());
            }
            return answer;
        });
    }

    @Test
    void anAnswersHistoryByCursorEqualsItByOffset() {
        List<Long> added = new ArrayList<>();
        try {
            long answer = historyRows(added);
            String path = "/api/answers/" + answer + "/history";
            List<Object> history = same(path, Map.of(), Map.of(), 4, "id");
            assertTrue(history.stream().map(o -> ((Number) o).longValue()).toList().containsAll(added));
            List<Object> walked = walkConnection("answerHistoryConnection", "answer: " + answer + ",", 4, "id");
            assertEquals(history.stream().map(String::valueOf).toList(), walked.stream().map(String::valueOf).toList());
            // another answer's cursor is refused; an answer that never existed is a 404 (NOT_FOUND) either way
            String next = given().queryParam("size", 2).when().get(path).then().statusCode(200).extract().path("nextCursor");
            long other = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select max(id) from answer").getSingleResult()).longValue());
            given().queryParam("cursor", next).when().get("/api/answers/" + other + "/history").then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("detail", containsString("other filters"));
            given().queryParam("size", 2).when().get("/api/answers/987654321/history").then().statusCode(404);
            JsonPath missing = GraphQL.post("{ answerHistoryConnection(answer: 987654321) { totalCount } }", null);
            assertEquals("NOT_FOUND", missing.getString("errors[0].extensions.code"), missing.prettify());
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from revision where id in (:ids)").setParameter("ids", added).executeUpdate());
        }
    }

    @Test
    void badCursorsAre400AndBadRequest() {
        String token = anthropic();
        Map<String, Map<String, String>> lists = Map.of("/api/entities", Map.of(), "/api/people", Map.of(), "/api/releases", Map.of(),
                "/api/reply/questions", bearer(token), "/api/reply/submissions", bearer(Tokens.curator()), "/api/answers/1/history", Map.of());
        String foreign = given().queryParam("size", 2).when().get("/api/claims").then().statusCode(200).extract().path("nextCursor");
        String entity = given().queryParam("size", 2).when().get("/api/entities").then().statusCode(200).extract().path("nextCursor");
        String altered = entity.substring(0, 5) + (entity.charAt(5) == 'A' ? 'B' : 'A') + entity.substring(6);
        lists.forEach((path, headers) -> {
            for (String bad : List.of("not a cursor!", "AAAA", altered, "x".repeat(600), foreign)) {
                given().headers(headers).queryParam("cursor", bad).when().get(path).then().statusCode(400)
                        .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("cursor"));
            }
            // cursor and page together: the rule of every keyset list
            given().headers(headers).queryParam("cursor", foreign).queryParam("page", 1).when().get(path).then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("detail", containsString("page"));
        });
        given().queryParam("cursor", entity).when().get("/api/entities").then().statusCode(200);
        for (String query : List.of("{ entityConnection(after: \"forged\") { totalCount } }", "{ entityConnection(after: \"" + foreign + "\") { totalCount } }",
                "{ entityConnection(first: 0) { totalCount } }", "{ answerHistoryConnection(answer: 1, after: \"" + entity + "\") { totalCount } }",
                "{ answerHistoryConnection(answer: 1, first: 201) { totalCount } }")) {
            JsonPath r = GraphQL.post(query, null);
            assertEquals("BAD_REQUEST", r.getString("errors[0].extensions.code"), query + ": " + r.prettify());
        }
    }

    private long statements(String path, Map<String, ?> query, String cursor) {
        sessionFactory.getStatistics().clear();
        given().header("Cache-Control", "no-store").queryParams(query).queryParam("size", 2).queryParam("cursor", cursor).when().get(path).then().statusCode(200);
        long count = sessionFactory.getStatistics().getPrepareStatementCount();
        assertTrue(count > 0, "the page ran statements");
        return count;
    }

    @Test
    void aDeepEntityPageRunsTheStatementsOfTheSecond() {
        for (Map<String, ?> q : List.<Map<String, ?>>of(Map.of(), Map.of("kind", "PERSON"))) {
            String second = given().queryParams(q).queryParam("size", 2).when().get("/api/entities").then().statusCode(200).extract().path("nextCursor");
            String deep = second;
            for (int i = 0; i < 3; i++) {
                deep = given().queryParams(q).queryParam("size", 2).queryParam("cursor", deep).when().get("/api/entities").then().statusCode(200).extract().path("nextCursor");
            }
            assertNotNull(deep, "the seed has five pages of two entities: " + q);
            assertEquals(statements("/api/entities", q, second), statements("/api/entities", q, deep), "a deep page runs as many statements as the second: " + q);
        }
    }

    @Test
    void theKeysetStatementsReadTheV19Indexes() {
        String e = explain("select id, slug from named_entity where kind = 'PERSON' and slug > 'm' order by slug limit 51");
        assertTrue(e.contains("named_entity_kind_slug_idx"), "entities of a kind by slug read (kind, slug):\n" + e);
        assertFalse(e.contains("Sort"), "and need no sort:\n" + e);
        String s = explain("select id from reply_submission where lab_id = 1 and (received_at, id) < (timestamptz '2026-01-01', 5) order by received_at desc, id desc limit 51");
        assertTrue(s.contains("reply_submission_lab_received_idx"), "a lab's submissions read (lab_id, received_at, id):\n" + s);
        assertFalse(s.contains("Sort"), "and need no sort:\n" + s);
        String a = explain("select id from reply_submission where (received_at, id) < (timestamptz '2026-01-01', 5) order by received_at desc, id desc limit 51");
        assertTrue(a.contains("reply_submission_received_idx"), "every lab's submissions read (received_at, id):\n" + a);
        String h = explain("select * from revision where entity = 'ANSWER' and entity_id = 1 and (changed_at, id) > (timestamptz '2026-01-01', 1) order by changed_at, id limit 51");
        assertTrue(h.contains("revision_entity_id_changed_idx"), "an answer's history reads (entity, entity_id, changed_at, id):\n" + h);
        assertFalse(h.contains("Sort"), "and needs no sort:\n" + h);
        String r = explain("select number from dataset_release where number < 5 order by number desc limit 51");
        assertTrue(r.contains("dataset_release_pkey"), "releases walk the primary key:\n" + r);
    }

    @SuppressWarnings("unchecked")
    private String explain(String sql) {
        // the test tables are small: without these the planner may rather read them whole (or by bitmap) and sort
        return String.join("\n", QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            em.createNativeQuery("set local enable_bitmapscan = off").executeUpdate();
            return (List<String>) em.createNativeQuery("explain " + sql).getResultList();
        }));
    }
}
