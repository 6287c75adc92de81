package org.labledger.curation;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labledger.security.Tokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Curators writing at the same moment (found by bench/fault.sh, which runs two writers): creating questions
 * without an ordinal used to fail with 500 for all but one of them (both read the same max(ordinal), the
 * deferred unique constraint failed at commit). Now they are serialised per questionnaire, and a write that
 * still loses a race (the same key created twice at once) is a 409 problem, not a 500.
 */
@QuarkusTest
class ConcurrentWritesTest {

    static final int CLIENTS = 6;

    @TestHTTPResource("/api/questions")
    URI questions;

    private final List<String> created = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        for (String key : created) {
            var r = given().get("/api/questions/" + key);
            if (r.statusCode() == 200) {
                for (Object id : r.jsonPath().getList("answers.id")) {
                    given().auth().oauth2(Tokens.admin()).header("If-Match", "*").delete("/api/answers/" + id);
                }
            }
            given().auth().oauth2(Tokens.admin()).delete("/api/questions/" + key);
        }
    }

    private static String body(String key) {
        return "{\"key\":\"" + key + "\",\"questionnaire\":\"ailabwatch-questions-to-labs\",\"topic\":\"governance\",\"text\":\"concurrent " + key + "\"}";
    }

    private List<HttpResponse<String>> postTogether(List<String> bodies) throws Exception {
        return sendTogether(questions, "POST", null, bodies);
    }

    /** Sends the bodies all at once (released together by a latch); the responses in order. */
    private List<HttpResponse<String>> sendTogether(URI uri, String method, String ifMatch, List<String> bodies) throws Exception {
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(bodies.size())).build();
        String token = Tokens.curator();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
            for (String b : bodies) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        HttpRequest.Builder r = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.ofString(b));
                        if (ifMatch != null) {
                            r.header("If-Match", ifMatch);
                        }
                        return client.send(r.build(), HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            go.countDown();
            List<HttpResponse<String>> out = new ArrayList<>();
            for (var f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCreatesWithoutOrdinalAllSucceedWithDistinctOrdinals() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            created.add("t-conc-q" + i);
            bodies.add(body("t-conc-q" + i));
        }
        List<HttpResponse<String>> responses = postTogether(bodies);
        Set<Integer> ordinals = new HashSet<>();
        for (int i = 0; i < CLIENTS; i++) {
            assertEquals(201, responses.get(i).statusCode(), responses.get(i).body());
            ordinals.add(given().get("/api/questions/" + created.get(i)).then().statusCode(200).extract().jsonPath().getInt("ordinal"));
        }
        assertEquals(CLIENTS, ordinals.size(), "distinct ordinals " + ordinals);
    }

    /**
     * If-Match is checked in the same transaction as the update (the write resources are @Transactional), so
     * of several clients that read the same version and write at once, one wins and the others are told
     * their version is stale: no update is silently lost.
     */
    @Test
    void concurrentUpdatesWithTheSameIfMatchHaveOneWinner() throws Exception {
        created.add("t-conc-answered");
        given().auth().oauth2(Tokens.curator()).contentType("application/json")
                .body("{\"key\":\"t-conc-answered\",\"questionnaire\":\"ailabwatch-questions-to-labs\",\"topic\":\"governance\","
                        + "\"text\":\"concurrent updates\",\"addressedTo\":[\"openai\"],\"reason\":\"test\"}")
                .post("/api/questions").then().statusCode(201);
        int id = given().get("/api/questions/t-conc-answered").then().statusCode(200).extract().jsonPath().getInt("answers[0].id");
        String etag = given().get("/api/answers/" + id).then().statusCode(200).extract().header("ETag");
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            bodies.add("{\"status\":\"PARTIAL\",\"summary\":\"writer " + i + "\",\"reason\":\"test\"}");
        }
        List<HttpResponse<String>> responses = sendTogether(questions.resolve("/api/answers/" + id), "PUT", etag, bodies);
        long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
        for (var r : responses) {
            if (r.statusCode() != 200) {
                // the loser's If-Match no longer matched: whether that was seen before the update or only when its
                // version check failed at flush, the precondition failed (RFC 9110): 412, not 409
                assertEquals(412, r.statusCode(), r.body());
                assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
                assertTrue(r.body().contains("precondition-failed"), r.body());
            }
        }
        assertEquals(1, ok, "exactly one update with If-Match " + etag + " wins");
        assertEquals(1, given().get("/api/answers/" + id + "/history").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.action == 'UPDATE' }").size(), "one UPDATE revision");
    }

    /** The same for the other curated records (here a topic): the losers' precondition failed, 412. */
    @Test
    void concurrentTopicUpdatesWithTheSameIfMatchAreOne200AndOtherwise412() throws Exception {
        given().auth().oauth2(Tokens.curator()).contentType("application/json").body("{\"slug\":\"t-conc-topic\",\"name\":\"concurrent\"}")
                .post("/api/topics").then().statusCode(201);
        try {
            String etag = given().get("/api/topics/t-conc-topic").then().statusCode(200).extract().header("ETag");
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                bodies.add("{\"name\":\"concurrent " + i + "\",\"reason\":\"test\"}");
            }
            List<HttpResponse<String>> responses = sendTogether(questions.resolve("/api/topics/t-conc-topic"), "PUT", etag, bodies);
            List<Integer> statuses = responses.stream().map(HttpResponse::statusCode).sorted().toList();
            List<Integer> expected = new ArrayList<>(java.util.Collections.nCopies(CLIENTS - 1, 412));
            expected.add(0, 200);
            assertEquals(expected, statuses, responses.stream().map(HttpResponse::body).toList().toString());
        } finally {
            given().auth().oauth2(Tokens.admin()).delete("/api/topics/t-conc-topic");
        }
    }

    @Test
    void theSameKeyCreatedConcurrentlyIsOne201AndOtherwise409() throws Exception {
        created.add("t-conc-same");
        List<HttpResponse<String>> responses = postTogether(java.util.Collections.nCopies(CLIENTS, body("t-conc-same")));
        long ok = responses.stream().filter(r -> r.statusCode() == 201).count();
        for (var r : responses) {
            if (r.statusCode() != 201) {
                assertEquals(409, r.statusCode(), r.body());
                assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            }
        }
        assertEquals(1, ok, "exactly one create wins");
    }
}
