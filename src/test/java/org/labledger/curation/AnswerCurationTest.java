package org.labledger.curation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labledger.graphql.GraphQL;
import org.labledger.security.JwtKeys;
import org.labledger.security.Tokens;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Curators record answers: roles, If-Match, validation, evidence, atomic batches, revisions, asOf, feed, GraphQL. */
@QuarkusTest
@QuarkusTestResource(JwtKeys.class)
class AnswerCurationTest {

    @Inject
    EntityManager em;

    /** The answers a test may change (Meta's, which the seeds leave UNANSWERED), restored afterwards. */
    private List<Long> ids;
    private List<Object[]> saved;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void remember() {
        ids = given().queryParam("lab", "meta").queryParam("questionnaire", "ailabwatch-questions-to-labs").queryParam("size", 3)
                .when().get("/api/answers").then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
        saved = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select id, status, delivered, summary, version, (select coalesce(max(ordinal), 0) from citation c where c.subject_type = 'ANSWER' and c.subject_id = a.id)"
                        + " from answer a where id in (:ids)").setParameter("ids", ids).getResultList());
    }

    @AfterEach
    void restore() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (Object[] r : saved) {
                em.createNativeQuery("update answer set status = ?1, delivered = ?2, summary = ?3, version = ?4, respondent = null,"
                                + " respondent_capacity = null, answered_on = null, justification = null, reference_text = null where id = ?5")
                        .setParameter(1, r[1]).setParameter(2, r[2]).setParameter(3, r[3]).setParameter(4, r[4]).setParameter(5, r[0]).executeUpdate();
                em.createNativeQuery("delete from citation where subject_type = 'ANSWER' and subject_id = ?1 and ordinal > ?2")
                        .setParameter(1, r[0]).setParameter(2, r[5]).executeUpdate();
            }
            em.createNativeQuery("delete from answer a using question q where q.id = a.question_id and q.key like 'alw-meta-%' and a.lab_id = (select id from lab where slug = 'amazon')").executeUpdate();
            em.createNativeQuery("delete from source where key like 'url-%' and not exists (select 1 from citation c where c.source_id = source.id)").executeUpdate();
            em.createNativeQuery("delete from revision").executeUpdate();
        });
        org.labledger.answer.TallyCheck.assertExact(em);
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    static String etag(long id) {
        return when().get("/api/answers/" + id).then().statusCode(200).extract().header("ETag");
    }

    static final String PARTIAL = "{\"status\": \"PARTIAL\", \"summary\": \"Meta described its release policy.\", \"sourceUrl\": \"https://example.org/meta-policy\", \"quote\": \"we will not release\", \"reason\": \"public statement\"}";

    @Test
    void rolesForEveryAnswerWrite() {
        long id = ids.get(0);
        String tag = etag(id);
        // no token, wrong role, right role
        given().contentType("application/json").header("If-Match", tag).body(PARTIAL).when().put("/api/answers/" + id)
                .then().statusCode(401).contentType("application/problem+json");
        as(Tokens.reader()).header("If-Match", tag).body(PARTIAL).when().put("/api/answers/" + id).then().statusCode(403).contentType("application/problem+json");
        as(Tokens.curator()).header("If-Match", tag).body(PARTIAL).when().put("/api/answers/" + id).then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.matchesPattern("(W/)?\"v" + version(id) + "-[A-Za-z0-9_-]{43}\"")).body("status", equalTo("PARTIAL"));

        String patch = "{\"respondent\": \"a spokesperson\"}";
        given().contentType("application/merge-patch+json").header("If-Match", etag(id)).body(patch).when().patch("/api/answers/" + id).then().statusCode(401);
        as(Tokens.reader()).contentType("application/merge-patch+json").header("If-Match", etag(id)).body(patch).when().patch("/api/answers/" + id).then().statusCode(403);
        as(Tokens.curator()).contentType("application/merge-patch+json").header("If-Match", etag(id)).body(patch).when().patch("/api/answers/" + id)
                .then().statusCode(200).body("respondent", equalTo("a spokesperson")).body("status", equalTo("PARTIAL"));

        String batch = "{\"items\": [{\"id\": " + ids.get(1) + ", \"version\": " + version(ids.get(1)) + ", \"set\": {\"status\": \"UNANSWERED\", \"summary\": \"still nothing\"}}]}";
        given().contentType("application/json").body(batch).when().post("/api/answers/batch").then().statusCode(401);
        as(Tokens.reader()).body(batch).when().post("/api/answers/batch").then().statusCode(403);
        as(Tokens.curator()).body(batch).when().post("/api/answers/batch").then().statusCode(200).body("applied", equalTo(1));

        String add = "{\"lab\": \"amazon\", \"set\": {\"status\": \"UNANSWERED\", \"reason\": \"asked by email, no reply\"}}";
        String question = when().get("/api/answers/" + id).then().extract().path("question");
        given().contentType("application/json").body(add).when().post("/api/questions/" + question + "/answers").then().statusCode(401);
        as(Tokens.reader()).body(add).when().post("/api/questions/" + question + "/answers").then().statusCode(403);
        long created = ((Number) as(Tokens.curator()).body(add).when().post("/api/questions/" + question + "/answers").then().statusCode(201)
                .header("Location", containsString("/api/answers/")).extract().path("id")).longValue();
        as(Tokens.curator()).body(add).when().post("/api/questions/" + question + "/answers").then().statusCode(409);

        // deleting is an admin's job
        as(Tokens.curator()).header("If-Match", etag(created)).when().delete("/api/answers/" + created).then().statusCode(403);
        as(Tokens.admin()).when().delete("/api/answers/" + created).then().statusCode(428);
        as(Tokens.admin()).header("If-Match", etag(created)).queryParam("reason", "added by mistake").when().delete("/api/answers/" + created).then().statusCode(204);
        when().get("/api/answers/" + created).then().statusCode(404);
        when().get("/api/answers/" + created + "/history").then().statusCode(200).body("items.action", equalTo(List.of("CREATE", "DELETE")));
    }

    private static int version(long id) {
        return when().get("/api/answers/" + id).then().extract().path("version");
    }

    @Test
    void badTokensAreRejected() {
        long id = ids.get(0);
        for (String bad : List.of(
                Tokens.token("x", Set.of("curator"), Tokens.ISSUER, Tokens.AUDIENCE, Instant.now().minusSeconds(3600)),
                Tokens.token("x", Set.of("curator"), "https://evil.example", Tokens.AUDIENCE, Instant.now().plusSeconds(600)),
                Tokens.token("x", Set.of("curator"), Tokens.ISSUER, "other-service", Instant.now().plusSeconds(600)))) {
            as(bad).header("If-Match", etag(id)).body(PARTIAL).when().put("/api/answers/" + id).then().statusCode(401)
                    .contentType("application/problem+json");
        }
        assertEquals("UNANSWERED", when().get("/api/answers/" + id).then().extract().path("status"));
    }

    @Test
    void ifMatchMissingOrStale() {
        long id = ids.get(0);
        String tag = etag(id);
        as(Tokens.curator()).body(PARTIAL).when().put("/api/answers/" + id).then().statusCode(428).contentType("application/problem+json");
        as(Tokens.curator()).header("If-Match", tag).body(PARTIAL).when().put("/api/answers/" + id).then().statusCode(200);
        // the same (now stale) tag again
        as(Tokens.curator()).header("If-Match", tag).body(PARTIAL.replace("PARTIAL", "ANSWERED")).when().put("/api/answers/" + id)
                .then().statusCode(412).contentType("application/problem+json").body("detail", containsString("GET it again"));
        assertEquals("PARTIAL", when().get("/api/answers/" + id).then().extract().path("status"));
        // a conditional GET with the current tag is 304
        given().header("If-None-Match", etag(id)).when().get("/api/answers/" + id).then().statusCode(304);
    }

    @Test
    void validationFailuresListEachFieldAndWriteNothing() {
        long id = ids.get(0);
        String bad = "{\"status\": \"PARTIAL\", \"answeredOn\": \"2025-13-40\", \"sourceUrl\": \"ftp://nope\", \"respondent\": \"" + "x".repeat(201) + "\", \"reason\": \"r\"}";
        JsonPath p = as(Tokens.curator()).header("If-Match", etag(id)).body(bad).when().put("/api/answers/" + id)
                .then().statusCode(400).contentType("application/problem+json").extract().jsonPath();
        assertEquals(List.of("answeredOn", "respondent", "sourceUrl"), p.getList("errors.field"));
        as(Tokens.curator()).header("If-Match", etag(id)).body("{\"summary\": \"no status\"}").when().put("/api/answers/" + id)
                .then().statusCode(400).body("errors.field", hasItem("status"));
        as(Tokens.curator()).header("If-Match", etag(id)).body("{\"status\": \"MAYBE\", \"reason\": \"r\"}").when().put("/api/answers/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        as(Tokens.curator()).header("If-Match", etag(id)).body("{\"status\": ").when().put("/api/answers/" + id).then().statusCode(400);
        // a status change without evidence is refused
        as(Tokens.curator()).header("If-Match", etag(id)).body("{\"status\": \"ANSWERED\"}").when().put("/api/answers/" + id)
                .then().statusCode(422).body("detail", containsString("needs evidence"));
        as(Tokens.curator()).header("If-Match", etag(id)).body("{\"status\": \"ANSWERED\", \"sourceKey\": \"no-such-source\"}").when().put("/api/answers/" + id)
                .then().statusCode(422).body("errors[0].field", equalTo("sourceKey"));
        as(Tokens.curator()).header("If-Match", etag(id)).contentType("application/merge-patch+json").body("{\"colour\": \"red\"}")
                .when().patch("/api/answers/" + id).then().statusCode(400);
        JsonPath after = when().get("/api/answers/" + id).then().extract().jsonPath();
        assertEquals("UNANSWERED", after.getString("status"));
        assertEquals(saved.stream().filter(r -> ((Number) r[0]).longValue() == id).map(r -> ((Number) r[4]).intValue()).findFirst().orElseThrow(),
                after.getInt("version"), "nothing was written");
        when().get("/api/answers/" + id + "/history").then().statusCode(200).body("items.size()", equalTo(0)).body("totalItems", equalTo(0));
    }

    @Test
    void oneBadItemAndNothingInTheBatchIsApplied() {
        long a = ids.get(0), b = ids.get(1);
        String batch = "{\"items\": ["
                + "{\"id\": " + a + ", \"version\": " + version(a) + ", \"set\": {\"status\": \"ANSWERED\", \"reason\": \"published\"}},"
                + "{\"id\": " + b + ", \"version\": " + (version(b) + 7) + ", \"set\": {\"status\": \"ANSWERED\", \"reason\": \"published\"}}]}";
        as(Tokens.curator()).body(batch).when().post("/api/answers/batch").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("items[1]")).body("detail", containsString("nothing in the batch was applied"));
        String invalid = "{\"items\": ["
                + "{\"id\": " + a + ", \"version\": " + version(a) + ", \"set\": {\"status\": \"ANSWERED\", \"reason\": \"published\"}},"
                + "{\"question\": \"no-such-question\", \"lab\": \"meta\", \"version\": 0, \"set\": {\"status\": \"ANSWERED\", \"reason\": \"x\"}}]}";
        as(Tokens.curator()).body(invalid).when().post("/api/answers/batch").then().statusCode(404).body("detail", containsString("items[1]"));
        String evidence = "{\"items\": [{\"id\": " + a + ", \"version\": " + version(a) + ", \"set\": {\"status\": \"ANSWERED\"}}]}";
        as(Tokens.curator()).body(evidence).when().post("/api/answers/batch").then().statusCode(422);
        assertEquals("UNANSWERED", when().get("/api/answers/" + a).then().extract().path("status"));
        assertEquals(0, when().get("/api/changes").then().extract().jsonPath().getInt("totalItems"));

        String good = "{\"items\": ["
                + "{\"id\": " + a + ", \"version\": " + version(a) + ", \"set\": {\"status\": \"ANSWERED\", \"reason\": \"published\"}},"
                + "{\"question\": \"" + when().get("/api/answers/" + b).then().extract().path("question") + "\", \"lab\": \"meta\", \"version\": " + version(b)
                + ", \"set\": {\"status\": \"PARTIAL\", \"sourceKey\": \"lw-ailabwatch-questions-to-labs\", \"locator\": \"a comment\"}}]}";
        as(Tokens.curator()).body(good).when().post("/api/answers/batch").then().statusCode(200).body("applied", equalTo(2))
                .body("answers.status", equalTo(List.of("ANSWERED", "PARTIAL")));
        assertEquals(2, when().get("/api/changes").then().extract().jsonPath().getInt("totalItems"));
    }

    @Test
    void revisionsAndAsOfScorecardsAfterASequenceOfChanges() throws InterruptedException {
        long id = ids.get(0);
        int answeredAtStart = when().get("/api/labs/meta/scorecard").then().extract().path("counts.answered");
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC);
        Thread.sleep(20);
        as(Tokens.curator()).header("If-Match", etag(id)).body(PARTIAL).when().put("/api/answers/" + id).then().statusCode(200);
        Thread.sleep(20);
        OffsetDateTime t1 = OffsetDateTime.now(ZoneOffset.UTC);
        Thread.sleep(20);
        as(Tokens.curator()).header("If-Match", etag(id)).contentType("application/merge-patch+json")
                .body("{\"status\": \"ANSWERED\", \"reason\": \"Meta answered in full\"}").when().patch("/api/answers/" + id).then().statusCode(200);

        JsonPath h = when().get("/api/answers/" + id + "/history").then().statusCode(200).extract().jsonPath();
        assertEquals(2, h.getList("items").size());
        assertEquals("UNANSWERED", h.getString("items[0].before.status"));
        assertEquals("PARTIAL", h.getString("items[0].after.status"));
        assertEquals("test-curator", h.getString("items[0].actor"));
        assertEquals("https://example.org/meta-policy", h.getString("items[0].sourceUrl"));
        assertEquals("Meta answered in full", h.getString("items[1].reason"));
        assertEquals("ANSWERED", h.getString("items[1].after.status"));

        // the scorecard now, at t1 (after the first change) and at t0 (before any)
        given().queryParam("asOf", t0.toString()).when().get("/api/labs/meta/scorecard").then().statusCode(200)
                .body("counts.answered", equalTo(answeredAtStart)).body("counts.partial", equalTo(0));
        given().queryParam("asOf", t1.toString()).when().get("/api/labs/meta/scorecard").then().statusCode(200)
                .body("counts.answered", equalTo(answeredAtStart)).body("counts.partial", equalTo(1));
        when().get("/api/labs/meta/scorecard").then().body("counts.answered", equalTo(answeredAtStart + 1)).body("counts.partial", equalTo(0));
        given().queryParam("asOf", "2000-01-01").when().get("/api/labs/meta/scorecard").then().body("counts.total", equalTo(0));
        given().queryParam("asOf", "yesterday").when().get("/api/labs/meta/scorecard").then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        JsonPath g = GraphQL.data("query($t: String) { scorecards(asOf: $t) { lab counts { partial answered } } }", Map.of("t", t1.toString()));
        assertEquals(1, g.getInt("scorecards.find { it.lab == 'meta' }.counts.partial"));

        // the labs of an as-of matrix are those the ledger held then: one created since is not there, one deleted since is
        String slug = "asof-lab-" + System.nanoTime();
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC);
        given().header("Authorization", "Bearer " + org.labledger.security.Tokens.admin()).contentType("application/json")
                .body(Map.of("slug", slug, "name", "As-of Lab", "kind", "OTHER", "aliases", List.of())).post("/api/labs").then().statusCode(201);
        OffsetDateTime during = OffsetDateTime.now(ZoneOffset.UTC);
        given().header("Authorization", "Bearer " + org.labledger.security.Tokens.admin()).delete("/api/labs/" + slug).then().statusCode(204);
        String q = "query($t: String) { scorecards(asOf: $t) { lab } }";
        org.junit.jupiter.api.Assertions.assertFalse(GraphQL.data(q, Map.of("t", before.toString())).getList("scorecards.lab").contains(slug), "not yet created");
        org.junit.jupiter.api.Assertions.assertTrue(GraphQL.data(q, Map.of("t", during.toString())).getList("scorecards.lab").contains(slug), "held then");
        org.junit.jupiter.api.Assertions.assertFalse(GraphQL.data("{ scorecards { lab } }").getList("scorecards.lab").contains(slug), "deleted since");
        given().queryParam("asOf", during.toString()).when().get("/api/scorecards").then().statusCode(200)
                .body("items.lab", org.hamcrest.Matchers.hasItem(slug));

        // the changes feed, JSON and Atom
        JsonPath changes = given().queryParam("since", t0.toString()).queryParam("entity", "answer").when().get("/api/changes").then().statusCode(200).extract().jsonPath();
        assertEquals(2, changes.getInt("totalItems"));
        assertEquals(0, given().queryParam("since", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).toString()).when().get("/api/changes").then().extract().jsonPath().getInt("totalItems"));
        String atom = when().get("/api/changes.atom").then().statusCode(200).contentType(containsString("application/atom+xml")).extract().asString();
        assertTrue(atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), atom);
        assertTrue(atom.contains("PARTIAL → ANSWERED"), atom);
        assertTrue(atom.contains("<name>test-curator</name>"), atom);
        JsonPath gh = GraphQL.data("{ changes(entity: \"ANSWER\") { totalItems items { action actor before after } } }");
        assertEquals(2, gh.getInt("changes.totalItems"));
        assertTrue(gh.get("changes.items[1].after") instanceof Map, "Revision.after is a JSON object (scalar JSON), not a string");
        assertEquals("ANSWERED", gh.getString("changes.items[1].after.status"));
    }

    @Test
    void graphQLMutationsAreGuardedTheSameWay() {
        long id = ids.get(0);
        int v = version(id);
        String m = "mutation($id: ID!, $v: Int!) { updateAnswer(id: $id, version: $v, change: {status: PARTIAL, reason: \"stated\"}) { status version history { action actor } } }";
        JsonPath anon = GraphQL.post(m, Map.of("id", id, "v", v));
        assertEquals("UNAUTHORIZED", anon.getString("errors[0].extensions.code"));
        JsonPath reader = given().header("Authorization", "Bearer " + Tokens.reader()).contentType("application/json")
                .body(Map.of("query", m, "variables", Map.of("id", id, "v", v))).when().post("/graphql").then().extract().jsonPath();
        assertEquals("FORBIDDEN", reader.getString("errors[0].extensions.code"));
        JsonPath stale = given().header("Authorization", "Bearer " + Tokens.curator()).contentType("application/json")
                .body(Map.of("query", m, "variables", Map.of("id", id, "v", v + 5))).when().post("/graphql").then().extract().jsonPath();
        assertEquals("CONFLICT", stale.getString("errors[0].extensions.code"));
        JsonPath noEvidence = given().header("Authorization", "Bearer " + Tokens.curator()).contentType("application/json")
                .body(Map.of("query", "mutation($id: ID!, $v: Int!) { updateAnswer(id: $id, version: $v, change: {status: ANSWERED}) { status } }",
                        "variables", Map.of("id", id, "v", v))).when().post("/graphql").then().extract().jsonPath();
        assertEquals("UNPROCESSABLE", noEvidence.getString("errors[0].extensions.code"));
        assertEquals("UNANSWERED", when().get("/api/answers/" + id).then().extract().path("status"));
        JsonPath ok = given().header("Authorization", "Bearer " + Tokens.curator()).contentType("application/json")
                .body(Map.of("query", m, "variables", Map.of("id", id, "v", v))).when().post("/graphql").then().extract().jsonPath();
        assertNull(ok.get("errors"));
        assertEquals("PARTIAL", ok.getString("data.updateAnswer.status"));
        assertEquals(List.of("UPDATE"), ok.getList("data.updateAnswer.history.action"));
        assertEquals(List.of("test-curator"), ok.getList("data.updateAnswer.history.actor"));
    }
}
