package org.labledger.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.labledger.security.Tokens;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live updates: {@code GET /api/changes/stream} (server-sent events) and the GraphQL subscription {@code changes}
 * push each committed change, filtered by lab and type; the number of subscribers is bounded.
 */
@QuarkusTest
class ChangeStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ChangeStream stream;
    @Inject
    Vertx vertx;

    private static URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + RestAssured.port + pathAndQuery);
    }

    /** An open event stream: its lines arrive in {@link #lines}. */
    private static final class Sse implements AutoCloseable {
        final HttpResponse<Stream<String>> response;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();

        Sse(String query) throws Exception {
            response = client.send(HttpRequest.newBuilder(uri(ChangeStream.PATH + query)).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() == 200) {
                Thread t = new Thread(() -> {
                    try {
                        response.body().forEach(lines::add);
                    } catch (RuntimeException closed) {
                        // the stream was closed
                    }
                });
                t.setDaemon(true);
                t.start();
            }
        }

        /** The data of the next change event whose data satisfies the predicate, within the timeout. */
        JsonNode next(java.util.function.Predicate<JsonNode> wanted, long seconds) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            boolean change = false;
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (line.equals("event: change")) {
                    change = true;
                } else if (change && line.startsWith("data: ")) {
                    change = false;
                    JsonNode data = JSON.readTree(line.substring(6));
                    if (wanted.test(data)) {
                        return data;
                    }
                }
            }
            return null;
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    private static void createLab(String slug) {
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.admin())
                .body(Map.of("slug", slug, "name", "Stream " + slug, "kind", "OTHER", "aliases", List.of()))
                .post("/api/labs").then().statusCode(201);
    }

    private static void deleteLab(String slug) {
        given().auth().oauth2(Tokens.admin()).delete("/api/labs/" + slug).then().statusCode(204);
    }

    private void awaitNoSubscribers() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stream.open() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, stream.open(), "closed streams are no longer counted");
    }

    @Test
    void theEventStreamPushesEachCommittedChangeOfTheLabAskedFor() throws Exception {
        String mine = "sse-lab-" + System.nanoTime();
        String other = "sse-other-" + System.nanoTime();
        // the type in the spelling /api/changes?entity= uses (LAB): the table name in any case
        try (Sse sse = new Sse("?lab=" + mine + "&type=LAB")) {
            assertEquals(200, sse.response.statusCode());
            assertTrue(sse.response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            createLab(other);
            createLab(mine);
            JsonNode data = sse.next(d -> d.path("labs").toString().contains(mine), 10);
            assertNotNull(data, "the change of the lab asked for arrives");
            assertEquals("lab", data.path("type").asText());
            assertEquals(mine, data.path("key").asText());
            assertTrue(data.path("version").asLong() > 0);
            assertEquals(List.of("INSERT"), List.of(data.path("ops").get(0).asText()));
            deleteLab(mine);
            JsonNode deleted = sse.next(d -> d.path("ops").toString().contains("DELETE"), 10);
            assertNotNull(deleted, "a delete is announced too");
            assertTrue(deleted.path("version").asLong() > data.path("version").asLong());
            // nothing of the other lab came through the filter, and heartbeats keep the stream open
            List<String> seen = new ArrayList<>(sse.lines);
            assertTrue(seen.stream().noneMatch(l -> l.contains(other)), "filtered out: " + seen);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (sse.lines.stream().noneMatch(l -> l.equals(": heartbeat")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(sse.lines.stream().anyMatch(l -> l.equals(": heartbeat")), "heartbeat comments");
        } finally {
            deleteLab(other);
        }
        awaitNoSubscribers();
    }

    @Test
    void subscribersAreBoundedAndBadFiltersRefused() throws Exception {
        awaitNoSubscribers();
        given().get(ChangeStream.PATH + "?labs=x").then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400));
        given().get(ChangeStream.PATH + "?lab=" + "x".repeat(101)).then().statusCode(400);
        // a filter that could match nothing: not a slug, not a table name
        given().get(ChangeStream.PATH + "?lab=Not%20A%20Slug").then().statusCode(400).body("errors[0].field", equalTo("lab"));
        given().get(ChangeStream.PATH + "?type=la-b").then().statusCode(400).body("errors[0].field", equalTo("type"));
        List<Sse> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) { // %test.labledger.changes.max-subscribers=4
                Sse s = new Sse("");
                assertEquals(200, s.response.statusCode());
                open.add(s);
            }
            HttpResponse<InputStream> refused = java.net.http.HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri(ChangeStream.PATH)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(503, refused.statusCode());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            refused.body().close();
        } finally {
            open.forEach(Sse::close);
        }
        awaitNoSubscribers();
        try (Sse again = new Sse("")) {
            assertEquals(200, again.response.statusCode(), "room again once the others closed");
        }
        awaitNoSubscribers();
    }

    @Test
    void theGraphQLSubscriptionPushesChangesOverWebSocket() throws Exception {
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        HttpClient client = vertx.createHttpClient();
        String slug = "ws-lab-" + System.nanoTime();
        try {
            WebSocket ws = client.webSocket(new WebSocketConnectOptions().setHost("localhost").setPort(RestAssured.port)
                            .setURI("/graphql").addSubProtocol("graphql-transport-ws"))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ws.textMessageHandler(m -> {
                try {
                    messages.add(JSON.readTree(m));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ws.writeTextMessage("{\"type\":\"connection_init\"}");
            JsonNode ack = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(ack);
            assertEquals("connection_ack", ack.path("type").asText());
            ws.writeTextMessage(JSON.writeValueAsString(Map.of("id", "1", "type", "subscribe", "payload",
                    Map.of("query", "subscription { changes(labs: [\"" + slug + "\"], types: [\"lab\"]) { version type key labs ops more } }"))));
            // and one without its filters: "absent: all" (the arguments are optional in the schema)
            ws.writeTextMessage(JSON.writeValueAsString(Map.of("id", "2", "type", "subscribe", "payload",
                    Map.of("query", "subscription { changes { type key } }"))));
            Thread.sleep(500); // the subscriptions are in place before the write
            createLab(slug);
            JsonNode next = null;
            JsonNode unfiltered = null;
            List<JsonNode> other = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((next == null || unfiltered == null) && System.nanoTime() < deadline) {
                JsonNode m = messages.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && "next".equals(m.path("type").asText()) && "1".equals(m.path("id").asText())) {
                    next = m;
                } else if (m != null && "next".equals(m.path("type").asText()) && "2".equals(m.path("id").asText())
                        && slug.equals(m.path("payload").path("data").path("changes").path("key").asText())) {
                    unfiltered = m;
                } else if (m != null) {
                    other.add(m);
                }
            }
            assertNotNull(next, "a change arrives over the subscription; got " + other);
            assertNotNull(unfiltered, "and over the one without filters; got " + other);
            JsonNode change = next.path("payload").path("data").path("changes");
            assertEquals("lab", change.path("type").asText(), next.toString());
            assertEquals(slug, change.path("key").asText());
            assertEquals(slug, change.path("labs").get(0).asText());
            assertTrue(change.path("version").asLong() > 0);
            ws.writeTextMessage("{\"id\":\"1\",\"type\":\"complete\"}");
            ws.writeTextMessage("{\"id\":\"2\",\"type\":\"complete\"}");
            ws.close();
        } finally {
            client.close();
            deleteLab(slug);
        }
    }
}
