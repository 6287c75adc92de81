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
        assertTrue(atom.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"" + BASE + "/api/changes.atom\"/>"), atom);
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

    // --- problems for what the HTTP layer refuses ---

    /** Sends raw bytes (the body possibly from another thread, so that an early answer is read meanwhile) and reads the answer. */
    static String raw(byte[] head, byte[] body, int timeoutMs) throws Exception {
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            s.setSoTimeout(timeoutMs);
            OutputStream out = s.getOutputStream();
            out.write(head);
            out.flush();
            Thread sender = null;
            if (body != null) {
                sender = new Thread(() -> {
                    try {
                        out.write(body);
                        out.flush();
                    } catch (IOException e) {
                        // the server answered early and closed: expected when the body is refused
                    }
                });
                sender.start();
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                    if (complete(got.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (SocketException e) {
                // a reset after the answer
            }
            if (sender != null) {
                sender.interrupt();
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    /** Whether a response with a Content-Length has arrived in full. */
    private static boolean complete(String r) {
        int end = r.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(r.substring(0, end));
        return m.find() && r.length() - end - 4 >= Integer.parseInt(m.group(1));
    }

    static byte[] chunked(int total) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] chunk = " ".repeat(8192).getBytes(StandardCharsets.US_ASCII);
        for (int sent = 0; sent < total; sent += chunk.length) {
            b.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(chunk);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private static void isProblem(String response, int status, String detail) {
        assertTrue(response.startsWith("HTTP/1.1 " + status + " "), response);
        assertTrue(response.toLowerCase().contains("content-type: application/problem+json"), response);
        assertTrue(response.contains("\"status\":" + status), response);
        assertTrue(response.contains(detail), response);
        assertTrue(response.toLowerCase().contains("x-content-type-options: nosniff"), response);
    }

    @Test
    void aRequestWithoutHostIsA400Problem() throws Exception {
        String r = raw("GET /api/labs HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII), null, 10_000);
        isProblem(r, 400, "Host");
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413Problem() throws Exception {
        // REST: quarkus.http.limits.max-body-size (10240K)
        String head = "POST /api/imports/dataset HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Tokens.admin()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        isProblem(raw(head.getBytes(StandardCharsets.US_ASCII), chunked(11 * 1024 * 1024), 20_000), 413, "10485760 bytes");
        // GraphQL: 256 KB, with and without a trailing slash
        for (String path : List.of("/graphql", "/graphql/")) {
            String g = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
            isProblem(raw(g.getBytes(StandardCharsets.US_ASCII), chunked(300 * 1024), 20_000), 413, "262144 bytes");
        }
    }

    @Test
    void aChunkedBodyWithinTheLimitIsServed() throws Exception {
        String query = "{\"query\": \"{ lab(slug: \\\"anthropic\\\") { slug } }\"}";
        byte[] q = query.getBytes(StandardCharsets.UTF_8);
        String body = Integer.toHexString(q.length) + "\r\n" + query + "\r\n0\r\n\r\n";
        String r = raw(("POST /graphql/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body.getBytes(StandardCharsets.UTF_8), 20_000);
        assertTrue(r.startsWith("HTTP/1.1 200 "), r);
        assertTrue(r.contains("\"slug\":\"anthropic\""), r);
        // and a REST write with a chunked JSON body (validation answers: the body was read)
        String json = "{}";
        String rest = raw(("POST /api/topics HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Tokens.curator()
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                ("2\r\n" + json + "\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII), 20_000);
        assertTrue(rest.startsWith("HTTP/1.1 400 "), rest);
        assertTrue(rest.contains("is required"), rest);
    }

    @Test
    void anOversizedBodyOnGraphQLWithATrailingSlashIsA413Problem() {
        for (String path : List.of("/graphql", "/graphql/")) {
            given().contentType("application/json").body("{\"query\": \"{ labs { slug } }" + " ".repeat(300_000) + "\"}")
                    .when().post(path).then().statusCode(413).contentType("application/problem+json")
                    .body("status", equalTo(413)).body("detail", containsString("262144 bytes"))
                    .header("X-Content-Type-Options", "nosniff");
        }
    }

    // --- timeouts ---

    /** quarkus.http.idle-timeout in the test profile. */
    static final long IDLE_MS = 2_000;

    @Test
    void aHalfSentRequestHeaderIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write("GET /api/labs HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            long start = System.nanoTime();
            int read;
            try {
                read = s.getInputStream().read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept a half-sent request open for 20 s", e);
            } catch (SocketException e) {
                read = -1; // reset: closed too
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(-1, read, "the server closes the connection without answering");
            assertTrue(ms < IDLE_MS + 3_000, "closed within the idle timeout (" + ms + " ms)");
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedToo() throws Exception {
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!complete(got.toString(StandardCharsets.ISO_8859_1))) {
                int n = in.read(buf);
                assertTrue(n > 0, "an answer");
                got.write(buf, 0, n);
            }
            assertTrue(got.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200"), got.toString());
            long start = System.nanoTime();
            int read;
            try {
                read = in.read();
            } catch (SocketException e) {
                read = -1;
            }
            assertEquals(-1, read);
            assertTrue((System.nanoTime() - start) / 1_000_000 < IDLE_MS + 3_000);
        }
    }

    @Test
    void aNormalRequestStillWorks() {
        when().get("/api/labs").then().statusCode(200).body("items.slug", org.hamcrest.Matchers.hasItem("anthropic"))
                .header("X-Content-Type-Options", "nosniff");
    }
}
