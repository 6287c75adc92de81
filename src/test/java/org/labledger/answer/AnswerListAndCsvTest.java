package org.labledger.answer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.labledger.importer.Csv;

import java.util.List;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answer lists and the CSV downloads for spreadsheet users. */
@QuarkusTest
class AnswerListAndCsvTest {

    private static List<Csv.Row> csv(String body) {
        return Csv.parse(body);
    }

    @Test
    void answersAsJsonPagedAndFiltered() {
        JsonPath p = given().queryParam("lab", "microsoft").queryParam("size", 5).when().get("/api/answers")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        assertEquals(22, p.getInt("totalItems"));
        assertEquals(5, p.getList("items").size());
        assertTrue(p.<Boolean>getList("items.delivered").stream().noneMatch(d -> d));
        given().queryParam("delivered", "maybe").queryParam("status", "NOPE").when().get("/api/answers").then().statusCode(400)
                .body("errors.size()", equalTo(2));
        given().queryParam("question", "no-such").when().get("/api/answers").then().statusCode(400).body("errors[0].field", equalTo("question"));
    }

    @Test
    void answersCsvByAcceptHeaderAndByPath() {
        String byAccept = given().accept("text/csv").queryParam("lab", "anthropic").queryParam("status", "PARTIAL,ANSWERED")
                .when().get("/api/answers").then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("answers.csv")).extract().asString();
        String byPath = given().queryParam("lab", "anthropic").queryParam("status", "PARTIAL,ANSWERED")
                .when().get("/api/answers.csv").then().statusCode(200).extract().asString();
        assertEquals(byAccept, byPath);
        List<Csv.Row> rows = csv(byAccept);
        assertEquals(List.of("lab", "questionnaire", "question_key", "topic", "status", "delivered", "date", "source_urls"),
                rows.get(0).cells().stream().map(Csv.Cell::text).toList());
        assertEquals(4, rows.size(), "header + Anthropic's 3 responses");
        for (Csv.Row r : rows.subList(1, rows.size())) {
            assertEquals("anthropic", r.text(0));
            assertTrue(List.of("PARTIAL", "ANSWERED").contains(r.text(4)));
        }
        // without a filter: every answer, past one page of 200
        int total = given().queryParam("size", 1).when().get("/api/answers").then().extract().path("totalItems");
        assertEquals(total + 1, csv(when().get("/api/answers.csv").then().extract().asString()).size());
        // curl's */* gets JSON
        given().accept("*/*").when().get("/api/answers").then().contentType("application/json");
        given().accept("text/csv").queryParam("lab", "nobody").when().get("/api/answers").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void scorecardsCsvAgreeWithJson() {
        JsonPath json = when().get("/api/scorecards?size=200").then().statusCode(200).extract().jsonPath().setRootPath("items");
        List<Csv.Row> rows = csv(given().accept("text/csv").when().get("/api/scorecards").then().statusCode(200).extract().asString());
        assertEquals("lab", rows.get(0).text(0));
        for (String lab : List.of("anthropic", "microsoft", "openai")) {
            Csv.Row overall = rows.stream().filter(r -> r.text(0).equals(lab) && r.text(1).isEmpty()).findFirst().orElseThrow();
            assertEquals(json.getInt("find { it.lab == '" + lab + "' }.counts.total"), Integer.parseInt(overall.text(3)), lab);
            assertEquals(json.getInt("find { it.lab == '" + lab + "' }.counts.answered"), Integer.parseInt(overall.text(4)), lab);
            long topicRows = rows.stream().filter(r -> r.text(0).equals(lab) && !r.text(1).isEmpty()).count();
            assertEquals(json.getList("find { it.lab == '" + lab + "' }.topics").size(), (int) topicRows, lab);
        }
        String one = given().accept("text/csv").when().get("/api/labs/anthropic/scorecard").then().statusCode(200).extract().asString();
        assertEquals(one, when().get("/api/labs/anthropic/scorecard.csv").then().statusCode(200).extract().asString());
        Csv.Row overall = csv(one).get(1);
        assertEquals("anthropic", overall.text(0));
        assertEquals("0.0909", overall.text(8));
        when().get("/api/labs/anthropic/scorecard").then().contentType("application/json");
        when().get("/api/labs/nobody/scorecard.csv").then().statusCode(404);
    }

    @Test
    void csvCellsAreQuotedAndFormulasDefused() {
        assertEquals("a,\"b,c\",\"say \"\"hi\"\"\",\"multi\nline\"\r\n", org.labledger.common.CsvWriter.line(List.of("a", "b,c", "say \"hi\"", "multi\nline")));
        assertEquals("\"'=HYPERLINK(1)\",\"'@x\",-12,\"'-x\"\r\n", org.labledger.common.CsvWriter.line(List.of("=HYPERLINK(1)", "@x", "-12", "-x")));
        assertEquals(List.of("a", "b,c", "say \"hi\"", "multi\nline"),
                Csv.parse(org.labledger.common.CsvWriter.line(List.of("a", "b,c", "say \"hi\"", "multi\nline"))).get(0).cells().stream().map(Csv.Cell::text).toList());
    }
}
