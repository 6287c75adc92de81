package org.labledger.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Issue 11 §4 (tokens): a bearer token must be issued now-ish (not in the future beyond the clock skew), live
 * no longer than the configured lifetime, name a non-blank subject, and carry its groups as an array of
 * strings; otherwise 401 problem, never 500. The subject is the revision actor.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeys.class)
class TokenRulesTest {

    static final long YEAR = 365L * 24 * 3600;

    private static String claims(String sub, String groupsJson, long iat, long exp, String extra) {
        return "{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\""
                + (sub == null ? "" : ",\"sub\":" + sub)
                + ",\"groups\":" + groupsJson + ",\"iat\":" + iat + ",\"exp\":" + exp + (extra == null ? "" : "," + extra) + "}";
    }

    /** A curator write with an empty body: 400 once the token is accepted (nothing is written). */
    private static ValidatableResponse write(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json").body("{}")
                .when().post("/api/topics").then();
    }

    private static void rejected(String token) {
        write(token).statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401)).header("WWW-Authenticate", containsString("Bearer"));
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void aWellFormedTokenIsAccepted() {
        write(Tokens.signed(claims("\"alice\"", "[\"curator\"]", now() - 5, now() + 600, null))).statusCode(400);
        // issued a few seconds ahead (within the clock skew) is fine too
        write(Tokens.signed(claims("\"alice\"", "[\"curator\"]", now() + 20, now() + 600, null))).statusCode(400);
    }

    @Test
    void aTokenIssuedInTheFutureIsRejected() {
        rejected(Tokens.signed(claims("\"alice\"", "[\"curator\"]", now() + YEAR, now() + YEAR + 600, null)));
        rejected(Tokens.signed(claims("\"alice\"", "[\"curator\"]", now() + 3600, now() + 4000, null)));
    }

    @Test
    void aTokenThatLivesTooLongIsRejected() {
        rejected(Tokens.signed(claims("\"alice\"", "[\"curator\"]", now() - 5, now() + 10 * YEAR, null)));
        rejected(Tokens.signed(claims("\"alice\"", "[\"curator\"]", now() - 5, now() + 2 * 24 * 3600, null)));
    }

    @Test
    void anOldTokenIsRejected() {
        rejected(Tokens.signed(claims("\"alice\"", "[\"curator\"]", now() - 2 * 24 * 3600, now() + 600, null)));
    }

    @Test
    void aBlankSubjectIsRejected() {
        rejected(Tokens.signed(claims("\"\"", "[\"curator\"]", now() - 5, now() + 600, null)));
        rejected(Tokens.signed(claims("\"   \"", "[\"curator\"]", now() - 5, now() + 600, null)));
        rejected(Tokens.signed(claims("\"\"", "[\"curator\"]", now() - 5, now() + 600, "\"upn\":\"\"")));
        // the subject is the actor: a token naming only a upn has none
        rejected(Tokens.signed(claims(null, "[\"curator\"]", now() - 5, now() + 600, "\"upn\":\"alice\"")));
        // nor may a present upn be blank (it would be the principal's name)
        rejected(Tokens.signed(claims("\"alice\"", "[\"curator\"]", now() - 5, now() + 600, "\"upn\":\" \"")));
        // a subject longer than a revision can record
        rejected(Tokens.signed(claims("\"" + "a".repeat(201) + "\"", "[\"curator\"]", now() - 5, now() + 600, null)));
    }

    @Test
    void groupsThatAreNotAnArrayOfStringsAreRejected() {
        for (String groups : List.of("\"curator\"", "5", "{\"curator\":true}", "[1,2]", "[\"curator\",null]", "true")) {
            rejected(Tokens.signed(claims("\"alice\"", groups, now() - 5, now() + 600, null)));
        }
    }

    @Test
    void theRevisionActorIsTheTokenSubject() {
        String token = Tokens.signed(claims("\"alice-subject\"", "[\"curator\"]", now() - 5, now() + 600,
                "\"upn\":\"alice@example.org\",\"preferred_username\":\"alice\""));
        try {
            given().header("Authorization", "Bearer " + token).contentType("application/json")
                    .body(Map.of("slug", "t11-actor", "name", "T11 actor", "reason", "who wrote this")).when().post("/api/topics")
                    .then().statusCode(201);
            given().get("/api/changes?entity=TOPIC&size=200").then().statusCode(200)
                    .body("items.findAll { it.key == 't11-actor' && it.action == 'CREATE' }.actor", equalTo(List.of("alice-subject")))
                    .body("items.findAll { it.key == 't11-actor' }.actor", not(hasItem("alice@example.org")));
        } finally {
            given().header("Authorization", "Bearer " + Tokens.admin()).when().delete("/api/topics/t11-actor?reason=test");
        }
    }
}
