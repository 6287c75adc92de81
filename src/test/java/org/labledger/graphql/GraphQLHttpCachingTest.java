package org.labledger.graphql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labledger.security.Tokens;
import org.labledger.stream.ResponseCache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.config;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ETags and conditional requests for GraphQL queries (graphql/GraphQLHttpCaching): a successful query over GET carries
 * an ETag (the SHA-256 of its body, as REST's) and Cache-Control, If-None-Match is answered 304 without a body — from
 * the response cache without a single SQL statement, or after running and hashing when the cache is not asked — and
 * a committed write changes the tag. Mutations, errors and POST responses carry none, and POST is never answered 304.
 * Statement counts from Hibernate's statistics (on in tests).
 */
@QuarkusTest
class GraphQLHttpCachingTest {

    static final String LABS = "{ labs { slug name } }";

    @Inject
    SessionFactory sessionFactory;
    @Inject
    ResponseCache cache;

    @BeforeEach
    void empty() {
        cache.clear();
    }

    private long statements() {
        return sessionFactory.getStatistics().getPrepareStatementCount();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Without Accept-Encoding: the body as sent and a strong tag. */
    private static io.restassured.specification.RequestSpecification plain() {
        return given().config(config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders())).header("Accept-Encoding", "identity");
    }

    @Test
    void aQueryByGetCarriesAnETagAndIfNoneMatchIs304WithoutAStatement() throws Exception {
        assertTrue(sessionFactory.getStatistics().isStatisticsEnabled());
        Response first = plain().queryParam("query", LABS).get("/graphql");
        first.then().statusCode(200).body("data.labs.slug", hasItem("anthropic"))
                .header("Cache-Control", "public, max-age=60").header("Vary", containsString("Accept-Encoding"));
        String etag = first.header("ETag");
        assertEquals('"' + sha256(first.asByteArray()) + '"', etag, "the tag is the hash of the body, as REST's");

        long before = statements();
        Response notModified = plain().queryParam("query", LABS).header("If-None-Match", etag).get("/graphql");
        notModified.then().statusCode(304).header("ETag", etag).header("Cache-Control", "public, max-age=60");
        assertEquals(0, notModified.asByteArray().length, "a 304 has no body");
        assertEquals(before, statements(), "a 304 from the response cache runs no SQL statement");
        // the weak form validates too, and so does a list of tags with it
        plain().queryParam("query", LABS).header("If-None-Match", "\"x\", W/" + etag).get("/graphql").then().statusCode(304);
        // another tag: the body
        plain().queryParam("query", LABS).header("If-None-Match", "\"other\"").get("/graphql").then().statusCode(200)
                .header("ETag", etag).body("data.labs.slug", hasItem("anthropic"));
        assertEquals(before, statements(), "all of these from the cache");
        // a compressed response (another Accept-Encoding: another entry) has the weak tag, which validates either
        given().header("Accept-Encoding", "gzip").queryParam("query", LABS).get("/graphql").then().statusCode(200)
                .header("ETag", "W/" + etag).header("Content-Encoding", "gzip");
        given().header("Accept-Encoding", "gzip").header("If-None-Match", etag).queryParam("query", LABS).get("/graphql").then().statusCode(304);
    }

    @Test
    void withoutTheCacheTheQueryRunsAndIsHashedAnd304Still() {
        String etag = plain().queryParam("query", LABS).get("/graphql").then().statusCode(200).extract().header("ETag");
        assertNotNull(etag);
        long before = statements();
        // Cache-Control: no-cache sends the request to the origin (as LABLEDGER_CACHE_ENABLED=false does every request)
        Response origin = plain().header("Cache-Control", "no-cache").header("If-None-Match", etag).queryParam("query", LABS).get("/graphql");
        origin.then().statusCode(304).header("ETag", etag).header("Content-Type", nullValue());
        assertEquals(0, origin.asByteArray().length);
        assertTrue(statements() > before, "the origin ran the query to know its tag");
        // the connection is still good: the next request on it gets its whole answer
        plain().header("Cache-Control", "no-cache").queryParam("query", LABS).get("/graphql").then().statusCode(200)
                .header("ETag", etag).body("data.labs.slug", hasItem("anthropic"));
    }

    @Test
    void aCommittedWriteChangesTheTag() {
        String slug = "etag-lab-" + System.nanoTime();
        String etag = plain().queryParam("query", LABS).get("/graphql").then().statusCode(200).extract().header("ETag");
        plain().queryParam("query", LABS).header("If-None-Match", etag).get("/graphql").then().statusCode(304);
        try {
            given().contentType(ContentType.JSON).auth().oauth2(Tokens.admin())
                    .body(Map.of("slug", slug, "name", "ETag Lab", "kind", "OTHER", "aliases", List.of()))
                    .post("/api/labs").then().statusCode(201);
            Response after = plain().queryParam("query", LABS).header("If-None-Match", etag).get("/graphql");
            after.then().statusCode(200).body("data.labs.slug", hasItem(slug));
            assertNotEquals(etag, after.header("ETag"));
            plain().queryParam("query", LABS).header("If-None-Match", after.header("ETag")).get("/graphql").then().statusCode(304);
        } finally {
            given().auth().oauth2(Tokens.admin()).delete("/api/labs/" + slug).then().statusCode(204);
        }
        plain().queryParam("query", LABS).header("If-None-Match", etag).get("/graphql").then().statusCode(304);
    }

    @Test
    void mutationsErrorsAndAuthorisedRequestsHaveNoTag() {
        // a mutation: refused over GET, and its POST answers have no tag, refused or done
        given().queryParam("query", "mutation { deleteLab(slug: \"no-such-lab\") }").get("/graphql").then().statusCode(405).header("ETag", nullValue());
        given().contentType("application/json").body(Map.of("query", "mutation { deleteLab(slug: \"no-such-lab\") }")).post("/graphql")
                .then().header("ETag", nullValue()).body("errors.size()", org.hamcrest.Matchers.greaterThan(0));
        String slug = "etag-mutation-" + System.nanoTime();
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.admin())
                .body(Map.of("slug", slug, "name", "ETag Mutation Lab", "kind", "OTHER", "aliases", List.of()))
                .post("/api/labs").then().statusCode(201);
        given().contentType("application/json").auth().oauth2(Tokens.admin())
                .body(Map.of("query", "mutation { deleteLab(slug: \"" + slug + "\") }")).post("/graphql")
                .then().statusCode(200).body("errors", nullValue()).header("ETag", nullValue()).header("Cache-Control", nullValue());
        // errors: none with data and errors, none without data; If-None-Match: * is no 304 for them
        for (int i = 0; i < 2; i++) {
            given().queryParam("query", "{ lab(slug: \"nope\") { slug } labs { slug } }").header("If-None-Match", "*").get("/graphql")
                    .then().statusCode(200).body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("NOT_FOUND"))
                    .header("ETag", nullValue()).header("Cache-Control", nullValue());
            given().queryParam("query", "{ labs { slug noSuchField } }").header("If-None-Match", "*").get("/graphql")
                    .then().statusCode(400).header("ETag", nullValue());
        }
        // a request with a token is answered for that caller: not tagged, not public
        given().auth().oauth2(Tokens.reader()).queryParam("query", LABS).get("/graphql").then().statusCode(200)
                .header("ETag", nullValue()).header("Cache-Control", nullValue());
    }

    @Test
    void postResponsesCarryNoTagAndAreNever304() {
        String etag = plain().queryParam("query", LABS).get("/graphql").then().statusCode(200).extract().header("ETag");
        for (String condition : List.of(etag, "*")) {
            for (int i = 0; i < 2; i++) { // a miss, then a hit from the cache
                plain().contentType("application/json").header("If-None-Match", condition).body(Map.of("query", LABS)).post("/graphql")
                        .then().statusCode(200).header("ETag", nullValue()).header("Cache-Control", nullValue())
                        .body("data.labs.slug", hasItem("anthropic"));
            }
        }
    }

    @Test
    void aCachedGetIsAnsweredBeforeTheGuardAndStillRefusesWhatTheGuardRefuses() {
        // a GET hit skips the guard's parsing; what the guard refuses is never kept, so it is refused every time
        for (int i = 0; i < 2; i++) {
            given().queryParam("query", "{ labs { slug ").get("/graphql").then().statusCode(400)
                    .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("GRAPHQL_PARSE_FAILED"));
            given().queryParam("query", LABS).queryParam("variables", "[1]").get("/graphql").then().statusCode(400)
                    .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo("BAD_REQUEST"));
        }
        byte[] body = plain().queryParam("query", LABS).get("/graphql").then().statusCode(200).extract().asByteArray();
        assertTrue(new String(body, StandardCharsets.UTF_8).contains("\"slug\":\"anthropic\""));
        given().queryParam("query", LABS).queryParam("variables", "[1]").get("/graphql").then().statusCode(400)
                .body("$", not(org.hamcrest.Matchers.hasKey("data")));
    }
}
