package org.labledger.graphql;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that closes the connection while its GraphQL query runs: the request scope is terminated under the
 * still-running fetcher, which then fails; that is logged at DEBUG ("the client went away"), never as the ERROR
 * "GraphQL data fetching failed" (the bench's wrk abandons requests at the end of each run; no client saw those).
 * The query's root field is held in PostgreSQL by a table lock that a second connection takes and releases after the
 * client left; its nested fields are then fetched for a request that no longer exists.
 */
@QuarkusTest
class GraphQLAbandonedRequestTest {

    @Test
    void aQueryWhoseClientLeftIsNotLoggedAsAnError() throws Exception {
        Logger logger = Logger.getLogger(GraphQLGuards.class.getName());
        Level level = logger.getLevel();
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.setLevel(Level.FINE);
        logger.addHandler(capture);
        Config c = ConfigProvider.getConfig();
        try (Connection lock = DriverManager.getConnection(c.getValue("quarkus.datasource.jdbc.url", String.class),
                c.getValue("quarkus.datasource.username", String.class), c.getValue("quarkus.datasource.password", String.class))) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("lock table answer in access exclusive mode");
            }
            // the answers wait for the lock; their questions are fetched after the client left, in a terminated request scope
            String body = "{\"query\":\"{ answers(filter: {lab: \\\"openai\\\"}, size: 20) { items { status question { key text } } } }\"}";
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
                        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(1_500); // the fetcher is waiting for the lock
            } // the client leaves
            Thread.sleep(500);
            lock.rollback(); // the statement goes on, in a request whose scope has ended
        }
        try {
            LogRecord outcome = null;
            for (int i = 0; i < 100 && outcome == null; i++) {
                for (LogRecord r : records) {
                    if (r.getLevel().intValue() >= Level.WARNING.intValue() || String.valueOf(r.getMessage()).contains("went away")) {
                        outcome = r;
                    }
                }
                Thread.sleep(100);
            }
            assertTrue(outcome != null, "the abandoned request's failure was logged: "
                    + records.stream().map(r -> r.getLevel() + " " + r.getMessage() + " " + r.getThrown()).toList());
            for (LogRecord r : records) {
                assertTrue(r.getLevel().intValue() < Level.WARNING.intValue(), "logged at " + r.getLevel() + ": " + r.getMessage());
            }
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }
        // the service works on
        given().contentType("application/json").body("{\"query\":\"{ topics { slug } }\"}").post("/graphql").then().statusCode(200)
                .body("data.topics.slug", hasItem("governance"));
    }
}
