package org.labledger.seed;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed data as served, checked against what the source documents say (figures counted by hand from
 * shared/sources; the quote each check rests on is in the comment). A wrong import, a lost record or a
 * mis-keyed figure fails here.
 */
@QuarkusTest
class SeedDataTest {

    private static int questions(String... params) {
        var req = given().queryParam("size", 1);
        for (int i = 0; i < params.length; i += 2) {
            req = req.queryParam(params[i], params[i + 1]);
        }
        return req.when().get("/api/questions").then().statusCode(200).extract().path("totalItems");
    }

    @Test
    void questionsPerQuestionnaireAndLab() {
        // 004: the list (58 rows incl. 8 sub-questions) and the 7 policy questions suggested in a comment
        assertEquals(58, questions("questionnaire", "ailabwatch-questions-to-labs"));
        assertEquals(7, questions("questionnaire", "akash-policy-lobbying-questions"));
        assertEquals(65, questions());
        // per lab, both questionnaires: each lab's own section + the multi-lab sections; the comment's questions were
        // only suggested (SUGGESTED: put to no lab) and the PF context row is put to no lab, so the lists are the same
        Map<String, Integer> perLab = Map.of("anthropic", 29, "openai", 34, "google-deepmind", 23, "microsoft", 20, "meta", 18);
        perLab.forEach((lab, n) -> assertEquals(n, questions("lab", lab), lab));
        Map<String, Integer> perLabList = Map.of("anthropic", 29, "openai", 34, "google-deepmind", 23, "microsoft", 20, "meta", 18);
        perLabList.forEach((lab, n) -> assertEquals(n, questions("lab", lab, "questionnaire", "ailabwatch-questions-to-labs"), lab));
        // the OpenAI–Microsoft relationship section is addressed to both
        when().get("/api/questions/alw-openai-microsoft-model-ip-access").then().statusCode(200)
                .body("answers.lab", org.hamcrest.Matchers.contains("microsoft", "openai"));
    }

    @Test
    void microsoftNeverReceivedTheQuestions() {
        // 004: "I sent questions to some labs a week ago (except I failed to reach Microsoft)"
        JsonPath card = when().get("/api/labs/microsoft/scorecard").then().statusCode(200).extract().jsonPath();
        // every pair is known not delivered, the "[At least three different labs]" ones too (nothing reached Microsoft)
        assertEquals(20, card.getInt("counts.total"));
        assertEquals(20, card.getInt("counts.notDelivered"));
        assertEquals(20, card.getInt("counts.unanswered"));
        assertEquals(0, card.getInt("counts.unknownDelivery"));
        // the comment's suggested questions were never sent to anyone: no answers, nothing counted against a lab
        given().queryParam("questionnaire", "akash-policy-lobbying-questions").when().get("/api/labs/openai/scorecard")
                .then().body("counts.total", org.hamcrest.Matchers.equalTo(0)).body("counts.notDelivered", org.hamcrest.Matchers.equalTo(0))
                .body("counts.unknownDelivery", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void anthropicClarificationsAreTheOnlyResponses() {
        // 004 comment: Zac told me "this was a simple drafting error - our every-three months evaluation
        // commitment is intended to continue during deployment" and described the non-compliance reporting policy
        JsonPath card = when().get("/api/labs/anthropic/scorecard").then().statusCode(200).extract().jsonPath();
        // the 12 questions of Anthropic's own section (the "[new]" one aside) are known to have reached it; the
        // correction on alw-multi-staff-safety-concerns-process bears on a "[At least three different labs]" row, whose
        // delivery to Anthropic is not known: unknownDelivery holds it, the other 15 such rows and the "[new]" row (17)
        assertEquals(1, card.getInt("counts.answered"));
        assertEquals(1, card.getInt("counts.partial"));
        assertEquals(10, card.getInt("counts.unanswered"));
        assertEquals(17, card.getInt("counts.unknownDelivery"));
        for (String lab : new String[]{"openai", "google-deepmind", "meta", "microsoft"}) {
            // "I have not yet received substantive corrections/clarifications from any other labs."
            assertEquals(0, questions("lab", lab, "status", "ANSWERED,PARTIAL"), lab);
        }
        JsonPath q = when().get("/api/questions/alw-anthropic-eval-during-deployment-do-you").then().statusCode(200).extract().jsonPath();
        assertEquals("ANSWERED", q.getString("answers[0].status"));
        assertEquals("Zac Hatfield-Dodds", q.getString("answers[0].respondent"));
        assertTrue(q.getString("answers[0].citations.quote").contains("drafting error"));
    }

    private static BigDecimal figure(JsonPath agreement, String provision) {
        Object value = agreement.using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL))
                .get("provisions.find { it.key == '" + provision + "' }.value");
        return new BigDecimal(String.valueOf(value));
    }

    @Test
    void microsoftOpenAiAgreementFigures() {
        // 001: "a $1 billion investment from Microsoft. As a result, Azure was designated as OpenAI's exclusive cloud provider"
        JsonPath v2019 = when().get("/api/agreements/microsoft-openai-2019").then().statusCode(200).extract().jsonPath();
        assertEquals(0, new BigDecimal("1000000000").compareTo(figure(v2019, "microsoft-openai-2019-investment")));
        assertEquals("USD", v2019.getString("provisions.find { it.key == 'microsoft-openai-2019-investment' }.unit"));
        assertTrue(v2019.getList("provisions.category").contains("EXCLUSIVITY"));
        // 001: "an impressive additional investment of $12 billion" / "its previous stake of 32.5%"
        JsonPath ext = when().get("/api/agreements/microsoft-openai-extended-partnership").then().statusCode(200).extract().jsonPath();
        assertEquals(0, new BigDecimal("12000000000").compareTo(figure(ext, "microsoft-openai-extended-additional-investment")));
        assertEquals(0, new BigDecimal("32.5").compareTo(figure(ext, "microsoft-openai-extended-stake")));
        // 001: "approximately 27%", "nearing $135 billion", "an extra $250 billion worth of Azure services",
        // "extended until 2032", "or until 2030, whichever occurs first"
        JsonPath def = when().get("/api/agreements/microsoft-openai-definitive-agreement").then().statusCode(200).extract().jsonPath();
        assertEquals(0, new BigDecimal("27").compareTo(figure(def, "microsoft-openai-definitive-agreement-stake")));
        assertEquals("PERCENT", def.getString("provisions.find { it.key == 'microsoft-openai-definitive-agreement-stake' }.unit"));
        // "with a valuation nearing $135 billion" says neither what it values nor an exact figure: a reported claim, not a term
        assertTrue(def.getList("provisions.key").stream().noneMatch(k -> k.toString().endsWith("-stake-valuation")), "the valuation is no provision");
        assertEquals("article-microsoft-openai-new-era", when().get("/api/claims/c001-valuation-nearing-135b").then().statusCode(200)
                .extract().jsonPath().getString("claimant.slug"));
        assertEquals(0, new BigDecimal("250000000000").compareTo(figure(def, "microsoft-openai-definitive-agreement-azure-commitment")));
        assertEquals("COMPUTE_COMMITMENT", def.getString("provisions.find { it.key == 'microsoft-openai-definitive-agreement-azure-commitment' }.category"));
        assertEquals("2032", def.getString("provisions.find { it.key == 'microsoft-openai-definitive-agreement-ip-rights-through-2032' }.validUntil"));
        assertEquals("2030", def.getString("provisions.find { it.key == 'microsoft-openai-definitive-agreement-research-ip-until-2030' }.validUntil"));
        // 001: "AGI declarations will now undergo verification by an independent expert panel"
        String condition = def.getString("provisions.find { it.key == 'microsoft-openai-definitive-agreement-exclusive-ip-until-agi' }.validUntilCondition");
        assertTrue(condition != null && condition.toLowerCase().contains("panel"), condition);
        // no document dates the definitive agreement: LabLedger leaves it empty rather than guess
        assertNull(def.getString("announcedOn"));
        assertNull(def.getString("effectiveOn"));
    }

    @Test
    void datedRelationships() {
        // 004 (Microsoft quote): "We established the joint DSB's processes in 2021"
        when().get("/api/agreements/microsoft-openai-deployment-safety-board").then().statusCode(200)
                .body("effectiveOn", org.hamcrest.Matchers.equalTo("2021"));
        // 002: "offering the Azure OpenAI Service since November of 2021 in private preview"
        when().get("/api/agreements/azure-openai-service").then().statusCode(200)
                .body("effectiveOn", org.hamcrest.Matchers.equalTo("2021-11"));
        when().get("/api/events").then().statusCode(200)
                .body("items.find { it.slug == 'azure-openai-service-general-availability' }.occurredOn", org.hamcrest.Matchers.equalTo("2023-01"));
    }

    @Test
    void aiLabWatchScoreRevision() {
        // 004 comment: "revised Anthropic's score from 45 to 48"
        JsonPath lab = when().get("/api/labs/anthropic").then().statusCode(200).extract().jsonPath();
        assertEquals(2, lab.getList("scores").size());
        assertEquals(48.0, lab.getDouble("scores.find { it.current }.score"));
        assertEquals(45.0, lab.getDouble("scores.find { !it.current }.score"));
        assertEquals(lab.getString("scores.find { !it.current }.key"), lab.getString("scores.find { it.current }.supersedes"));
        assertFalse(lab.getList("scores[0].citations").isEmpty());
    }
}
