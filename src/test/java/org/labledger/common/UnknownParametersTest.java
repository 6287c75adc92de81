package org.labledger.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A query parameter an endpoint does not take is a 400 naming it, on every endpoint, never silently ignored. */
@QuarkusTest
class UnknownParametersTest {

    @Test
    void misspeltOrUnknownParametersAre400() {
        // /api/labs takes no 'kind': it used to return every lab
        given().queryParam("kind", "nope").when().get("/api/labs").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("kind")).body("detail", containsString("'kind'"));
        given().queryParam("labb", "anthropic").when().get("/api/questions").then().statusCode(400)
                .body("errors[0].field", equalTo("labb")).body("detail", containsString("lab"));
        given().queryParam("statuss", "ANSWERED").queryParam("lab", "anthropic").when().get("/api/answers").then().statusCode(400)
                .body("errors[0].field", equalTo("statuss"));
        given().queryParam("x", "1").when().get("/api/labs/anthropic").then().statusCode(400);
    }

    @Test
    void declaredParametersStillWork() {
        given().queryParam("lab", "anthropic").queryParam("status", "ANSWERED,PARTIAL").when().get("/api/questions")
                .then().statusCode(200).header("X-Total-Count", "3");
        given().queryParam("lab", "openai").when().get("/api/agreements").then().statusCode(200);
    }
}
