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

    static final String PROVISION = "azure-openai-service-enterprise-compliance";

    @Test
    void aProvisionServesTheDisputedClaimItRestsOnOverRest() {
        JsonPath agreement = when().get("/api/agreements/azure-openai-service").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> claims = agreement.getList("provisions.find { it.key == '" + PROVISION + "' }.claims");
        assertEquals(1, claims.size(), "the provision is Peter Lee's statement, and rests on it alone");
        Map<String, Object> lee = claims.get(0);
        assertEquals("c002-peter-lee-aoai-privacy", lee.get("key"));
        assertEquals("peter-lee", lee.get("claimant"));
        assertEquals("ASSERTS", lee.get("stance"));
        assertEquals("OFFICIAL", lee.get("certainty"));
        assertEquals(Boolean.TRUE, lee.get("disputed"), "AIM answers it: 'This, literally, makes no sense whatsoever.'");
        assertTrue(((String) lee.get("summary")).contains("privacy"));

        // the claim lists what rests on it, and its counter-claim
        JsonPath claim = when().get("/api/claims/c002-peter-lee-aoai-privacy").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(Map.of("type", "PROVISION", "key", PROVISION)), claim.getList("supportsRecords"));
        assertEquals("c002-no-sense", claim.getString("disputedBy[0].claim"));
        // a claim that only speaks about a record does not support it
        assertEquals(List.of(), when().get("/api/claims/c002-no-sense").then().statusCode(200).extract().jsonPath().getList("supportsRecords"));
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
    void theCounterClaimIsReachableFromTheProvisionOverGraphQL() {
        JsonPath g = GraphQL.data("""
                { agreement(slug: "azure-openai-service") {
                    provisions { key claims { key stance certainty disputed claimant { slug }
                                              disputedBy { relation claim { key claimant { slug } supportsRecords { type key } } }
                                              supportsRecords { type key } } } } }""");
        List<Map<String, Object>> claims = g.getList("agreement.provisions.find { it.key == '" + PROVISION + "' }.claims");
        assertEquals(1, claims.size());
        JsonPath lee = JsonPath.from(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(claims.get(0)).toString());
        assertEquals("c002-peter-lee-aoai-privacy", lee.getString("key"));
        assertEquals("peter-lee", lee.getString("claimant.slug"));
        assertTrue(lee.getBoolean("disputed"));
        assertEquals("DISPUTES", lee.getString("disputedBy[0].relation"));
        assertEquals("c002-no-sense", lee.getString("disputedBy[0].claim.key"));
        assertEquals("aim", lee.getString("disputedBy[0].claim.claimant.slug"));
        assertEquals(List.of(), lee.getList("disputedBy[0].claim.supportsRecords"));
        assertEquals(List.of(Map.of("type", "PROVISION", "key", PROVISION)), lee.getList("supportsRecords"));

        JsonPath q = GraphQL.data("""
                { question(key: "alw-anthropic-eval-during-deployment") { answers { lab { slug } claims { key disputes { claim { key } } } } } }""");
        assertEquals(List.of("c004-zac-drafting-error"), q.getList("question.answers.find { it.lab.slug == 'anthropic' }.claims.key"));
        assertEquals(List.of("c004-zach-disappointed"),
                q.getList("question.answers.find { it.lab.slug == 'anthropic' }.claims[0].disputes.claim.key"),
                "the correction disputes the published assessment");
    }
}
