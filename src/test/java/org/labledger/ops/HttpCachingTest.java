package org.labledger.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Strong ETags, conditional GETs and Cache-Control on the read API. */
@QuarkusTest
class HttpCachingTest {

    private static final String STRONG_TAG = "\"[A-Za-z0-9_-]{43}\"";

    @Test
    // (a writable record such as /api/labs/{slug} carries its own version tag "v<n>" instead: CurationWriteTest)
    void getCarriesAStrongTagOfTheBodyAndCacheControl() throws Exception {
        Response r = when().get("/api/labs/anthropic/scorecard").then().statusCode(200)
                .header("ETag", matchesPattern(STRONG_TAG))
                .header("Cache-Control", equalTo("public, max-age=60"))
                .contentType("application/json")
                .extract().response();
        byte[] body = r.asByteArray();
        String expected = '"' + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(body)) + '"';
        assertEquals(expected, r.header("ETag"), "the tag is the SHA-256 of the bytes sent");
        // same representation, same tag
        assertEquals(r.header("ETag"), when().get("/api/labs/anthropic/scorecard").header("ETag"));
        // a different representation, a different tag
        assertNotEquals(r.header("ETag"), when().get("/api/labs/openai/scorecard").header("ETag"));
    }

    @Test
    void matchingIfNoneMatchAnswers304WithoutBody() {
        String tag = when().get("/api/questions?lab=anthropic&size=5").header("ETag");
        given().header("If-None-Match", tag).when().get("/api/questions?lab=anthropic&size=5")
                .then().statusCode(304)
                .header("ETag", equalTo(tag))
                .header("Cache-Control", equalTo("public, max-age=60"))
                .body(emptyString());
        // a list of tags, and the weak form of the same tag, match as well (RFC 9110 weak comparison)
        given().header("If-None-Match", "\"other\", " + tag).when().get("/api/questions?lab=anthropic&size=5")
                .then().statusCode(304);
        given().header("If-None-Match", "W/" + tag).when().get("/api/questions?lab=anthropic&size=5")
                .then().statusCode(304);
    }

    @Test
    void staleIfNoneMatchAnswers200WithTheBody() {
        String tag = when().get("/api/topics").header("ETag");
        given().header("If-None-Match", "\"stale\"").when().get("/api/topics")
                .then().statusCode(200)
                .header("ETag", equalTo(tag))
                .body("items.size()", org.hamcrest.Matchers.greaterThan(0));
        // the tag of one resource does not validate another
        given().header("If-None-Match", tag).when().get("/api/labs").then().statusCode(200);
    }

    @Test
    void pagedListsKeepTheirHeaders() {
        given().queryParam("size", 10).when().get("/api/questions")
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .header("X-Total-Count", notNullValue())
                .header("Link", notNullValue())
                .body("items.size()", equalTo(10));
    }

    @Test
    void errorsAndNonApiPathsAreNotTagged() {
        when().get("/api/labs/no-such-lab").then().statusCode(404)
                .header("ETag", nullValue()).header("Cache-Control", nullValue());
        when().get("/q/health/live").then().statusCode(200).header("ETag", nullValue());
    }

    @Test
    void utf8BodiesAreTaggedByTheirBytes() {
        Response r = when().get("/api/questions?size=200").then().statusCode(200).extract().response();
        String body = new String(r.asByteArray(), StandardCharsets.UTF_8);
        assertEquals(r.header("ETag"), given().header("If-None-Match", r.header("ETag")).when()
                .get("/api/questions?size=200").then().statusCode(304).extract().header("ETag"));
        assertNotEquals(0, body.length());
    }
}
