package org.labledger.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;

/**
 * With the database unreachable, readiness is DOWN (so a load balancer stops sending traffic), liveness
 * stays UP (restarting would not help), and the API answers 503 problem+json with Retry-After quickly
 * instead of hanging or answering 500.
 */
@QuarkusTest
@TestProfile(DatabaseDownProfile.class)
class DatabaseDownTest {

    /** Generous bound for CI: acquisition-timeout is 5 s, a refused connection fails at once. */
    static final long BOUND_MS = 6000;

    @Test
    void readinessIsDownAndNamesTheDatabase() {
        when().get("/q/health/ready").then().statusCode(503)
                .time(lessThan(BOUND_MS))
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("DOWN"));
    }

    @Test
    void livenessStaysUp() {
        when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void restAnswers503ProblemWithRetryAfter() {
        for (String path : new String[]{"/api/labs", "/api/labs/anthropic", "/api/questions?lab=openai"}) {
            when().get(path).then().statusCode(503)
                    .time(lessThan(BOUND_MS))
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("status", equalTo(503))
                    .body("type", equalTo("https://labledger.org/problems/service-unavailable"))
                    .body("title", equalTo("Service Unavailable"))
                    .body("detail", equalTo("the database is unavailable; retry later"));
        }
    }

    @Test
    void parameterMistakesAreStillReportedAsSuch() {
        // checked before any query: a client error stays a client error during an outage
        given().queryParam("size", 0).when().get("/api/questions").then().statusCode(400)
                .body("errors.field", hasItem("size"));
    }

    @Test
    void graphQLAnswersACodedUnavailableError() {
        // a GraphQL client gets the same verdict as a REST one: a coded error, not INTERNAL_ERROR
        given().contentType("application/json").body("{\"query\": \"{ labs { slug } }\"}")
                .when().post("/graphql").then().statusCode(200)
                .time(lessThan(BOUND_MS))
                .body("errors[0].extensions.code", equalTo("SERVICE_UNAVAILABLE"))
                .body("errors[0].message", equalTo("the database is unavailable; retry later"));
    }
}
