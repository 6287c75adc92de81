package org.labledger.ops;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/** What operators and platforms rely on: health probes, Prometheus metrics, request ids. */
@QuarkusTest
class OperationsTest {

    @Test
    void readinessIncludesTheDatabase() {
        when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }

    @Test
    void livenessIsUp() {
        when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusExposesHttpServerAndPoolMetrics() {
        when().get("/api/labs").then().statusCode(200);
        // the classic Prometheus text format (a scraper asking for OpenMetrics gets that instead)
        given().accept("text/plain").when().get("/q/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(containsString("http_server_requests_seconds_count{"))
                .body(matchesPattern("(?s).*http_server_requests_seconds_count\\{[^}]*uri=\"/api/labs\"[^}]*\\} .*"))
                .body(matchesPattern("(?s).*agroal_active_count\\{datasource=\"default\"[^}]*\\} .*"))
                .body(containsString("agroal_max_used_count"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void requestIdIsEchoed() {
        String id = "trace-" + UUID.randomUUID();
        given().header("X-Request-Id", id).when().get("/api/topics")
                .then().statusCode(200).header("X-Request-Id", equalTo(id));
        // errors carry it too, so a client can quote it in a report
        given().header("X-Request-Id", id).when().get("/api/labs/nope")
                .then().statusCode(404).header("X-Request-Id", equalTo(id));
    }

    @Test
    void requestIdIsGeneratedWhenAbsentOrUnusable() {
        String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
        when().get("/api/topics").then().statusCode(200).header("X-Request-Id", matchesPattern(uuid));
        // something that could forge a log line is replaced, not echoed
        given().header("X-Request-Id", "abc def\" injected=1").when().get("/api/topics")
                .then().statusCode(200).header("X-Request-Id", matchesPattern(uuid))
                .header("X-Request-Id", not(containsString("injected")));
        String first = when().get("/api/topics").header("X-Request-Id");
        when().get("/api/topics").then().header("X-Request-Id", not(equalTo(first)));
    }
}
