package org.labledger.ops;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.labledger.security.JwtKeys;
import org.labledger.security.Tokens;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 §4 (database): a request's statement that runs longer than labledger.db.request-statement-timeout
 * (5 s) is cancelled and answered 503 with Retry-After (GraphQL: SERVICE_UNAVAILABLE), instead of holding the
 * request for as long as the database takes. The slow statement is provoked by a row lock that a second
 * connection holds for longer than the limit.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeys.class)
class StatementTimeoutTest {

    static final long LIMIT_MS = 5_000;

    private static Connection lockAnswer(long id) throws Exception {
        Config c = ConfigProvider.getConfig();
        Connection conn = DriverManager.getConnection(c.getValue("quarkus.datasource.jdbc.url", String.class),
                c.getValue("quarkus.datasource.username", String.class), c.getValue("quarkus.datasource.password", String.class));
        conn.setAutoCommit(false);
        try (Statement s = conn.createStatement()) {
            s.execute("select id from answer where id = " + id + " for update");
        }
        // released after 12 s at the latest, so that a request without a statement timeout ends (and fails the test)
        Thread release = new Thread(() -> {
            try {
                Thread.sleep(12_000);
                if (!conn.isClosed()) {
                    conn.rollback();
                }
            } catch (Exception e) {
                // closed meanwhile
            }
        });
        release.setDaemon(true);
        release.start();
        return conn;
    }

    private static long metaAnswer() {
        return given().queryParam("lab", "meta").queryParam("size", 1).when().get("/api/answers").then().statusCode(200)
                .extract().jsonPath().getLong("items[0].id");
    }

    @Test
    void aWriteStuckOnALockIsA503WithinTheLimit() throws Exception {
        long id = metaAnswer();
        String tag = when().get("/api/answers/" + id).then().extract().header("ETag");
        try (Connection lock = lockAnswer(id)) {
            long start = System.nanoTime();
            given().header("Authorization", "Bearer " + Tokens.curator()).header("If-Match", tag).contentType("application/json")
                    .body("{\"status\": \"UNANSWERED\", \"summary\": \"timeout test\", \"reason\": \"test\"}")
                    .when().put("/api/answers/" + id)
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("status", equalTo(503))
                    .body("type", equalTo("https://labledger.org/problems/service-unavailable"))
                    .body("detail", containsString("retry"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= LIMIT_MS - 500, "the statement ran up to the limit (" + ms + " ms)");
            assertTrue(ms < LIMIT_MS + 5_000, "and was cancelled there (" + ms + " ms)");
            lock.rollback();
        }
        // nothing was written; the service works on
        when().get("/api/answers/" + id).then().statusCode(200).header("ETag", tag).body("summary", org.hamcrest.Matchers.not("timeout test"));
    }

    @Test
    void aGraphQLMutationStuckOnALockIsServiceUnavailable() throws Exception {
        long id = metaAnswer();
        int version = when().get("/api/answers/" + id).then().extract().path("version");
        try (Connection lock = lockAnswer(id)) {
            JsonPath r = given().header("Authorization", "Bearer " + Tokens.curator()).contentType("application/json")
                    .body(Map.of("query", "mutation($id: ID!, $v: Int!) { updateAnswer(id: $id, version: $v, change: {status: UNANSWERED, reason: \"t\", respondent: \"timeout test\"}) { version } }",
                            "variables", Map.of("id", id, "v", version)))
                    .when().post("/graphql").then().statusCode(200).extract().jsonPath();
            assertEquals("SERVICE_UNAVAILABLE", r.getString("errors[0].extensions.code"), r.prettify());
            lock.rollback();
        }
        assertEquals(version, (int) when().get("/api/answers/" + id).then().extract().path("version"));
    }
}
