package org.labledger.ops;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proxy headers off (the default): X-Forwarded-* and Host change no absolute URL; all come from the public base URL. */
@QuarkusTest
class ProxyHeadersOffTest {

    @Test
    void forwardedHeadersAreIgnored() {
        String plain = ProxyHeadersTest.links(given().when().get("/api/questions?size=10").then().statusCode(200).extract());
        String forwarded = ProxyHeadersTest.links(ProxyHeadersTest.forwarded().header("Host", "evil.example")
                .when().get("/api/questions?size=10").then().statusCode(200).extract());
        assertEquals(plain, forwarded);
        assertTrue(plain.contains("<http://localhost:8080/api/questions?"), plain);
        assertFalse(forwarded.contains("proxy.example.net") || forwarded.contains("evil.example"), forwarded);
        String feed = ProxyHeadersTest.forwarded().when().get("/api/changes.atom").then().statusCode(200).extract().asString();
        assertFalse(feed.contains("proxy.example.net"), feed);
        assertTrue(feed.contains("href=\"http://localhost:8080/api/changes.atom\""), feed);
    }
}
