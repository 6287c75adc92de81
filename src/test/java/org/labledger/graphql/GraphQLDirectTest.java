package org.labledger.graphql;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labledger.security.Tokens;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Direct plans (GraphQLDirect): a request shape is answered by its plan only after the generic path answered it and
 * the plan's output was proven byte-identical; everything else keeps the generic path. Every request here bypasses the
 * response cache (no-store), so each one is executed.
 */
@QuarkusTest
class GraphQLDirectTest {

    /** Shapes a plan covers: the dashboards' answers list with its question and topic, aliases, paging, filters. */
    static final List<String> DIRECT = List.of(
            "{ answers(filter: {lab: \"openai\"}, size: 100) { items { status question { key text topic { slug name } } } } }",
            "{ a: answers(filter: {lab: \"anthropic\", statuses: [PARTIAL, ANSWERED]}, page: 0, size: 5) { n: totalItems totalPages page size"
                    + " __typename items { __typename id s: status delivered summary respondent respondentCapacity kind capacity"
                    + " afterPublication answeredOn version question { __typename key ordinal text notes minAddressees context"
                    + " topic { __typename slug name description parent } } } } }",
            "{ answers(filter: {lab: \"openai\", topic: \"governance\"}, page: 1, size: 3) { totalItems items { id question { key } } } }",
            "{ answers(filter: {statuses: UNANSWERED, delivered: true}, size: 20, page: 2) { items { id status } totalPages } }",
            "{ answers(filter: {lab: \"openai\"}, page: 500, size: 10) { totalItems items { id } } }",
            "{ answers { totalItems items { id } } }");

    /** Shapes that keep the generic path: variables, fragments, directives, fields a plan does not know. */
    static final List<String> GENERIC = List.of(
            "query($lab: String) { answers(filter: {lab: $lab}, size: 5) { items { id } } }",
            "{ answers(filter: {lab: \"openai\"}, size: 5) { items { ...f } } } fragment f on Answer { id status }",
            "{ answers(filter: {lab: \"openai\"}, size: 5) { items { id @include(if: true) } } }",
            "{ answers(filter: {lab: \"openai\"}, size: 5) { items { id updatedAt lab { slug } } } }",
            "{ answers(filter: {lab: \"openai\"}, size: 5) { items { question { topic { path } } } } }",
            "{ answers(filter: {lab: \"openai\"}, size: 5) { items { id } } labs { slug } }");

    @Inject
    MeterRegistry registry;
    @Inject
    GraphQLDirect direct;
    @Inject
    SessionFactory sessionFactory;
    @Inject
    EntityManager em;

    @BeforeEach
    void forget() {
        direct.clear();
    }

    private double directCount() {
        return registry.find("labledger.graphql.direct.requests").tag("result", "direct").counter().count();
    }

    private static Response post(String query, Map<String, Object> variables, String accept) {
        return given().contentType("application/json").header("Cache-Control", "no-store").accept(accept)
                .body(variables == null ? Map.of("query", query) : Map.of("query", query, "variables", variables))
                .when().post("/graphql").then().extract().response();
    }

    /** The generic answer, then requests until one is answered directly (the plan is proven after the first). */
    private Response untilDirect(String query, String accept) {
        double before = directCount();
        Response generic = post(query, null, accept);
        assertEquals(200, generic.statusCode(), generic.asString());
        for (int i = 0; i < 50; i++) {
            Response r = post(query, null, accept);
            if (directCount() > before) {
                assertEquals(generic.asString(), r.asString(), "direct and generic bodies differ for " + query);
                assertEquals(generic.contentType(), r.contentType(), query);
                assertEquals(200, r.statusCode());
                return r;
            }
            sleep(50);
        }
        throw new AssertionError("never answered directly: " + query);
    }

    @Test
    void provenShapesAreAnsweredDirectlyWithTheSameBytes() {
        for (String q : DIRECT) {
            untilDirect(q, "application/graphql-response+json");
        }
        // the Content-Type follows the request's Accept, as SmallRye's does
        Response legacy = untilDirect(DIRECT.get(0), "application/json");
        assertTrue(legacy.contentType().startsWith("application/json"), legacy.contentType());
    }

    @Test
    void otherShapesKeepTheGenericPath() {
        double before = directCount();
        for (int round = 0; round < 3; round++) {
            for (String q : GENERIC) {
                Response r = post(q, q.startsWith("query($lab") ? Map.of("lab", "openai") : null, "application/graphql-response+json");
                assertEquals(200, r.statusCode(), r.asString());
                assertTrue(r.jsonPath().getList("errors") == null, r.asString());
            }
            sleep(100);
        }
        // an error is never planned: the unknown lab keeps its error and code every time
        for (int i = 0; i < 4; i++) {
            Response r = post("{ answers(filter: {lab: \"no-such-lab\"}) { items { id } } }", null, "application/graphql-response+json");
            assertEquals("BAD_REQUEST", r.jsonPath().getString("errors[0].extensions.code"), r.asString());
            sleep(50);
        }
        // nor a request with credentials
        String token = Tokens.curator();
        for (int i = 0; i < 3; i++) {
            given().contentType("application/json").header("Cache-Control", "no-store").header("Authorization", "Bearer " + token)
                    .body(Map.of("query", DIRECT.get(0))).when().post("/graphql").then().statusCode(200);
            sleep(50);
        }
        assertEquals(before, directCount(), "no request of these shapes may be answered directly");
    }

    @Test
    void aDirectAnswerReadsTheDataAsItIsNow() {
        String q = "{ answers(filter: {lab: \"openai\"}, size: 3) { items { id summary } } }";
        Response first = untilDirect(q, "application/graphql-response+json");
        long id = Long.parseLong(first.jsonPath().getString("data.answers.items[0].id"));
        String old = first.jsonPath().getString("data.answers.items[0].summary");
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update answer set summary = 'Direct test \"quoted\" \\ é' where id = ?1")
                    .setParameter(1, id).executeUpdate());
            double before = directCount();
            Response after = post(q, null, "application/graphql-response+json");
            assertEquals(before + 1, directCount(), "answered by the plan again");
            assertEquals("Direct test \"quoted\" \\ é", after.jsonPath().getString("data.answers.items[0].summary"));
            assertNotEquals(first.asString(), after.asString());
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update answer set summary = ?2 where id = ?1")
                    .setParameter(1, id).setParameter(2, old).executeUpdate());
        }
    }

    @Test
    void aDirectAnswerOverGetCarriesTheSameETagAndAnswers304() {
        String q = DIRECT.get(2);
        Response generic = given().header("Cache-Control", "no-store").queryParam("query", q).when().get("/graphql").then().extract().response();
        String etag = generic.header("ETag");
        assertTrue(etag != null && !etag.isBlank(), "the generic GET answer has an ETag");
        double before = directCount();
        Response direct = null;
        for (int i = 0; i < 50 && directCount() == before; i++) {
            sleep(50);
            direct = given().header("Cache-Control", "no-store").queryParam("query", q).when().get("/graphql").then().extract().response();
        }
        assertTrue(directCount() > before, "answered directly over GET");
        assertEquals(generic.asString(), direct.asString());
        assertEquals(etag, direct.header("ETag"), "the same validator on both paths");
        double again = directCount();
        given().header("Cache-Control", "no-store").header("If-None-Match", etag).queryParam("query", q)
                .when().get("/graphql").then().statusCode(304);
        assertEquals(again + 1, directCount(), "the 304 came from the direct path (the cache is bypassed here)");
    }

    @Test
    void workload4TakesOneStatementDirectly() {
        String q = DIRECT.get(0);
        untilDirect(q, "application/graphql-response+json");
        sessionFactory.getStatistics().setStatisticsEnabled(true);
        sessionFactory.getStatistics().clear();
        double before = directCount();
        post(q, null, "application/graphql-response+json");
        long statements = sessionFactory.getStatistics().getPrepareStatementCount();
        assertEquals(before + 1, directCount());
        // the lab's page of ids is a subquery of the items' JSON; the lab's id, the tally total and the topic tree are
        // kept between writes (a list that is not one lab's takes two: the ids, then the items)
        assertEquals(1, statements, "statements");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
