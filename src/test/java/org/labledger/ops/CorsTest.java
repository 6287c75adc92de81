package org.labledger.ops;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.labledger.security.JwtKeys;
import org.labledger.security.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Dashboards on any origin may read (no credentials); writes with credentials only from the configured origins. */
@QuarkusTest
@QuarkusTestResource(JwtKeys.class)
class CorsTest {

    static final String DASHBOARD = "https://dashboard.example";
    static final String CURATORS = "https://curators.example"; // %test.labledger.http.cors.write-origins

    @Test
    void anyOriginMayRead() {
        given().header("Origin", DASHBOARD).header("Access-Control-Request-Method", "GET").when().options("/api/labs")
                .then().statusCode(204).header("Access-Control-Allow-Origin", "*").header("Access-Control-Allow-Methods", containsString("GET"));
        given().header("Origin", DASHBOARD).when().get("/api/questions?size=2")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Expose-Headers", containsString("X-Total-Count")).header("Access-Control-Expose-Headers", containsString("ETag"));
        // a GraphQL query: a JSON POST, preflighted for its Content-Type
        given().header("Origin", DASHBOARD).header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type")
                .when().options("/graphql").then().statusCode(204).header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Headers", containsString("content-type"));
        given().header("Origin", DASHBOARD).contentType("application/json").body("{\"query\": \"{ labs { slug } }\"}").when().post("/graphql")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "*");
    }

    @Test
    void writesOnlyFromConfiguredOrigins() {
        given().header("Origin", DASHBOARD).header("Access-Control-Request-Method", "PUT").header("Access-Control-Request-Headers", "authorization, content-type, if-match")
                .when().options("/api/answers/1").then().statusCode(403).contentType(startsWith("application/problem+json"))
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", DASHBOARD).header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization, content-type")
                .when().options("/graphql").then().statusCode(403);
        // a credentialed request from such an origin is refused even without a preflight, before it can write
        given().header("Origin", DASHBOARD).header("Authorization", "Bearer " + Tokens.curator()).contentType("application/json")
                .body("{\"name\": \"x\", \"slug\": \"cors-x\"}").when().post("/api/topics").then().statusCode(403);
        given().when().get("/api/topics/cors-x").then().statusCode(404);
        // from the configured origin: allowed, with that origin (not *)
        given().header("Origin", CURATORS).header("Access-Control-Request-Method", "PUT").header("Access-Control-Request-Headers", "authorization, content-type, if-match")
                .when().options("/api/answers/1").then().statusCode(204).header("Access-Control-Allow-Origin", equalTo(CURATORS))
                .header("Access-Control-Allow-Methods", containsString("PUT")).header("Vary", containsString("Origin"));
    }
}
