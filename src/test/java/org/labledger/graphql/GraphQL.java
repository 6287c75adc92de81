package org.labledger.graphql;

import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A tiny GraphQL client for tests: POSTs to /graphql and returns the whole response. */
public final class GraphQL {

    private GraphQL() {
    }

    public static JsonPath post(String query, Map<String, Object> variables) {
        return given().contentType("application/json")
                .body(variables == null ? Map.of("query", query) : Map.of("query", query, "variables", variables))
                .when().post("/graphql")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Runs a query that must succeed and returns its data. */
    public static JsonPath data(String query, Map<String, Object> variables) {
        JsonPath r = post(query, variables);
        List<Object> errors = r.getList("errors");
        assertNull(errors, () -> "unexpected errors: " + errors);
        return r.setRootPath("data");
    }

    public static JsonPath data(String query) {
        return data(query, null);
    }
}
