package org.labledger.common;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A query parameter an endpoint does not take is a 400 naming it, on every endpoint, never silently ignored. */
@QuarkusTest
class UnknownParametersTest {

    @Test
    void misspeltOrUnknownParametersAre400() {
        // a misspelt filter used to return every lab
        given().queryParam("knd", "FRONTIER_LAB").when().get("/api/labs").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("knd")).body("detail", containsString("'knd'")).body("detail", containsString("kind"));
        // and an unknown value of a real filter is a 400 too, naming it
        given().queryParam("kind", "nope").when().get("/api/labs").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("kind"));
        given().queryParam("labb", "anthropic").when().get("/api/questions").then().statusCode(400)
                .body("errors[0].field", equalTo("labb")).body("detail", containsString("lab"));
        given().queryParam("statuss", "ANSWERED").queryParam("lab", "anthropic").when().get("/api/answers").then().statusCode(400)
                .body("errors[0].field", equalTo("statuss"));
        given().queryParam("x", "1").when().get("/api/labs/anthropic").then().statusCode(400);
    }

    @Test
    void aOneValueParameterGivenTwiceIs400() {
        // JAX-RS keeps the first value of a String parameter: lab=anthropic&lab=openai answered Anthropic's answers alone
        given().queryParam("lab", "anthropic").queryParam("lab", "openai").when().get("/api/answers").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("lab"))
                .body("detail", containsString("2 times"));
        given().queryParam("size", "2").queryParam("size", "3").when().get("/api/labs").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        // a collection parameter is repeatable, as documented
        given().queryParam("lab", "anthropic").queryParam("status", "ANSWERED").queryParam("status", "PARTIAL").when().get("/api/questions")
                .then().statusCode(200).header("X-Total-Count", "3");
    }

    @Test
    void theFrameworksRefusalsSpeakTheApisLanguage() {
        given().accept("image/png").when().get("/api/labs").then().statusCode(406).contentType(startsWith("application/problem+json"))
                .body("detail", org.hamcrest.Matchers.not(containsString("@Produces"))).body("detail", containsString("Accept"));
        given().contentType("application/xml").body("<a/>").when().post("/api/topics").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(401), equalTo(415)));
        given().when().get("/api/answers/1.5").then().statusCode(404).body("detail", containsString("whole number"));
        given().when().get("/api/no-such-thing").then().statusCode(404).body("detail", org.hamcrest.Matchers.not(containsString("resource method")));
    }

    @Test
    void declaredParametersStillWork() {
        given().queryParam("lab", "anthropic").queryParam("status", "ANSWERED,PARTIAL").when().get("/api/questions")
                .then().statusCode(200).header("X-Total-Count", "3");
        given().queryParam("lab", "openai").when().get("/api/agreements").then().statusCode(200);
    }

    /** Every GET of the REST API (from the OpenAPI document, so a new endpoint is covered too), CSV, Atom and export included. */
    @Test
    void everyRestEndpointRefusesAnUnknownParameter() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().path("paths");
        List<String> checked = new java.util.ArrayList<>();
        paths.forEach((path, ops) -> {
            if (!ops.containsKey("get") || !path.startsWith("/api/")) {
                return;
            }
            if (ops.get("get") instanceof Map<?, ?> get && get.get("security") instanceof List<?> security && !security.isEmpty()) {
                return; // a read for one caller (a lab's inbox, the reply queue): 401 before anything else; ReplyFlowTest checks its parameters
            }
            String concrete = path.replaceAll("\\{[^}]+}", "1");
            given().queryParam("zz-unknown", "1").when().get(concrete).then()
                    .statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("errors[0].field", equalTo("zz-unknown"));
            checked.add(path);
        });
        for (String p : List.of("/api/answers.csv", "/api/scorecards.csv", "/api/labs/{slug}/scorecard.csv", "/api/changes.atom", "/api/export")) {
            org.junit.jupiter.api.Assertions.assertTrue(checked.contains(p), p + " among " + checked);
        }
    }
}
