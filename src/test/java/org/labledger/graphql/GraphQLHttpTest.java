package org.labledger.graphql;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** GraphQL over HTTP as its specification describes it, and an SDL that tools can read on its own. */
@QuarkusTest
class GraphQLHttpTest {

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
        given().queryParam("query", both).queryParam("operationName", "Q").when().get("/graphql").then().statusCode(200);
        when().get("/api/topics/governance").then().statusCode(200);
    }

    @Test
    void servedSchemaDeclaresItsScalars() {
        String sdl = when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        for (String scalar : new String[]{"DateTime", "BigInteger", "BigDecimal"}) {
            org.hamcrest.MatcherAssert.assertThat(sdl, containsString("scalar " + scalar));
        }
    }
}
