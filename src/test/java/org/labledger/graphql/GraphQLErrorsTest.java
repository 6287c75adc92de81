package org.labledger.graphql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every GraphQL error carries an extensions.code, and the configured limits hold. */
@QuarkusTest
class GraphQLErrorsTest {

    private static String code(JsonPath r) {
        return r.getString("errors[0].extensions.code");
    }

    @Test
    void unknownKeysAreNotFound() {
        for (String q : new String[]{"{ lab(slug: \"nope\") { slug } }", "{ question(key: \"nope\") { key } }",
                "{ agreement(slug: \"nope\") { slug } }"}) {
            JsonPath r = GraphQL.post(q, null);
            assertEquals("NOT_FOUND", code(r), q);
            assertTrue(r.getString("errors[0].message").contains("'nope'"), q);
        }
    }

    @Test
    void badArgumentsAreBadRequest() {
        JsonPath r = GraphQL.post("{ questions(size: 0, page: -1) { totalItems } }", null);
        assertEquals("BAD_REQUEST", code(r));
        assertTrue(r.getString("errors[0].message").contains("size") && r.getString("errors[0].message").contains("page"));
        assertEquals("BAD_REQUEST", code(GraphQL.post("{ questions(filter: {lab: \"nobody\"}) { totalItems } }", null)));
        assertEquals("BAD_REQUEST", code(GraphQL.post("{ scorecards(topic: \"nope\") { lab } }", null)));
        assertEquals("BAD_REQUEST", code(GraphQL.post("{ answers(size: 201) { totalItems } }", null)));
    }

    @Test
    void schemaViolationsAreValidationFailures() {
        assertEquals("GRAPHQL_VALIDATION_FAILED", code(GraphQL.refused("{ labz }", null)));
        assertEquals("GRAPHQL_VALIDATION_FAILED", code(GraphQL.refused("{ questions(filter: {statuses: [MAYBE]}) { totalItems } }", null)));
        JsonPath r = GraphQL.refused("query($s: [ResponseStatus]) { questions(filter: {statuses: $s}) { totalItems } }",
                java.util.Map.of("s", java.util.List.of("MAYBE")));
        assertFalse(r.getList("errors").isEmpty());
        assertTrue(r.getString("errors[0].extensions.code").startsWith("GRAPHQL_VALIDATION") || "BAD_REQUEST".equals(code(r)), r.prettify());
    }

    @Test
    void syntaxErrorsSayWhere() {
        JsonPath r = GraphQL.refused("{ labs { slug ", null);
        assertEquals("GRAPHQL_PARSE_FAILED", code(r));
        assertEquals(1, r.getInt("errors[0].locations[0].line"));
        String notJson = given().contentType("application/json").body("{not json").when().post("/graphql")
                .then().statusCode(400).extract().path("errors[0].extensions.code");
        assertEquals("BAD_REQUEST", notJson);
        String noQuery = given().contentType("application/json").body("{\"variables\": {}}").when().post("/graphql")
                .then().statusCode(400).extract().path("errors[0].extensions.code");
        assertEquals("BAD_REQUEST", noQuery);
    }

    @Test
    void depthLimit() {
        // depth counts fields: labs (1) + n parents + slug; the limit is 12
        // twice: the second time the document comes from the parsed-document cache, and the limit must still hold
        for (int attempt = 0; attempt < 2; attempt++) {
            JsonPath r = GraphQL.refused(nested(11), null);
            assertEquals("QUERY_TOO_DEEP", code(r), r.prettify());
            assertTrue(r.getString("errors[0].message").contains("depth"));
            assertNull(r.get("data.labs"));
            GraphQL.data(nested(10));
        }
    }

    private static String nested(int parents) {
        return "{ labs { " + "parent { ".repeat(parents) + "slug" + " }".repeat(parents) + " } }";
    }

    @Test
    void complexityLimit() {
        StringBuilder q = new StringBuilder("{ labs { ");
        for (int i = 0; i < 600; i++) {
            q.append("a").append(i).append(": slug ");
        }
        String query = q.append("} }").toString();
        for (int attempt = 0; attempt < 2; attempt++) { // the second from the document cache
            JsonPath r = GraphQL.refused(query, null);
            assertEquals("QUERY_TOO_COMPLEX", code(r), "attempt " + attempt);
        }
    }

    @Test
    void parserLimits() {
        JsonPath r = GraphQL.refused("{ labs { slug } }" + " ".repeat(60_000), null);
        assertEquals("QUERY_TOO_LARGE", code(r));
        StringBuilder q = new StringBuilder("{ labs { ");
        for (int i = 0; i < 6000; i++) {
            q.append("slug ");
        }
        assertEquals("QUERY_TOO_LARGE", code(GraphQL.refused(q.append("} }").toString(), null)));
    }
}
