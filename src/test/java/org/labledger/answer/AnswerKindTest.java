package org.labledger.answer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.labledger.graphql.GraphQL;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kinds of answer on the real seed records: Zac Hatfield-Dodds's three statements are corrections of AI Lab Watch's
 * published assessment (004: "Yay @Zac Hatfield-Dodds of Anthropic for feedback and corrections"), his capacity is
 * not stated, and they were reported after publication; every other answer keeps the defaults.
 */
@QuarkusTest
class AnswerKindTest {

    private static final List<String> ZAC = List.of("alw-anthropic-eval-during-deployment-do-you",
            "alw-anthropic-eval-during-deployment", "alw-multi-staff-safety-concerns-process");

    private static JsonPath anthropicAnswer(String question) {
        JsonPath q = when().get("/api/questions/" + question).then().statusCode(200).extract().jsonPath();
        q.setRootPath("answers.find { it.lab == 'anthropic' }");
        return q;
    }

    @Test
    void zacsStatementsAreCorrectionsOfTheAssessmentOverRest() {
        for (String question : ZAC) {
            JsonPath a = anthropicAnswer(question);
            assertEquals("Zac Hatfield-Dodds", a.getString("respondent"), question);
            assertEquals("CORRECTION_OF_ASSESSMENT", a.getString("kind"), question);
            assertEquals("UNKNOWN", a.getString("capacity"), question);
            assertEquals(Boolean.TRUE, a.get("afterPublication"), question);
            // the answer's own resource says the same
            JsonPath detail = when().get("/api/answers/" + a.getLong("id")).then().statusCode(200).extract().jsonPath();
            assertEquals("CORRECTION_OF_ASSESSMENT", detail.getString("kind"), question);
            assertEquals("UNKNOWN", detail.getString("capacity"), question);
            assertEquals(Boolean.TRUE, detail.get("afterPublication"), question);
        }
    }

    @Test
    void defaultPairsAreQuestionnaireRepliesOfUnknownCapacityAndTime() {
        JsonPath a = anthropicAnswer("alw-anthropic-ltbt-fifth-board-member");
        assertEquals("UNANSWERED", a.getString("status"));
        assertEquals("QUESTIONNAIRE_REPLY", a.getString("kind"));
        assertEquals("UNKNOWN", a.getString("capacity"));
        assertNull(a.get("afterPublication"));
    }

    @Test
    void graphQlCarriesTheKindCapacityAndTime() {
        JsonPath d = GraphQL.data("""
                query($f: AnswerFilter) { answers(filter: $f, size: 200) { totalItems items { status kind capacity afterPublication respondent } } }""",
                Map.of("f", Map.of("lab", "anthropic", "questionnaire", "ailabwatch-questions-to-labs")));
        List<Map<String, Object>> items = d.getList("answers.items");
        assertEquals(d.getInt("answers.totalItems"), items.size(), "one page holds them all");
        long corrections = items.stream().filter(i -> "CORRECTION_OF_ASSESSMENT".equals(i.get("kind"))).count();
        assertEquals(3, corrections, items.toString());
        for (Map<String, Object> i : items) {
            boolean zac = "Zac Hatfield-Dodds".equals(i.get("respondent"));
            assertEquals(zac ? "CORRECTION_OF_ASSESSMENT" : "QUESTIONNAIRE_REPLY", i.get("kind"), i.toString());
            assertEquals("UNKNOWN", i.get("capacity"), i.toString());
            assertEquals(zac ? Boolean.TRUE : null, i.get("afterPublication"), i.toString());
        }
        assertTrue(items.size() > 3);
    }
}
