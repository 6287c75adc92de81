package org.labledger.claim;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.labledger.graphql.GraphQL;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Provisions, events and answers point to the claims that support them (issue 14 item 1), both ways, over REST and
 * GraphQL, read from the real seed records (seeds/labledger.json, claims[].supports).
 */
@QuarkusTest
class ClaimSupportTest {

    @Test
    void aDisputedClaimIsNotStoredAsATermAndKeepsItsCounterClaim() {
        // Peter Lee's statement about the Azure OpenAI Service is answered by AIM with "This, literally, makes no sense
        // whatsoever.": it is a disputed claim about the agreement, and no provision rests on it
        JsonPath agreement = when().get("/api/agreements/azure-openai-service").then().statusCode(200).extract().jsonPath();
        List<List<String>> claimsOfProvisions = agreement.getList("provisions.claims.key");
        assertTrue(claimsOfProvisions.stream().noneMatch(keys -> keys.contains("c002-peter-lee-aoai-privacy")),
                "a disputed claim is never an agreement term: " + claimsOfProvisions);
        JsonPath lee = when().get("/api/claims/c002-peter-lee-aoai-privacy").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(), lee.getList("supportsRecords"));
        assertEquals("AGREEMENT", lee.getString("about.type"));
        assertTrue(lee.getBoolean("disputed"));
        assertEquals("c002-no-sense", lee.getString("disputedBy[0].claim"));
        // a claim that only speaks about a record does not support it
        assertEquals(List.of(), when().get("/api/claims/c002-no-sense").then().statusCode(200).extract().jsonPath().getList("supportsRecords"));

        // the WSJ report the comment quotes is what its event rests on, and it contradicts Suleiman's frustration
        JsonPath hood = when().get("/api/claims/c000-wsj-under-hood").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(Map.of("type", "EVENT", "key", "wsj-report-suleyman-under-the-hood")), hood.getList("supportsRecords"));
        assertEquals("CONTRADICTS", hood.getString("disputes[0].relation"));
        assertEquals("c003-suleiman-frustration", hood.getString("disputes[0].claim"));
    }

    @Test
    void eventsAndAnswersServeTheirSupportingClaimsOverRest() {
        JsonPath events = given().queryParam("size", 200).when().get("/api/events").then().statusCode(200).extract().jsonPath();
        List<String> wsj = events.getList("items.find { it.slug == 'wsj-report-microsoft-access-launched-products' }.claims.key");
        assertEquals(List.of("c000-wsj-launched", "c000-wsj-sees-early"), wsj, "both statements of the WSJ report, by key");
        List<Map<String, Object>> frustration = events.getList("items.find { it.slug == 'suleyman-frustration-openai-details' }.claims");
        assertEquals(1, frustration.size());
        assertEquals("c003-suleiman-frustration", frustration.get(0).get("key"));
        assertEquals(Boolean.TRUE, frustration.get(0).get("disputed"), "the WSJ report quoted in 000 contradicts it");
        assertEquals(List.of(), events.getList("items.find { it.slug == 'chatgpt-release' }.claims"),
                "a speculation about the release's motive does not support the release");

        JsonPath question = when().get("/api/questions/alw-anthropic-eval-during-deployment").then().statusCode(200).extract().jsonPath();
        List<String> keys = question.getList("answers.find { it.lab == 'anthropic' }.claims.key");
        assertEquals(List.of("c004-zac-drafting-error"), keys);
        int id = question.getInt("answers.find { it.lab == 'anthropic' }.id");
        JsonPath answer = when().get("/api/answers/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("c004-zac-drafting-error", answer.getString("claims[0].key"));
        assertEquals("DISPUTES", answer.getString("claims[0].stance"));
        assertFalse(answer.getBoolean("claims[0].disputed"));
    }

    @Test
    void theCounterClaimIsReachableFromTheEventOverGraphQL() {
        JsonPath g = GraphQL.data("""
                { event(slug: "suleyman-frustration-openai-details") {
                    claims { key stance certainty disputed claimant { slug }
                             disputedBy { relation claim { key supportsRecords { type key } } }
                             supportsRecords { type key } } } }""");
        List<Map<String, Object>> claims = g.getList("event.claims");
        assertEquals(1, claims.size());
        JsonPath frustration = JsonPath.from(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(claims.get(0)).toString());
        assertEquals("c003-suleiman-frustration", frustration.getString("key"));
        assertTrue(frustration.getBoolean("disputed"));
        assertEquals("CONTRADICTS", frustration.getString("disputedBy[0].relation"));
        assertEquals("c000-wsj-under-hood", frustration.getString("disputedBy[0].claim.key"));
        assertEquals(List.of(Map.of("type", "EVENT", "key", "wsj-report-suleyman-under-the-hood")),
                frustration.getList("disputedBy[0].claim.supportsRecords"), "the counter-claim rests under its own event");
        assertEquals(List.of(Map.of("type", "EVENT", "key", "suleyman-frustration-openai-details")), frustration.getList("supportsRecords"));

        JsonPath q = GraphQL.data("""
                { question(key: "alw-anthropic-eval-during-deployment") { answers { lab { slug } claims { key disputes { claim { key } } } } } }""");
        assertEquals(List.of("c004-zac-drafting-error"), q.getList("question.answers.find { it.lab.slug == 'anthropic' }.claims.key"));
        assertEquals(List.of("c004-zach-disappointed"),
                q.getList("question.answers.find { it.lab.slug == 'anthropic' }.claims[0].disputes.claim.key"),
                "the correction disputes the published assessment");
    }
}
