package org.labledger.graphql;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** GraphQL over HTTP as its specification describes it, and an SDL that tools can read on its own. */
@QuarkusTest
class GraphQLHttpTest {

    @Test
    void aGetMeansWhatTheSamePostMeans() {
        // Quarkus' GET handler decodes the already decoded parameters again and passes the query as the operation name
        // (GetParameters): a %, a + or an encoded quote in a GET query or its variables, and every operationName, broke
        String percent = "{ __typename } # 100%";
        given().queryParam("query", percent).get("/graphql").then().statusCode(200).body("data.__typename", equalTo("Query"));
        // a + and a %22 stay what they are: the slug 'a+b' (no such lab), not 'a b'
        given().queryParam("query", "{ lab(slug: \"a+b\") { slug } }").get("/graphql").then()
                .body("errors[0].message", containsString("'a+b'"));
        String split = "{ a: lab(slug: \"anthropic%22) { slug } b: lab(slug: %22meta\") { slug } }";
        String post = given().contentType("application/json").body(java.util.Map.of("query", split)).post("/graphql").then().extract().asString();
        String get = given().queryParam("query", split).get("/graphql").then().extract().asString();
        assertEquals(post, get, "GET and POST run the same document");
        // variables with a % in them
        given().queryParam("query", "query($s: String!) { lab(slug: $s) { slug } }").queryParam("variables", "{\"s\":\"50%\"}")
                .get("/graphql").then().statusCode(200).body("errors[0].message", containsString("'50%'"));
        // a newline ends a # comment, as over POST
        given().queryParam("query", "{ # a comment\n lab(slug: \"anthropic\") { slug } }").get("/graphql").then().statusCode(200)
                .body("data.lab.slug", equalTo("anthropic"));
        // operationName: the only operation, one of several (with the fragments it uses), and one that does not exist
        given().queryParam("query", "query Q { lab(slug: \"anthropic\") { slug } }").queryParam("operationName", "Q").get("/graphql").then()
                .statusCode(200).body("data.lab.slug", equalTo("anthropic"));
        String two = "fragment S on Lab { slug } fragment N on Lab { name } query A { lab(slug: \"anthropic\") { ...S } } "
                + "query B { lab(slug: \"openai\") { ...N ...S } }";
        given().queryParam("query", two).queryParam("operationName", "B").get("/graphql").then().statusCode(200)
                .body("data.lab.slug", equalTo("openai")).body("data.lab.name", equalTo("OpenAI"));
        given().queryParam("query", two).queryParam("operationName", "A").get("/graphql").then().statusCode(200)
                .body("data.lab.slug", equalTo("anthropic")).body("data.lab", not(hasKey("name")));
        given().queryParam("query", two).queryParam("operationName", "C").get("/graphql").then().statusCode(400)
                .body("errors[0].message", equalTo("Unknown operation named 'C'.")).body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
        // a mutation selected by name is still refused over GET
        given().queryParam("query", "query A { __typename } mutation M { deleteLab(slug: \"x\") }").queryParam("operationName", "M")
                .get("/graphql").then().statusCode(405);
    }

    @Test
    void theBundledUisDoubledContentTypeIsAccepted() {
        // SmallRye's GraphiQL page (render.js) sends its JSON body as "application/json, application/json"
        given().header("Content-Type", "application/json, application/json").body("{\"query\":\"{ lab(slug: \\\"anthropic\\\") { slug } }\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/graphql").then().statusCode(200).body("data.lab.slug", equalTo("anthropic"));
    }

    @Test
    void responsesNegotiateTheGraphQLResponseMediaType() {
        String q = "{\"query\":\"{ labs { slug } }\"}";
        given().contentType("application/json").accept("application/graphql-response+json").body(q).when().post("/graphql")
                .then().statusCode(200).header("Content-Type", containsString("application/graphql-response+json"));
        given().contentType("application/json").accept("application/json").body(q).when().post("/graphql")
                .then().statusCode(200).header("Content-Type", containsString("application/json"));
        // a weighted Accept: the media type it picked, without the weight
        given().contentType("application/json").header("Accept", "application/graphql-response+json;q=0.9, application/json;q=1").body(q)
                .when().post("/graphql").then().statusCode(200).header("Content-Type", equalTo("application/json; charset=UTF-8"));
        // no preference: the spec's default since 2025 (the "watershed"), application/graphql-response+json
        given().contentType("application/json").header("Accept", "*/*").body(q).when().post("/graphql")
                .then().statusCode(200).header("Content-Type", containsString("application/graphql-response+json"));
    }

    @Test
    void queriesByGet() {
        given().queryParam("query", "{ labs { slug } }").when().get("/graphql")
                .then().statusCode(200).body("data.labs.slug", hasItem("anthropic"));
        given().queryParam("query", "query($s: String!) { lab(slug: $s) { name } }").queryParam("variables", "{\"s\": \"anthropic\"}")
                .when().get("/graphql").then().statusCode(200).body("data.lab.name", equalTo("Anthropic"));
    }

    @Test
    void mutationsAreNeverRunByGet() {
        String m = "mutation { deleteTopic(slug: \"governance\") }";
        given().queryParam("query", m).when().get("/graphql")
                .then().statusCode(405).header("Allow", "POST").body("errors[0].extensions.code", equalTo("METHOD_NOT_ALLOWED"));
        // a document with a query and a mutation: the operation named decides
        String both = "query Q { labs { slug } } mutation M { deleteTopic(slug: \"governance\") }";
        given().queryParam("query", both).queryParam("operationName", "M").when().get("/graphql").then().statusCode(405);
        // the query Q is not refused as a mutation, and runs (Quarkus 3.33.2's GET handler passes the query text as the
        // operation name; GetParameters selects the operation itself, so the named one runs, alone)
        given().queryParam("query", both).queryParam("operationName", "Q").when().get("/graphql").then().statusCode(200)
                .body("data.labs.slug", hasItem("anthropic")).body("data", not(hasKey("deleteTopic")));
        when().get("/api/topics/governance").then().statusCode(200);
    }

    @Test
    void servedSchemaDeclaresItsScalars() {
        String sdl = when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        for (String scalar : new String[]{"DateTime", "BigInteger", "BigDecimal"}) {
            org.hamcrest.MatcherAssert.assertThat(sdl, containsString("scalar " + scalar));
        }
    }

    // ---------------------------------------------------------------- status codes (GraphQL over HTTP, "Status codes")

    private static io.restassured.response.ValidatableResponse post(String accept, String query) {
        var request = given().contentType("application/json").body(java.util.Map.of("query", query));
        if (accept != null) {
            request = request.header("Accept", accept);
        }
        return request.when().post("/graphql").then();
    }

    @Test
    void aDocumentThatDoesNotParseIs400WithTheGraphQLResponseTypeAnd200ForLegacyJson() {
        String bad = "{ labs { slug ";
        for (String accept : new String[]{null, "*/*", "application/*", "application/graphql-response+json",
                "application/json;q=0.5, application/graphql-response+json", "application/graphql-response+json, application/json;q=0"}) {
            post(accept, bad).statusCode(400).contentType(containsString("application/graphql-response+json"))
                    .body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED")).body("$", not(hasKey("data")));
        }
        for (String accept : new String[]{"application/json", "application/graphql-response+json;q=0, application/json",
                "application/graphql-response+json;q=0, */*",
                "application/graphql-response+json;q=0.5, application/json"}) {
            post(accept, bad).statusCode(200).contentType(startsWith("application/json"))
                    .body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED")).body("$", not(hasKey("data")));
        }
        // the guard's error answers carry their fields in a fixed order (message, locations, extensions; line, column; code)
        for (int i = 0; i < 2; i++) {
            org.junit.jupiter.api.Assertions.assertEquals("{\"errors\":[{\"message\":\"Invalid syntax with offending token '<EOF>' at line 1 column 15\","
                    + "\"locations\":[{\"line\":1,\"column\":15}],\"extensions\":{\"code\":\"GRAPHQL_PARSE_FAILED\",\"classification\":\"InvalidSyntax\"}}]}",
                    post(null, bad).statusCode(400).extract().asString());
        }
        // by GET too
        given().queryParam("query", bad).when().get("/graphql").then().statusCode(400)
                .contentType(containsString("application/graphql-response+json")).body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED"));
        given().accept("application/json").queryParam("query", bad).when().get("/graphql").then().statusCode(200)
                .contentType(startsWith("application/json")).body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED"));
    }

    @Test
    void aDocumentThatDoesNotValidateIs400WithTheGraphQLResponseTypeAnd200ForLegacyJson() {
        String unknownField = "{ labs { slug noSuchField } }";
        post(null, unknownField).statusCode(400).contentType(containsString("application/graphql-response+json"))
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED")).body("$", not(hasKey("data")));
        post("application/graphql-response+json", unknownField).statusCode(400)
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
        post("application/json", unknownField).statusCode(200).contentType(startsWith("application/json"))
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED")).body("$", not(hasKey("data")));
        // the validated document is cached only without errors: the second request is validated (and refused) again
        post(null, unknownField).statusCode(400).body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
        // a valid request right after is 200: the recorded status belongs to one request
        post(null, "{ labs { slug } }").statusCode(200).body("data.labs.slug", hasItem("anthropic"));
        given().queryParam("query", unknownField).when().get("/graphql").then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
    }

    @Test
    void aDocumentRefusedByTheCostLimitsIs400() {
        String deep = "{ lab(slug: \"anthropic\") { " + "parent { ".repeat(14) + "slug" + " }".repeat(14) + " } }";
        post(null, deep).statusCode(400).contentType(containsString("application/graphql-response+json"))
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_DEEP")).body("$", not(hasKey("data")));
        post("application/json", deep).statusCode(200).body("errors[0].extensions.code", equalTo("QUERY_TOO_DEEP"));
        String costly = "{ " + java.util.stream.IntStream.range(0, 20).mapToObj(i -> "c" + i + ": scorecards(asOf: \"2025-01-01T00:00:00Z\") { lab { slug } }")
                .collect(java.util.stream.Collectors.joining(" ")) + " }";
        post(null, costly).statusCode(400).body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX")).body("$", not(hasKey("data")));
    }

    @Test
    void aResponseWithDataIs200EvenWithErrors() {
        post(null, "{ lab(slug: \"nope\") { slug } labs { slug } }").statusCode(200)
                .contentType(containsString("application/graphql-response+json"))
                .body("errors[0].extensions.code", equalTo("NOT_FOUND")).body("data.lab", nullValue())
                .body("data.labs.slug", hasItem("anthropic"));
        // data: null (a non-null root field failed) is still data: execution started
        post(null, "{ questions(size: 0) { totalItems } }").statusCode(200).body("$", hasKey("data")).body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
        post("application/json", "{ lab(slug: \"nope\") { slug } }").statusCode(200)
                .body("errors[0].extensions.code", equalTo("NOT_FOUND")).body("$", hasKey("data"));
    }

    @Test
    void requestErrorsKeepTheirHttpStatusWhateverTheAccept() {
        for (String accept : new String[]{null, "application/json"}) {
            String type = accept == null ? "application/graphql-response+json" : "application/json";
            var r = given().contentType("application/json").body("{\"query\": ");
            if (accept != null) {
                r = r.header("Accept", accept);
            }
            r.when().post("/graphql").then().statusCode(400).contentType(startsWith(type)).body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
            var v = given().contentType("application/json").body(java.util.Map.of("query", "{ labs { slug } }", "variables", java.util.List.of(1)));
            if (accept != null) {
                v = v.header("Accept", accept);
            }
            v.when().post("/graphql").then().statusCode(400).contentType(startsWith(type)).body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
            var t = given().contentType("text/plain").body("{ labs { slug } }");
            if (accept != null) {
                t = t.header("Accept", accept);
            }
            t.when().post("/graphql").then().statusCode(415).contentType(startsWith(type)).body("errors[0].extensions.code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
            var m = given().queryParam("query", "mutation { __typename }");
            if (accept != null) {
                m = m.header("Accept", accept);
            }
            m.when().get("/graphql").then().statusCode(405).contentType(startsWith(type)).body("errors[0].extensions.code", equalTo("METHOD_NOT_ALLOWED"));
        }
    }
}
