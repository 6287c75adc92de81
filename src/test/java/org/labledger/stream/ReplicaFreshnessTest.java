package org.labledger.stream;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two writers on one database: this instance serves cached reads while another process (here a connection of the
 * test's own, outside this instance's pool and transactions — to this instance indistinguishable from a write committed
 * by another replica, since the version is advanced by the database) commits a change. The next reads reflect it
 * within the fallback interval: at once through the notification, and ({@link ReplicaFreshnessWithoutNotificationsTest}) when no
 * notification ever arrives, through the periodic check alone.
 */
@QuarkusTest
class ReplicaFreshnessTest {

    /** How long a replica may lag a committed write: the check interval, plus slack for a busy test machine. */
    static Duration bound() {
        Duration interval = ConfigProvider.getConfig().getValue("labledger.changes.check-interval", Duration.class);
        return interval.plusMillis(1500);
    }

    static void writeElsewhere(String sql, Object... args) throws Exception {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getValue("quarkus.datasource.password", String.class);
        try (Connection c = DriverManager.getConnection(url, user, password); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            assertEquals(1, s.executeUpdate());
        }
    }

    /** Writes elsewhere, then reads here until the read shows the write; returns how long that took. */
    static long lagMillis(String path, String field, String value) throws Exception {
        // the read is cached before the write (a hit the second time: same body)
        String cached = given().get(path).then().statusCode(200).extract().path(field);
        assertEquals(cached, given().get(path).then().statusCode(200).extract().path(field));
        long committed = System.nanoTime();
        writeElsewhere("update lab set name = ? where slug = 'anthropic'", value);
        long deadline = committed + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Response r = given().accept(ContentType.JSON).get(path);
            if (value.equals(r.then().statusCode(200).extract().path(field))) {
                return (System.nanoTime() - committed) / 1_000_000;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the write was never seen");
    }

    static void checkBothWays(String label) throws Exception {
        String original = given().get("/api/labs/anthropic").then().extract().path("name");
        try {
            long rest = lagMillis("/api/labs/anthropic", "name", original + " (" + label + ")");
            System.out.printf("replica lag (%s): REST %d ms%n", label, rest);
            assertTrue(rest <= bound().toMillis(), "REST read lagged " + rest + " ms");
            // a GraphQL query, cached as well
            String query = "{ lab(slug: \"anthropic\") { name } }";
            String before = given().contentType("application/json").body(Map.of("query", query)).post("/graphql").then().extract().path("data.lab.name");
            assertEquals(before, given().contentType("application/json").body(Map.of("query", query)).post("/graphql").then().extract().path("data.lab.name"));
            long committed = System.nanoTime();
            String value = original + " (" + label + ", GraphQL)";
            writeElsewhere("update lab set name = ? where slug = 'anthropic'", value);
            long lag = -1;
            while (System.nanoTime() - committed < TimeUnit.SECONDS.toNanos(10)) {
                if (value.equals(given().contentType("application/json").body(Map.of("query", query)).post("/graphql").then().extract().path("data.lab.name"))) {
                    lag = (System.nanoTime() - committed) / 1_000_000;
                    break;
                }
                Thread.sleep(20);
            }
            System.out.printf("replica lag (%s): GraphQL %d ms%n", label, lag);
            assertTrue(lag >= 0 && lag <= bound().toMillis(), "GraphQL read lagged " + lag + " ms");
        } finally {
            writeElsewhere("update lab set name = ? where slug = 'anthropic'", original);
        }
    }

    @Test
    void aWriteCommittedElsewhereIsServedWithinTheFallbackInterval() throws Exception {
        checkBothWays("notified");
    }
}
