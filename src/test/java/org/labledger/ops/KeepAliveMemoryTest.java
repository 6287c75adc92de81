package org.labledger.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A keep-alive connection holds nothing of the requests it has been answered: the idle guard (which keeps the idle
 * timeout from cutting a request in processing) once kept every GraphQL request of a connection, with its routing
 * context and request scope, until the connection closed, because Quarkus' GraphQL handler replaces the response's
 * end handler. Under load that was a live set of hundreds of MB and young-GC pauses of 20–260 ms. The gauge
 * {@code labledger.http.requests.processing} counts what the guard holds.
 */
@QuarkusTest
class KeepAliveMemoryTest {

    static final Pattern GAUGE = Pattern.compile("(?m)^labledger_http_requests_processing(?:\\{[^}]*})? ([0-9.eE+-]+)$");

    static double processing() {
        String metrics = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = GAUGE.matcher(metrics);
        assertTrue(m.find(), "the gauge labledger_http_requests_processing is in /q/metrics");
        return Double.parseDouble(m.group(1));
    }

    @Test
    void requestsAnsweredOnAKeptAliveConnectionAreForgotten() throws Exception {
        double before = processing();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI graphql = URI.create("http://localhost:" + RestAssured.port + "/graphql");
        URI rest = URI.create("http://localhost:" + RestAssured.port + "/api/labs");
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> g = client.send(HttpRequest.newBuilder(graphql).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ labs { slug } }\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, g.statusCode(), g.body());
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(rest).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
        }
        // the client's connection is still open (kept alive in its pool): 60 answered requests on it, none held;
        // the metrics request itself is the one in processing
        double after = processing();
        assertTrue(after <= before + 1, "requests held after 60 answered on one connection: " + after + " (before: " + before + ")");
    }
}
