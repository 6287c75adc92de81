package org.labledger.graphql;

import graphql.introspection.IntrospectionQuery;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.labledger.security.JwtKeys;
import org.labledger.security.Tokens;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cost analysis refuses, before any data is read, the shapes that made one anonymous request take the
 * service down (fragment expansion, nested lists, aliases of heavy resolvers), and the same pass refuses values
 * that would wrap around or that no text column can hold.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeys.class)
class GraphQLCostTest {

    private static String code(JsonPath r) {
        return r.getString("errors[0].extensions.code");
    }

    private static String message(JsonPath r) {
        return r.getString("errors[0].message");
    }

    /** Each fragment spreads the next one twice: 2^25 fields once expanded, in under 1 KB. */
    @Test
    void fragmentBombIsRefusedBeforeExpansion() {
        StringBuilder q = new StringBuilder("query { labs { ...F0 } }\n");
        for (int i = 0; i < 25; i++) {
            q.append("fragment F").append(i).append(" on Lab { ...F").append(i + 1).append(" ...F").append(i + 1).append(" }\n");
        }
        q.append("fragment F25 on Lab { slug }");
        assertTrue(q.length() < 1024);
        JsonPath r = GraphQL.refused(q.toString(), null);
        assertEquals("QUERY_TOO_COMPLEX", code(r), r.prettify());
        assertNull(r.get("data"));
        // the same bomb on a single object (no list to multiply): the expansion budget stops it
        JsonPath one = GraphQL.refused(q.toString().replace("query { labs { ...F0 } }", "query { lab(slug: \"anthropic\") { ...F0 } }"), null);
        assertEquals("QUERY_TOO_COMPLEX", code(one), one.prettify());
        assertTrue(message(one).contains("max-fields"), message(one));
    }

    @Test
    void longFragmentChainsAreRefused() {
        StringBuilder q = new StringBuilder("query { lab(slug: \"anthropic\") { ...F0 } }\n");
        for (int i = 0; i < 450; i++) {
            q.append("fragment F").append(i).append(" on Lab { slug ...F").append(i + 1).append(" }\n");
        }
        q.append("fragment F450 on Lab { name }");
        JsonPath r = GraphQL.refused(q.toString(), null);
        assertEquals("QUERY_TOO_COMPLEX", code(r), r.prettify());
        assertTrue(message(r).contains("451 fragments"), message(r));
    }

    /** Depth 7, seven fields, inside the depth limit: the lists multiply (with two labs, over 30,000 values on the seed data alone). */
    @Test
    void nestedListsCostWhatTheyMultiplyTo() {
        String nested = "answers { question { answers { lab { answers { status } } } } }";
        // three labs: with V9 the two labs of before have fewer answers (29 and 34), and their product stays under the limit
        JsonPath r = GraphQL.refused("{ a: lab(slug:\"anthropic\") { " + nested + " } b: lab(slug:\"openai\") { " + nested + " }"
                + " c: lab(slug:\"google-deepmind\") { " + nested + " } }", null);
        assertEquals("QUERY_TOO_COMPLEX", code(r), r.prettify());
        assertTrue(message(r).matches("the query costs \\d+, more than the limit of 25000 .*"), message(r));
        assertNull(r.get("data"));
        // one level less is an ordinary query, and is answered
        JsonPath ok = GraphQL.data("{ lab(slug:\"anthropic\") { answers { status question { key answers { status } } } } }");
        assertEquals(29, ok.getList("lab.answers").size());
    }

    /** Lab.answerPage multiplies its items by its page size, like the top-level pages. */
    @Test
    void answerPagesCostTheirPageSize() {
        JsonPath r = GraphQL.refused("{ labs { answerPage(size: 200) { items { question { answers { lab { answerPage(size: 200) { items { status } } } } } } } } }", null);
        assertEquals("QUERY_TOO_COMPLEX", code(r), r.prettify());
        JsonPath ok = GraphQL.data("{ labs { slug answerPage(size: 5) { totalItems items { status question { key } } } } }");
        assertTrue(ok.getList("labs").size() >= 5);
    }

    @Test
    void aliasesOfHeavyResolversAreCapped() {
        String compare = IntStream.range(0, 249).mapToObj(i -> "a" + i + ": compareQuestionnaires(a: \"ailabwatch-questions-to-labs\", b: \"ailabwatch-questions-to-labs\") { sharedQuestions }")
                .collect(Collectors.joining(" ", "{ ", " }"));
        assertEquals("QUERY_TOO_COMPLEX", code(GraphQL.refused(compare, null)));
        String asOf = IntStream.range(0, 249).mapToObj(i -> "a" + i + ": scorecards(asOf: \"2026-01-01T00:00:00Z\") { lab }")
                .collect(Collectors.joining(" ", "{ ", " }"));
        assertEquals("QUERY_TOO_COMPLEX", code(GraphQL.refused(asOf, null)));
        // the alias cap, on a cheap field
        String cheap = IntStream.range(0, 30).mapToObj(i -> "a" + i + ": lab(slug: \"anthropic\") { slug }").collect(Collectors.joining(" ", "{ ", " }"));
        JsonPath r = GraphQL.refused(cheap, null);
        assertEquals("QUERY_TOO_COMPLEX", code(r));
        assertTrue(message(r).contains("max-aliases"), message(r));
        // under the alias cap, the weight of the history replay still adds up: 20 x scorecards(asOf) is over budget
        String twenty = IntStream.range(0, 20).mapToObj(i -> "a" + i + ": scorecards(asOf: \"2026-01-01T00:00:00Z\") { lab }")
                .collect(Collectors.joining(" ", "{ ", " }"));
        JsonPath w = GraphQL.refused(twenty, null);
        assertEquals("QUERY_TOO_COMPLEX", code(w), w.prettify());
        assertTrue(message(w).contains("Query.scorecards"), message(w));
        // and a few are fine
        GraphQL.data("{ a: scorecards(asOf: \"2026-01-01T00:00:00Z\") { lab } b: scorecards { lab } }");
    }

    /** A cached document is re-costed with each request's variables: the page size comes from them. */
    @Test
    void variablesAreCostedOnEveryRequest() {
        String q = "query($n: Int) { answers(size: $n) { items { question { answers { lab { answers { status } } } } } } }";
        JsonPath small = GraphQL.data(q, Map.of("n", 1));
        assertEquals(1, small.getList("answers.items").size());
        JsonPath big = GraphQL.refused(q, Map.of("n", 200)); // the document is cached now; its variables are new
        assertEquals("QUERY_TOO_COMPLEX", code(big), big.prettify());
        assertNull(big.get("data"));
    }

    @Test
    void standardIntrospectionQueryPasses() {
        JsonPath r = GraphQL.data(IntrospectionQuery.INTROSPECTION_QUERY, null);
        assertTrue(r.getList("__schema.types").size() > 20);
        assertEquals("Query", r.getString("__schema.queryType.name"));
    }

    // ------------------------------------------------------------------------------------- values

    /** A curator's request that the cost analysis refuses before execution: 400 without data. */
    private static JsonPath curator(String query, Map<String, Object> variables) {
        return curator(query, variables, false);
    }

    /** A curator's request: executed (200 with data, perhaps with errors) or refused before execution (400 without data). */
    private static JsonPath curator(String query, Map<String, Object> variables, boolean executed) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        if (variables != null) {
            body.put("variables", variables);
        }
        var data = org.hamcrest.Matchers.hasKey("data");
        return given().header("Authorization", "Bearer " + Tokens.curator()).contentType("application/json").body(body)
                .when().post("/graphql").then().statusCode(executed ? 200 : 400).body("$", executed ? data : org.hamcrest.Matchers.not(data))
                .extract().jsonPath();
    }

    private static long someAnswer() {
        return given().queryParam("lab", "meta").queryParam("size", 1).when().get("/api/answers").then().extract().jsonPath().getLong("items[0].id");
    }

    /** SmallRye's Int and ID coercion wraps around: version 2^32 passed as 0, id 2^64+3 as 3. */
    @Test
    void integersThatOverflowAreRefusedNotWrapped() {
        long id = someAnswer();
        int version = when().get("/api/answers/" + id).then().extract().path("version");
        String status = when().get("/api/answers/" + id).then().extract().path("status");
        String wrapped = "mutation { updateAnswer(id: " + id + ", version: " + (4294967296L + version)
                + ", change: {status: PARTIAL, reason: \"overflow\"}) { status } }";
        JsonPath r = curator(wrapped, null);
        assertEquals("BAD_REQUEST", code(r), r.prettify());
        assertTrue(message(r).contains("Int"), message(r));
        JsonPath byVariable = curator("mutation($v: Int!) { updateAnswer(id: " + id + ", version: $v, change: {status: PARTIAL, reason: \"overflow\"}) { status } }",
                Map.of("v", 4294967296L + version));
        assertEquals("BAD_REQUEST", code(byVariable), byVariable.prettify());
        String bigId = new java.math.BigInteger("18446744073709551616").add(java.math.BigInteger.valueOf(id)).toString();
        JsonPath idWrapped = curator("mutation { updateAnswer(id: \"" + bigId + "\", version: " + version
                + ", change: {status: PARTIAL, reason: \"overflow\"}) { status } }", null);
        assertEquals("BAD_REQUEST", code(idWrapped), idWrapped.prettify());
        JsonPath idLiteral = curator("mutation { updateAnswer(id: " + bigId + ", version: " + version
                + ", change: {status: PARTIAL, reason: \"overflow\"}) { status } }", null);
        assertEquals("BAD_REQUEST", code(idLiteral), idLiteral.prettify());
        // nothing was written
        assertEquals(version, (int) when().get("/api/answers/" + id).then().extract().path("version"));
        assertEquals(status, when().get("/api/answers/" + id).then().extract().path("status"));
    }

    @Test
    void refusedCharactersInVariablesAndDocuments() {
        for (String evil : new String[]{"a\u0000b", "a\uD800b", "a\uFFFEb"}) {
            JsonPath r = GraphQL.refused("query($s: String!) { lab(slug: $s) { slug } }", Map.of("s", evil));
            assertEquals("BAD_REQUEST", code(r), r.prettify());
            JsonPath nested = GraphQL.refused("query($f: QuestionFilter) { questions(filter: $f) { totalItems } }", Map.of("f", Map.of("text", evil)));
            assertEquals("BAD_REQUEST", code(nested), nested.prettify());
        }
        String withNul = given().contentType("application/json").body("{\"query\": \"{ lab(slug: \\\"a\\u0000b\\\") { slug } }\"}")
                .when().post("/graphql").then().statusCode(400).extract().path("errors[0].extensions.code");
        assertEquals("BAD_REQUEST", withNul);
    }

    /** The GraphQL-over-HTTP envelope: variables an object, operationName a string, a JSON or GraphQL body. */
    @Test
    void requestEnvelopeIsChecked() {
        for (String body : new String[]{"{\"query\": \"{ labs { slug } }\", \"variables\": \"x\"}", "{\"query\": \"{ labs { slug } }\", \"variables\": [1]}",
                "{\"query\": \"{ labs { slug } }\", \"operationName\": 5}", "{\"query\": \"{ labs { slug } }\", \"extensions\": 1}", "[{\"query\": \"{ labs { slug } }\"}]"}) {
            String c = given().contentType("application/json").body(body).when().post("/graphql").then().statusCode(400)
                    .extract().path("errors[0].extensions.code");
            assertEquals("BAD_REQUEST", c, body);
        }
        String plain = given().contentType("text/plain").body("{\"query\": \"{ labs { slug } }\"}").when().post("/graphql").then().statusCode(415)
                .extract().path("errors[0].extensions.code");
        assertEquals("UNSUPPORTED_MEDIA_TYPE", plain);
        // a GraphQL body is still accepted
        given().contentType("application/graphql").body("{ labs { slug } }".getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/graphql").then().statusCode(200);
    }

    @Test
    void batchErrorsCarryTheDocumentedCodes() {
        JsonPath r = curator("mutation { updateAnswers(items: [{id: 999999999, version: 0, set: {status: PARTIAL, reason: \"r\"}}]) { id } }", null, true);
        assertEquals("NOT_FOUND", code(r), r.prettify());
        JsonPath stale = curator("mutation { updateAnswers(items: [{id: " + someAnswer() + ", version: 999, set: {status: PARTIAL, reason: \"r\"}}]) { id } }", null, true);
        assertEquals("CONFLICT", code(stale), stale.prettify());
    }
}
