package org.labledger.graphql;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labledger.security.Tokens;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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

    /**
     * Shapes that keep the generic path: a variable without a value (and no default), fragments, directives, fields a
     * plan does not know.
     */
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
    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void forget() {
        direct.clear();
    }

    private double directCount() {
        return count("direct");
    }

    private double count(String result) {
        return registry.find("labledger.graphql.direct.requests").tag("result", result).counter().count();
    }

    private static Response post(String query, Map<String, Object> variables, String accept) {
        return given().contentType("application/json").header("Cache-Control", "no-store").accept(accept)
                .body(variables == null ? Map.of("query", query) : Map.of("query", query, "variables", variables))
                .when().post("/graphql").then().extract().response();
    }

    /** The generic answer, then requests until one is answered directly (the plan is proven after the first). */
    private Response untilDirect(String query, String accept) {
        return untilDirect(query, null, accept);
    }

    private Response untilDirect(String query, Map<String, Object> variables, String accept) {
        double before = directCount();
        Response generic = post(query, variables, accept);
        assertEquals(200, generic.statusCode(), generic.asString());
        assertTrue(generic.jsonPath().getList("errors") == null, generic.asString());
        for (int i = 0; i < 50; i++) {
            Response r = post(query, variables, accept);
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
                Response r = post(q, null, "application/graphql-response+json");
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

    /** What generated clients send (Apollo, graphql-codegen): the same document, the values as variables. */
    static final String WITH_VARIABLES = "query LabAnswers($lab: String!, $statuses: [ResponseStatus!], $size: Int = 4) {"
            + " answers(filter: {lab: $lab, statuses: $statuses}, size: $size) { totalItems items { id status question { key topic { slug } } } } }";

    @Test
    void variablesAreWrittenInAsTheirLiteralsAndEachSetOfValuesIsProvenOnItsOwn() {
        String accept = "application/graphql-response+json";
        Response openai = untilDirect(WITH_VARIABLES, Map.of("lab", "openai", "statuses", List.of("UNANSWERED", "PARTIAL")), accept);
        // a single value for a list, and the default size
        Response anthropic = untilDirect(WITH_VARIABLES, Map.of("lab", "anthropic", "statuses", "UNANSWERED"), accept);
        assertNotEquals(openai.asString(), anthropic.asString(), "each set of values has its own answer");
        assertEquals(4, anthropic.jsonPath().getList("data.answers.items").size(), anthropic.asString());
        // the whole filter as one variable of the input type, with a list of enums and a boolean inside
        untilDirect("query($f: AnswerFilter, $page: Int) { answers(filter: $f, page: $page, size: 3) { items { id status delivered } } }",
                Map.of("f", Map.of("lab", "openai", "statuses", List.of("UNANSWERED"), "delivered", true), "page", 1), accept);
        // null where the type allows it
        Map<String, Object> nullStatuses = new java.util.HashMap<>();
        nullStatuses.put("lab", "openai");
        nullStatuses.put("statuses", null);
        untilDirect(WITH_VARIABLES, nullStatuses, accept);
    }

    @Test
    void variablesItCannotWriteExactlyKeepTheGenericPath() {
        double before = directCount();
        String accept = "application/graphql-response+json";
        for (int round = 0; round < 3; round++) {
            // an unknown lab: an error, never planned
            Response r = post(WITH_VARIABLES, Map.of("lab", "no-such-lab"), accept);
            assertEquals("BAD_REQUEST", r.jsonPath().getString("errors[0].extensions.code"), r.asString());
            // 2.5 for an Int: SmallRye answers it (as size 2), but it is no Int literal, so no plan is made for it
            r = post(WITH_VARIABLES, Map.of("lab", "openai", "size", 2.5), accept);
            assertEquals(200, r.statusCode(), r.asString());
            // a value that is no enum value of the type
            r = post(WITH_VARIABLES, Map.of("lab", "openai", "statuses", List.of("MAYBE")), accept);
            assertTrue(r.jsonPath().getList("errors") != null, r.asString());
            sleep(100);
        }
        assertEquals(before, directCount(), "none of these may be answered directly");
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

    @Test
    void aClientThatLeavesMidStatementNeitherEndsThePlansStatementNorSendsItToTheGenericPath() throws Exception {
        String q = DIRECT.get(0);
        untilDirect(q, "application/graphql-response+json");
        double fallbacks = count("fallback");
        byte[] body = ("{\"query\":\"" + q.replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
        try (Connection lock = dataSource.getConnection(); Statement st = lock.createStatement()) {
            lock.setAutoCommit(false);
            // the plan's statement waits for this lock, so the client can leave while it runs
            st.execute("lock table answer in access exclusive mode");
            try (Socket client = new Socket("localhost", RestAssured.port)) {
                OutputStream out = client.getOutputStream();
                out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Accept: application/graphql-response+json\r\nCache-Control: no-store\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                long deadline = System.currentTimeMillis() + 10_000;
                while (waitingForALock(st) == 0) {
                    assertTrue(System.currentTimeMillis() < deadline, "the plan's statement never waited for the lock");
                    sleep(20);
                }
            } // the client leaves mid-statement
            sleep(500); // the server sees the connection closed, and ends the HTTP request's context
            lock.commit();
            long deadline = System.currentTimeMillis() + 10_000;
            while (waitingForALock(st) > 0 && System.currentTimeMillis() < deadline) {
                sleep(20);
            }
        }
        sleep(500); // the plan finishes; its answer has nobody to go to
        assertEquals(fallbacks, count("fallback"), "the plan's statement ran to its end: no failure, no generic answer for nobody");
        double before = directCount();
        post(q, null, "application/graphql-response+json");
        assertEquals(before + 1, directCount(), "the next request is answered directly");
    }

    /** Backends of this database waiting for a lock (the plan's statement, behind the test's lock). */
    private static int waitingForALock(Statement st) throws Exception {
        try (ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity where datname = current_database()"
                + " and wait_event_type = 'Lock' and pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
