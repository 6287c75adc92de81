package org.labledger.graphql;

import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A tiny GraphQL client for tests: POSTs to /graphql and returns the whole response. */
public final class GraphQL {

    private GraphQL() {
    }

    /** Runs a query that executes (its response has data, perhaps with errors): HTTP 200. */
    public static JsonPath post(String query, Map<String, Object> variables) {
        return post(query, variables, 200);
    }

    /**
     * Sends a query that is refused before or instead of execution (parse, validation, cost limits, result size): per
     * GraphQL over HTTP its application/graphql-response+json response has no data and HTTP 400. Returns the response.
     */
    public static JsonPath refused(String query, Map<String, Object> variables) {
        JsonPath r = post(query, variables, 400);
        assertFalse(r.getMap("$").containsKey("data"), () -> "a refused request has no data: " + r.prettify());
        return r;
    }

    private static JsonPath post(String query, Map<String, Object> variables, int status) {
        return given().contentType("application/json")
                .body(variables == null ? Map.of("query", query) : Map.of("query", query, "variables", variables))
                .when().post("/graphql")
                .then().log().ifValidationFails().statusCode(status).contentType(startsWith("application/graphql-response+json")).extract().jsonPath();
    }

    /** Runs a query that must succeed and returns its data. */
    public static JsonPath data(String query, Map<String, Object> variables) {
        JsonPath r = post(query, variables);
        List<Object> errors = r.getList("errors");
        assertNull(errors, () -> "unexpected errors: " + errors);
        return r.setRootPath("data");
    }

    /** {@link #data(String, Map)} answered by the server itself, never by the response cache (statement counts). */
    public static JsonPath uncached(String query, Map<String, Object> variables) {
        JsonPath r = given().contentType("application/json").header("Cache-Control", "no-store")
                .body(variables == null ? Map.of("query", query) : Map.of("query", query, "variables", variables))
                .when().post("/graphql")
                .then().statusCode(200).contentType(startsWith("application/graphql-response+json")).extract().jsonPath();
        List<Object> errors = r.getList("errors");
        assertNull(errors, () -> "unexpected errors: " + errors);
        return r.setRootPath("data");
    }

    /** {@link #data(String, Map)} with these request headers (e.g. a token). */
    public static JsonPath data(Map<String, String> headers, String query, Map<String, Object> variables) {
        JsonPath r = given().headers(headers).contentType("application/json")
                .body(variables == null ? Map.of("query", query) : Map.of("query", query, "variables", variables))
                .when().post("/graphql")
                .then().log().ifValidationFails().statusCode(200).contentType(startsWith("application/graphql-response+json")).extract().jsonPath();
        List<Object> errors = r.getList("errors");
        assertNull(errors, () -> "unexpected errors: " + errors);
        return r.setRootPath("data");
    }

    public static JsonPath data(String query) {
        return data(query, null);
    }
}
