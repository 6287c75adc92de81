package org.labledger.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.labledger.security.Tokens;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behind a reverse proxy (labledger.http.proxy.enabled=true, the test client on 127.0.0.1 being the trusted proxy):
 * X-Forwarded-Proto/-Host change the absolute URLs sent (Link, Location, the Atom feed's links); the Atom ids stay
 * those of the configured public base URL. {@link ProxyHeadersOffTest}: off (the default), they change nothing.
 */
@QuarkusTest
@TestProfile(ProxyHeadersTest.BehindProxy.class)
class ProxyHeadersTest {

    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("labledger.http.proxy.enabled", "true", "labledger.http.public-base-url", "https://ledger.example.org/data");
        }
    }

    static RequestSpecification forwarded() {
        return given().header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "proxy.example.net");
    }

    static String links(io.restassured.response.ExtractableResponse<?> r) {
        return String.join(", ", r.headers().getValues("Link"));
    }

    @Test
    void forwardedHeadersMakeTheLinks() {
        String links = links(forwarded().when().get("/api/questions?size=10").then().statusCode(200).extract());
        // scheme and host from the proxy, the path prefix from the configured base
        assertTrue(links.contains("<https://proxy.example.net/data/api/questions?size=10&page=1>; rel=\"next\"")
                || links.contains("<https://proxy.example.net/data/api/questions?page=1&size=10>; rel=\"next\""), links);
        // without forwarded headers: the request as it reached the server
        String direct = links(given().when().get("/api/questions?size=10").then().extract());
        assertTrue(direct.contains("://localhost:"), direct);

        String location = forwarded().contentType(ContentType.JSON).auth().oauth2(Tokens.curator())
                .body(Map.of("slug", "proxy-topic", "name", "Proxy topic")).post("/api/topics").then().statusCode(201).extract().header("Location");
        try {
            assertEquals("https://proxy.example.net/data/api/topics/proxy-topic", location);
        } finally {
            given().auth().oauth2(Tokens.admin()).delete("/api/topics/proxy-topic").then().statusCode(204);
        }
    }

    @Test
    void atomLinksFollowTheProxyButIdsDoNot() {
        String feed = forwarded().when().get("/api/changes.atom").then().statusCode(200).extract().asString();
        assertTrue(feed.contains("<id>https://ledger.example.org/data/api/changes.atom</id>"), feed);
        assertTrue(feed.contains("rel=\"self\" type=\"application/atom+xml\" href=\"https://proxy.example.net/data/api/changes.atom\""), feed);
        String other = given().header("X-Forwarded-Host", "other.example").when().get("/api/changes.atom").then().extract().asString();
        assertEquals(AtomFeedTestIds.ids(feed), AtomFeedTestIds.ids(other));
    }

    /** The ids of a feed, as text. */
    static final class AtomFeedTestIds {
        static java.util.List<String> ids(String feed) {
            return java.util.regex.Pattern.compile("<id>([^<]*)</id>").matcher(feed).results().map(m -> m.group(1)).toList();
        }
    }
}
