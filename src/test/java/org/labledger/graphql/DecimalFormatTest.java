package org.labledger.graphql;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One decimal format for REST and GraphQL: a rate is rounded to 4 decimals and printed without trailing zeros
 * (Anthropic's staff-concerns rate 1/2 is 0.5 on both sides, an unanswered topic's 0, the overall 3/33 0.0909), never
 * 0.5000 on one side and 0.5 on the other.
 */
@QuarkusTest
class DecimalFormatTest {

    @Test
    void restAndGraphQLPrintRatesAlike() {
        String rest = given().when().get("/api/labs/anthropic/scorecard").then().statusCode(200).extract().asString();
        String graphql = given().contentType("application/json")
                .body(Map.of("query", "{ lab(slug: \"anthropic\") { scorecard { counts { responseRate } topics { topic counts { responseRate answeredRate } } rootTopics { topic counts { responseRate } } } } }"))
                .when().post("/graphql").then().statusCode(200).extract().asString();
        for (String body : new String[]{rest, graphql}) {
            assertTrue(body.contains("\"responseRate\":0.1667"), body);  // 2 of the 12 questions known to have reached Anthropic
            assertTrue(body.contains("\"responseRate\":0.3333"), body);  // risk-assessment: 2 of 6
            assertTrue(body.contains("\"responseRate\":0,") || body.contains("\"responseRate\":0}"), body);
            assertFalse(body.matches("(?s).*\"(responseRate|answeredRate)\":[0-9.]*\\.[0-9]*0[,}].*"), "a rate with a trailing zero: " + body);
        }
    }
}
