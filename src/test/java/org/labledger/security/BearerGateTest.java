package org.labledger.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bearer token is verified whatever the request, reads included (BearerGate): a bad one is answered 401
 * invalid_token before any query runs, as problem+json on REST and as GraphQL errors on /graphql, so it can neither
 * be mistaken for an anonymous read nor be used to get past the response cache; another Authorization scheme is not
 * a credential here and such a request is an anonymous read, from the cache like any other.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeys.class)
class BearerGateTest {

    @Inject
    SessionFactory sessionFactory;
    @Inject
    MeterRegistry registry;

    private long statements() {
        return sessionFactory.getStatistics().getPrepareStatementCount();
    }

    private double cache(String result) {
        return registry.get("labledger.response.cache.requests").tag("result", result).counter().count();
    }

    /** A well-formed token with the right issuer and audience, signed by a key LabLedger does not know. */
    private static String signedByAnotherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
        long now = Instant.now().getEpochSecond();
        jws.setPayload("{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"sub\":\"mallory\",\"groups\":[\"admin\"],"
                + "\"iat\":" + (now - 5) + ",\"exp\":" + (now + 600) + "}");
        jws.setKey(generator.generateKeyPair().getPrivate());
        jws.setAlgorithmHeaderValue(org.jose4j.jws.AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    @Test
    void aBadTokenOnAPublicReadIs401BeforeAnyQuery() throws Exception {
        String expired = Tokens.token("test-reader", Set.of("reader"), Tokens.ISSUER, Tokens.AUDIENCE, Instant.now().minusSeconds(120));
        String otherIssuer = Tokens.token("test-reader", Set.of("reader"), "https://elsewhere.example", Tokens.AUDIENCE, Instant.now().plusSeconds(600));
        Map<String, String> bad = Map.of(
                "not a JWT", "Bearer x",
                "empty", "Bearer ",
                "three parts, garbage", "Bearer a.b.c",
                "signed by another key", "Bearer " + signedByAnotherKey(),
                "expired", "Bearer " + expired,
                "another issuer", "bearer " + otherIssuer,
                "unsigned (alg none)", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYWxsb3J5In0.");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            long before = statements();
            for (String path : List.of("/api/labs", "/api/labs/anthropic", "/api/questions?size=5")) {
                given().header("Authorization", e.getValue()).get(path).then()
                        .statusCode(401).contentType("application/problem+json")
                        .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""))
                        .header("Cache-Control", "no-store").header("X-Request-Id", org.hamcrest.Matchers.notNullValue())
                        .body("status", equalTo(401), "type", equalTo("https://labledger.org/problems/unauthorized"), "instance", equalTo(path.split("\\?")[0]));
            }
            assertEquals(before, statements(), e.getKey() + ": no query runs for a refused token");
        }
    }

    @Test
    void aBadTokenOnGraphQLIsAGraphQLError() {
        for (String accept : List.of("application/json", "application/graphql-response+json")) {
            given().header("Authorization", "Bearer a.b.c").header("Accept", accept).contentType("application/json")
                    .body(Map.of("query", "{ labs { slug } }")).post("/graphql").then()
                    .statusCode(401).contentType(startsWith(accept))
                    .header("WWW-Authenticate", containsString("invalid_token"))
                    .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"), "errors[0].message", containsString("bearer token"));
        }
        // a mutation too: refused before its resolver
        given().header("Authorization", "Bearer a.b.c").contentType("application/json")
                .body(Map.of("query", "mutation { deleteLab(slug: \"no-such-lab\") }")).post("/graphql").then()
                .statusCode(401).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        // and over GET
        given().header("Authorization", "Bearer a.b.c").queryParam("query", "{ labs { slug } }").get("/graphql").then().statusCode(401);
    }

    @Test
    void aValidTokenStillReadsAndWrites() {
        given().auth().oauth2(Tokens.reader()).get("/api/labs/anthropic").then().statusCode(200).body("slug", equalTo("anthropic"));
        // the scheme is case-insensitive (RFC 9110 §11.1)
        given().header("Authorization", "BEARER " + Tokens.reader()).get("/api/labs/anthropic").then().statusCode(200);
        // a curator's write gets past the gate to the resource's own validation: 400 for an empty body, not 401
        given().auth().oauth2(Tokens.curator()).contentType("application/json").body("{}").post("/api/topics").then().statusCode(400);
        // a header the mechanism would not read as this token is refused on a read too, not read 200 and refused on a write
        given().header("Authorization", "Bearer  " + Tokens.reader()).get("/api/labs/anthropic").then().statusCode(401);
        given().header("Authorization", "Bearer  " + Tokens.curator()).contentType("application/json").body("{}").post("/api/topics").then().statusCode(401);
        // a write without a token is still the resource's 401
        given().contentType("application/json").body("{}").post("/api/topics").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"));
    }

    @Test
    void twoBearerTokensAreRefused() {
        given().header("Authorization", "Bearer " + Tokens.reader()).header("Authorization", "Bearer " + Tokens.admin())
                .get("/api/labs").then().statusCode(400).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_request"));
    }

    @Test
    void anotherSchemeIsAnAnonymousReadAnsweredFromTheCache() {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("proxy:secret".getBytes());
        given().header("Authorization", basic).get("/api/labs/openai").then().statusCode(200);
        double hits = cache("hit");
        long before = statements();
        given().header("Authorization", basic).get("/api/labs/openai").then().statusCode(200).body("slug", equalTo("openai"));
        assertEquals(hits + 1, cache("hit"), "a Basic credential is no credential here: the read is anonymous");
        assertEquals(before, statements());
        // but it is no way to write
        given().header("Authorization", basic).contentType("application/json").body("{}").post("/api/topics").then().statusCode(401);
    }

    @Test
    void onlyTheBearerSchemeCounts() {
        assertTrue(BearerGate.carriesBearer(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("authorization", "Bearer abc")));
        assertTrue(BearerGate.carriesBearer(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Authorization", "bearer abc")));
        // as SmallRye JWT's mechanism reads the header: one space after the scheme, the token as it stands
        assertFalse(BearerGate.carriesBearer(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer\tabc")));
        assertEquals(" abc", BearerGate.bearerToken("Bearer  abc"));
        assertFalse(BearerGate.carriesBearer(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Authorization", "Basic abc")));
        assertFalse(BearerGate.carriesBearer(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearerabc")));
        assertFalse(BearerGate.carriesBearer(io.vertx.core.MultiMap.caseInsensitiveMultiMap()));
        assertEquals("", BearerGate.bearerToken("Bearer"));
        assertFalse(BearerGate.wellShaped("a.b"));
        assertFalse(BearerGate.wellShaped("a.b."));
        assertFalse(BearerGate.wellShaped("a.b.c d"));
        assertTrue(BearerGate.wellShaped("a.b.c"));
        assertTrue(BearerGate.wellShaped("a..b.c.d")); // a JWE with direct encryption has an empty key part
    }
}
