package org.labledger.stream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.labledger.security.JwtKeys;
import org.labledger.security.Tokens;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two service instances, two OS processes, one database: the packaged jar that {@link QuarkusIntegrationTest} starts
 * (the writer) and a second copy of the same jar started here on a free port (the replica). The replica's cache is
 * warmed with anonymous GETs, a write goes through the writer's API, and the replica must serve it within the
 * fallback interval ({@code labledger.changes.check-interval}) plus a small slack — once with LISTEN on (the
 * notification is normally the fast path) and once with {@code labledger.changes.listen=false}, where only the periodic
 * check can bring the replica up to date, which is what proves the bound. The measured delays are printed.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(JwtKeys.class)
class TwoProcessFreshnessIT {

    /** Starting a JVM on a busy 2-core machine may be slow: generous. Freshness, once both run, is strict. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    static final long SLACK_MS = 1500;

    static Duration interval() {
        return ConfigProvider.getConfig().getOptionalValue("labledger.changes.check-interval", Duration.class)
                .orElse(Duration.ofSeconds(1));
    }

    @Test
    void aReplicaListeningServesTheWriteWithinTheFallbackInterval() throws Exception {
        try (Replica replica = Replica.start(true)) {
            check(replica, "listening");
        }
    }

    @Test
    void aReplicaNotListeningServesTheWriteWithinTheFallbackInterval() throws Exception {
        try (Replica replica = Replica.start(false)) {
            check(replica, "not listening");
        }
    }

    private static void check(Replica replica, String label) throws Exception {
        long bound = interval().toMillis() + SLACK_MS;
        String path = "/api/labs/anthropic";
        String original = given().get(path).then().statusCode(200).extract().path("name");
        try {
            // REST: the replica's cached read (the second GET is a cache hit: same body), then a write on the writer
            String cached = replica.spec().get(path).then().statusCode(200).extract().path("name");
            assertEquals(original, cached, "the replica reads the writer's database");
            assertEquals(cached, replica.spec().get(path).then().statusCode(200).extract().path("name"));
            String value = original + " (" + label + ")";
            long committed = rename(value);
            long rest = awaitOnReplica(committed, () -> replica.spec().get(path).then().statusCode(200).extract().path("name"), value);
            System.out.printf("two-process replica lag (%s): REST %d ms (bound %d ms)%n", label, rest, bound);
            assertTrue(rest <= bound, "the replica served stale REST data for " + rest + " ms, bound " + bound + " ms");

            // GraphQL, cached as well
            String query = "{ lab(slug: \"anthropic\") { name } }";
            Map<String, String> body = Map.of("query", query);
            String before = replica.spec().contentType(ContentType.JSON).body(body).post("/graphql").then().statusCode(200).extract().path("data.lab.name");
            assertEquals(value, before);
            assertEquals(before, replica.spec().contentType(ContentType.JSON).body(body).post("/graphql").then().extract().path("data.lab.name"));
            String value2 = original + " (" + label + ", GraphQL)";
            long committed2 = rename(value2);
            long graphql = awaitOnReplica(committed2, () -> replica.spec().contentType(ContentType.JSON).body(body).post("/graphql")
                    .then().statusCode(200).extract().path("data.lab.name"), value2);
            System.out.printf("two-process replica lag (%s): GraphQL %d ms (bound %d ms)%n", label, graphql, bound);
            assertTrue(graphql <= bound, "the replica served stale GraphQL data for " + graphql + " ms, bound " + bound + " ms");
        } finally {
            rename(original);
        }
    }

    /** Renames the lab through the writer's API (admin, If-Match); answers System.nanoTime() when the write returned. */
    private static long rename(String name) {
        String tag = given().get("/api/labs/anthropic").then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(Tokens.admin()).contentType("application/merge-patch+json").header("If-Match", tag)
                .body(Map.of("name", name)).patch("/api/labs/anthropic").then().statusCode(200);
        return System.nanoTime();
    }

    /** Reads on the replica until it shows {@code expected}; the delay from the commit in ms (fails after 15 s). */
    private static long awaitOnReplica(long committed, java.util.concurrent.Callable<String> read, String expected) throws Exception {
        long deadline = committed + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (expected.equals(read.call())) {
                return (System.nanoTime() - committed) / 1_000_000;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the replica never served " + expected);
    }

    /** The second instance: the packaged jar in a process of its own, killed on close (and at JVM exit at the latest). */
    static final class Replica implements AutoCloseable {
        final Process process;
        final int port;
        final Thread hook;
        final Path log;

        private Replica(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
            this.hook = new Thread(process::destroyForcibly, "kill-replica-" + port);
            Runtime.getRuntime().addShutdownHook(hook);
        }

        RequestSpecification spec() {
            return given().baseUri("http://localhost").port(port);
        }

        static Replica start(boolean listen) throws Exception {
            Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
            assertTrue(Files.exists(jar), "the packaged jar is built before the ITs: " + jar.toAbsolutePath());
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m",
                    "-Dquarkus.profile=test",
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.http.test-port=" + port,
                    // the writer owns the schema and the seeds: the replica only reads them
                    "-Dquarkus.flyway.clean-at-start=false",
                    "-Dlabledger.seed.import-on-start=false",
                    "-Dlabledger.changes.listen=" + listen,
                    "-Dmp.jwt.verify.publickey.location=" + Path.of("target", "test-jwt", "public.pem").toAbsolutePath()));
            // the same database as the writer: same jar, same profile, same environment (_TEST_QUARKUS_DATASOURCE_JDBC_URL)
            cmd.add("-jar");
            cmd.add(jar.toAbsolutePath().toString());
            Path log = Files.createTempFile(Path.of("target"), "replica-" + port + "-", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).directory(new File(".")).start();
            Replica r = new Replica(p, port, log);
            try {
                r.awaitReady();
            } catch (Throwable t) {
                r.close();
                throw t;
            }
            return r;
        }

        private void awaitReady() throws Exception {
            long started = System.nanoTime();
            long deadline = started + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("the replica exited with " + process.exitValue() + ":\n" + tail());
                }
                try {
                    HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + port + "/q/health/ready").toURL().openConnection();
                    c.setConnectTimeout(1000);
                    c.setReadTimeout(5000);
                    if (c.getResponseCode() == 200) {
                        System.out.printf("replica on port %d ready after %d ms%n", port, (System.nanoTime() - started) / 1_000_000);
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new AssertionError("the replica was not ready within " + START_TIMEOUT + ":\n" + tail());
        }

        private String tail() throws IOException {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }
}
