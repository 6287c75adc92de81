package org.labledger.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 405 names the methods its path takes (RFC 9110 §15.5.6), and OPTIONS lists those, not its class's. */
@QuarkusTest
class AllowedMethodsTest {

    @Test
    void aRefusedMethodIsAnsweredWithTheOnesThePathTakes() {
        given().when().delete("/api/labs").then().statusCode(405).contentType(startsWith("application/problem+json"))
                .header("Allow", equalTo("GET, HEAD, OPTIONS, POST"));
        given().when().post("/api/labs/anthropic").then().statusCode(405)
                .header("Allow", equalTo("DELETE, GET, HEAD, OPTIONS, PATCH, PUT"));
    }

    @Test
    void optionsListsThePathsOwnMethods() {
        // Quarkus REST's own answer listed every method of the resource class: DELETE, PUT and PATCH on /api/labs
        given().when().options("/api/labs").then().statusCode(204).header("Allow", equalTo("GET, HEAD, OPTIONS, POST"));
        given().when().options("/api/labs/anthropic/").then().statusCode(204).header("Allow", equalTo("DELETE, GET, HEAD, OPTIONS, PATCH, PUT"));
        given().when().options("/api/no-such-thing").then().statusCode(404);
    }

    @Test
    void templatesBecomePatterns() {
        assertTrue(AllowedMethods.pattern("/api/releases/{number:[0-9]+}.zip").matcher("/api/releases/12.zip").matches());
        assertFalse(AllowedMethods.pattern("/api/releases/{number:[0-9]+}.zip").matcher("/api/releases/x.zip").matches());
        assertTrue(AllowedMethods.pattern("/api//labs/{slug}/").matcher("/api/labs/openai").matches());
        assertFalse(AllowedMethods.pattern("/api/labs/{slug}").matcher("/api/labs/openai/scorecard").matches());
    }
}
