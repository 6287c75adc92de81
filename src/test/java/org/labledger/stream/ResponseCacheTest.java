package org.labledger.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labledger.security.Tokens;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The response cache: a repeated anonymous read is served without a single SQL statement, a conditional one is
 * answered 304 without one, a committed write is visible on the next read, and what comes back is what went out
 * (status, body, ETag, Content-Type, Link, X-Total-Count). Statement counts from Hibernate's statistics (on in tests).
 */
@QuarkusTest
class ResponseCacheTest {

    static final String LABS_QUERY = "{ labs { slug name } }";

    @Inject
    SessionFactory sessionFactory;
    @Inject
    MeterRegistry registry;
    @Inject
    ResponseCache cache;

    @BeforeEach
    void empty() {
        cache.clear();
    }

    private long statements() {
        return sessionFactory.getStatistics().getPrepareStatementCount();
    }

    private double count(String result) {
        return registry.get("labledger.response.cache.requests").tag("result", result).counter().count();
    }

    @Test
    void aRepeatedReadRunsNoQueryAndIsTheSameResponse() {
        assertTrue(sessionFactory.getStatistics().isStatisticsEnabled());
        Response first = given().get("/api/labs?size=5&page=1");
        first.then().statusCode(200);
        double hits = count("hit");
        long before = statements();
        // the same request, its parameters in another order
        Response second = given().get("/api/labs?page=1&size=5");
        assertEquals(before, statements(), "a hit runs no SQL statement");
        assertEquals(hits + 1, count("hit"));
        second.then().statusCode(200);
        assertArrayEquals(first.asByteArray(), second.asByteArray());
        for (String h : List.of("ETag", "Content-Type", "Cache-Control", "Link", "X-Total-Count")) {
            assertNotNull(first.header(h), h);
            assertEquals(first.header(h), second.header(h), h);
        }
        assertNotNull(second.header("X-Request-Id"), "per-request headers are made again");
        assertTrue(!first.header("X-Request-Id").equals(second.header("X-Request-Id")));

        // another Accept is another representation (CSV), another entry
        for (int i = 0; i < 2; i++) {
            given().accept("text/csv").get("/api/answers?size=5").then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"));
            given().accept("application/json").get("/api/answers?size=5").then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/json"));
        }
    }

    @Test
    void aConditionalReadIsAnswered304WithoutAQuery() {
        String etag = given().get("/api/labs/anthropic").then().statusCode(200).extract().header("ETag");
        long before = statements();
        double notModified = count("not_modified");
        given().header("If-None-Match", etag).get("/api/labs/anthropic").then().statusCode(304).header("ETag", etag);
        // the weak form validates too (RFC 9110 weak comparison, as HttpCaching)
        String other = etag.startsWith("W/") ? etag.substring(2) : "W/" + etag;
        given().header("If-None-Match", other).get("/api/labs/anthropic").then().statusCode(304);
        assertEquals(before, statements(), "no SQL statement for a 304 from the cache");
        assertEquals(notModified + 2, count("not_modified"));
        given().header("If-None-Match", "\"something-else\"").get("/api/labs/anthropic").then().statusCode(200).header("ETag", etag);
    }

    @Test
    void aConditionalReadThatMissesFillsTheCache() {
        String q = "{ labs { slug name } }";
        for (String[] r : List.of(new String[] {"/api/labs/openai", null}, new String[] {"/graphql", q})) {
            io.restassured.specification.RequestSpecification plain = r[1] == null ? given() : given().queryParam("query", r[1]);
            String etag = plain.get(r[0]).then().statusCode(200).extract().header("ETag");
            assertNotNull(etag, r[0]);
            cache.clear();
            // a client that only revalidates: the miss is answered 304 by the cache, from a full answer it now keeps
            io.restassured.specification.RequestSpecification conditional = r[1] == null ? given() : given().queryParam("query", r[1]);
            Response notModified = conditional.header("If-None-Match", etag).get(r[0]);
            notModified.then().statusCode(304).header("ETag", etag);
            assertEquals(0, notModified.asByteArray().length, "a 304 has no body");
            double hits = count("hit") + count("not_modified");
            long before = statements();
            io.restassured.specification.RequestSpecification again = r[1] == null ? given() : given().queryParam("query", r[1]);
            again.header("If-None-Match", etag).get(r[0]).then().statusCode(304);
            io.restassured.specification.RequestSpecification full = r[1] == null ? given() : given().queryParam("query", r[1]);
            full.get(r[0]).then().statusCode(200).header("ETag", etag);
            assertEquals(hits + 2, count("hit") + count("not_modified"), "both answered from the entry: " + r[0]);
            assertEquals(before, statements(), "no SQL statement once the entry is kept: " + r[0]);
        }
    }

    @Test
    void compressedResponsesKeepTheirWeakTag() {
        Response first = given().header("Accept-Encoding", "gzip").get("/api/labs/openai");
        Response second = given().header("Accept-Encoding", "gzip").get("/api/labs/openai");
        first.then().statusCode(200).header("Content-Encoding", "gzip");
        second.then().statusCode(200).header("Content-Encoding", "gzip");
        assertTrue(first.header("ETag").startsWith("W/\""), first.header("ETag"));
        assertEquals(first.header("ETag"), second.header("ETag"));
        assertEquals(first.asString(), second.asString());
        // uncompressed: a strong tag, its own entry, twice the same
        for (int i = 0; i < 2; i++) {
            Response plain = given().config(io.restassured.RestAssured.config()
                            .decoderConfig(io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders()))
                    .header("Accept-Encoding", "identity").get("/api/labs/openai");
            plain.then().statusCode(200);
            assertEquals(null, plain.header("Content-Encoding"));
            assertEquals(first.header("ETag").substring(2), plain.header("ETag"));
        }
    }

    @Test
    void aCommittedWriteIsSeenByTheNextRead() {
        String slug = "cache-lab-" + System.nanoTime();
        given().get("/api/labs?size=200").then().statusCode(200).body("items.slug", not(hasItem(slug)));
        given().get("/api/labs?size=200").then().statusCode(200);
        String etag = given().get("/api/labs?size=200").then().extract().header("ETag");
        try {
            given().contentType(ContentType.JSON).auth().oauth2(Tokens.admin())
                    .body(Map.of("slug", slug, "name", "Cache Lab", "kind", "OTHER", "aliases", List.of()))
                    .post("/api/labs").then().statusCode(201);
            given().get("/api/labs?size=200").then().statusCode(200).body("items.slug", hasItem(slug));
            given().header("If-None-Match", etag).get("/api/labs?size=200").then().statusCode(200);
        } finally {
            given().auth().oauth2(Tokens.admin()).delete("/api/labs/" + slug).then().statusCode(204);
        }
        given().get("/api/labs?size=200").then().statusCode(200).body("items.slug", not(hasItem(slug)));
    }

    @Test
    void authorisedRequestsAreNeverCached() {
        given().get("/api/labs/meta").then().statusCode(200);
        long before = statements();
        given().auth().oauth2(Tokens.reader()).get("/api/labs/meta").then().statusCode(200);
        assertTrue(statements() > before, "a request with Authorization runs its query");
        for (String directive : List.of("no-cache", "no-store")) {
            long b = statements();
            given().header("Cache-Control", directive).get("/api/labs/meta").then().statusCode(200);
            assertTrue(statements() > b, "Cache-Control: " + directive + " is answered by the origin");
        }
    }

    @Test
    void graphQLQueriesAreCachedAndMutationsAndLimitsAreNot() {
        String first = given().contentType("application/json").body(Map.of("query", LABS_QUERY)).post("/graphql")
                .then().statusCode(200).extract().asString();
        long before = statements();
        double hits = count("hit");
        // the same request, byte for byte: a hit, answered before the guard parses anything
        Response second = given().contentType("application/json").body(Map.of("query", LABS_QUERY)).post("/graphql");
        assertEquals(before, statements(), "a cached GraphQL query runs no SQL statement");
        assertEquals(hits + 1, count("hit"));
        second.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/graphql-response+json"));
        assertEquals(first, second.asString(), "the kept body is SmallRye's rendering, byte for byte");
        // other whitespace in the JSON envelope is another raw request: its own entry (no JSON is parsed for a lookup),
        // the same answer, and a hit when it is repeated
        String spaced = "{ \"query\" : \"" + LABS_QUERY + "\" }";
        assertEquals(first, given().contentType("application/json").body(spaced).post("/graphql").then().statusCode(200).extract().asString());
        assertTrue(statements() > before, "a new raw request runs");
        long beforeRepeat = statements();
        assertEquals(first, given().contentType("application/json").body(spaced).post("/graphql").then().statusCode(200).extract().asString());
        assertEquals(beforeRepeat, statements());
        // the Content-Type is in the key: application/graphql with the same text is its own request, with its own checks
        given().contentType("text/plain").body(Map.of("query", LABS_QUERY).toString()).post("/graphql").then().statusCode(415);
        // GET /graphql too
        String get = given().queryParam("query", LABS_QUERY).get("/graphql").then().statusCode(200).extract().asString();
        assertEquals(first, get);
        long beforeGet = statements();
        assertEquals(first, given().queryParam("query", LABS_QUERY).get("/graphql").then().statusCode(200).extract().asString());
        assertEquals(beforeGet, statements());

        // the cost limits still refuse, every time (an error is never kept)
        String costly = "{ labs { answerPage(size: 200) { items { question { answers { lab { answerPage(size: 200) { items { status } } } } } } } } }";
        for (int i = 0; i < 2; i++) {
            given().contentType("application/json").body(Map.of("query", costly)).post("/graphql").then().statusCode(400);
        }
        // a mutation is executed every time: unauthenticated, refused each time by its resolver, never from a cache
        String mutation = "mutation { deleteLab(slug: \"no-such-lab\") }";
        double hitsBefore = count("hit");
        for (int i = 0; i < 2; i++) {
            given().contentType("application/json").body(Map.of("query", mutation)).post("/graphql").then()
                    .body("errors.size()", org.hamcrest.Matchers.greaterThan(0));
        }
        assertEquals(hitsBefore, count("hit"), "no mutation answered from the cache");
    }

    private double requestsUnder(String uri) {
        return registry.find("http.server.requests").tag("uri", uri).timers().stream().mapToLong(t -> t.count()).sum();
    }

    /** The count once it has not moved for 200 ms: a response's timer stops after the client has read it. */
    private double settledRequestsUnder(String uri) {
        double last = requestsUnder(uri);
        for (int i = 0; i < 20; i++) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            double now = requestsUnder(uri);
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    @Test
    void aHitIsCountedUnderItsPathTemplateWithTheSameHeaders() {
        // hits are answered before Quarkus REST maps the path to its template; the entry carries the template, so that
        // http_server_requests counts them under /api/labs/{slug} like the miss, not one time series per raw path
        // the timer of a request is stopped after its response has reached the client: wait for earlier ones to land
        double templated = settledRequestsUnder("/api/labs/{slug}");
        Response miss = given().get("/api/labs/google-deepmind");
        miss.then().statusCode(200);
        double hits = count("hit");
        Response hit = null;
        for (int i = 0; i < 3; i++) {
            hit = given().get("/api/labs/google-deepmind");
            hit.then().statusCode(200);
        }
        assertEquals(hits + 3, count("hit"));
        // the timer is stopped as the response ends: give the event loop a moment to record the last one
        long deadline = System.currentTimeMillis() + 2000;
        while (requestsUnder("/api/labs/{slug}") < templated + 4 && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(templated + 4, settledRequestsUnder("/api/labs/{slug}"), "the miss and each hit counted under the path template");
        assertEquals(0, requestsUnder("/api/labs/google-deepmind"), "no time series for the raw path");
        // the configured headers (quarkus.http.header) once, as on the miss
        for (String h : List.of("X-Content-Type-Options", "ETag", "Cache-Control", "Vary", "Content-Type")) {
            assertEquals(1, miss.headers().getValues(h).size(), h + " once on the miss");
            assertEquals(miss.headers().getValues(h), hit.headers().getValues(h), h);
        }
        assertEquals(1, hit.headers().getValues("X-Request-Id").size(), "a request id of its own");
    }

    @Test
    void aGetThatDeclaresABodyIsPassedOnUncached() {
        // nothing before Quarkus REST reads a GET's body, so such a request is never answered from an entry
        given().get("/api/labs/openai").then().statusCode(200);
        double bypassed = count("bypass");
        double hits = count("hit");
        long before = statements();
        given().contentType("text/plain").body("ignored").get("/api/labs/openai").then().statusCode(200);
        assertEquals(bypassed + 1, count("bypass"));
        assertEquals(hits, count("hit"));
        assertTrue(statements() > before, "answered by the origin");
    }

    @Test
    void metricsShowTheCache() {
        given().get("/api/labs/anthropic");
        given().get("/api/labs/anthropic");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("labledger_response_cache_requests_total{result=\"hit\"}"), "hit counter");
        assertTrue(metrics.contains("labledger_response_cache_requests_total{result=\"miss\"}"), "miss counter");
        assertTrue(metrics.contains("cache_evictions_total{cache=\"labledger.responses\""), "evictions");
    }
}
