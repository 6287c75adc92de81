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
        // 22 before Akash's two suggested "labs" questions stopped being put to Microsoft (SUGGESTED: no answers)
        assertEquals(20, p.getInt("totalItems"));
        assertEquals(5, p.getList("items").size());
        assertTrue(p.<Boolean>getList("items.delivered").stream().noneMatch(Boolean.TRUE::equals));
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
        assertEquals(List.of("id", "lab", "questionnaire", "question_key", "question_text", "topic", "status", "delivered", "answered_on",
                        "updated_at", "summary", "source_urls"),
                rows.get(0).cells().stream().map(Csv.Cell::text).toList());
        assertEquals(4, rows.size(), "header + Anthropic's 3 responses");
        JsonPath json = given().queryParam("lab", "anthropic").queryParam("status", "PARTIAL,ANSWERED").when().get("/api/answers")
                .then().statusCode(200).extract().jsonPath();
        for (int i = 1; i < rows.size(); i++) {
            Csv.Row r = rows.get(i);
            assertEquals("anthropic", r.text(1));
            assertTrue(List.of("PARTIAL", "ANSWERED").contains(r.text(6)));
            // the same answers in the same order as the JSON list, with the question's text, the summary and the dates
            assertEquals(String.valueOf(json.getLong("items[" + (i - 1) + "].id")), r.text(0));
            String text = when().get("/api/questions/" + r.text(3)).then().statusCode(200).extract().path("text");
            assertEquals(text, r.text(4));
            assertEquals(json.getString("items[" + (i - 1) + "].summary") == null ? "" : json.getString("items[" + (i - 1) + "].summary"), r.text(10));
            assertEquals(json.getString("items[" + (i - 1) + "].answeredOn") == null ? "" : json.getString("items[" + (i - 1) + "].answeredOn"), r.text(8));
            assertTrue(java.time.OffsetDateTime.parse(r.text(9)).getYear() >= 2024, r.text(9));
        }
        assertTrue(rows.stream().skip(1).anyMatch(r -> !r.text(10).isEmpty()), "summaries are filled");
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
        assertEquals("0.1667", overall.text(8)); // 2 responses of the 12 questions known to have reached Anthropic
        assertEquals("unknown_delivery", csv(one).get(0).text(10));
        assertEquals(when().get("/api/labs/anthropic/scorecard").then().extract().path("counts.unknownDelivery").toString(), overall.text(10));
        assertEquals("17", overall.text(10)); // the 16 "[At least three different labs]" rows and the "[new]" row
        // the right of reply's split, after the others: answers the lab itself gave (none in the seeds) and the curators'
        assertEquals(List.of("answered_by_lab", "answered_per_curator"), List.of(csv(one).get(0).text(11), csv(one).get(0).text(12)));
        JsonPath counts = when().get("/api/labs/anthropic/scorecard").then().extract().jsonPath();
        assertEquals(counts.getString("counts.answeredByLab"), overall.text(11));
        assertEquals(counts.getString("counts.answeredPerCurator"), overall.text(12));
        assertEquals("2", overall.text(12)); // 1 ANSWERED and 1 PARTIAL of known delivery, both read by curators
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

    @Test
    void answersCsvIsPagedLikeTheJsonList() {
        int total = given().queryParam("size", 1).when().get("/api/answers").then().extract().path("totalItems");
        // the default page holds every answer (up to 10,000): a download of the whole table stays one request
        var one = when().get("/api/answers.csv").then().statusCode(200).header("X-Total-Count", String.valueOf(total)).extract();
        String links = String.join(", ", one.headers().getValues("Link"));
        assertTrue(links.contains("page=0&size=10000>; rel=\"first\"") && !links.contains("rel=\"next\""), links);
        // pages of 7: the rows of page 2 are rows 14..20 of the whole CSV, and the links lead on
        String all = when().get("/api/answers.csv").then().extract().asString();
        List<Csv.Row> whole = csv(all);
        var page = given().queryParam("size", 7).queryParam("page", 2).when().get("/api/answers.csv").then().statusCode(200)
                .header("X-Total-Count", String.valueOf(total)).extract();
        links = String.join(", ", page.headers().getValues("Link"));
        assertTrue(links.contains("/api/answers.csv?page=3&size=7>; rel=\"next\"") && links.contains("page=1&size=7>; rel=\"prev\""), links);
        List<Csv.Row> rows = csv(page.asString());
        assertEquals(8, rows.size(), "header + 7 rows");
        for (int i = 1; i < rows.size(); i++) {
            assertEquals(whole.get(14 + i).text(0), rows.get(i).text(0));
        }
        // a page size above 200 is read in chunks: the same rows as the whole CSV
        List<Csv.Row> big = csv(given().queryParam("size", 250).queryParam("page", 0).when().get("/api/answers.csv").then().statusCode(200).extract().asString());
        assertEquals(Math.min(total, 250) + 1, big.size());
        assertEquals(whole.get(big.size() - 1).text(0), big.get(big.size() - 1).text(0));
        // by Accept header too
        assertEquals(page.asString(), given().accept("text/csv").queryParam("size", 7).queryParam("page", 2).when().get("/api/answers")
                .then().statusCode(200).extract().asString());
        given().queryParam("size", 10_001).when().get("/api/answers.csv").then().statusCode(400).body("errors[0].field", equalTo("size"));
        given().queryParam("sise", 10).when().get("/api/answers.csv").then().statusCode(400).body("errors[0].field", equalTo("sise"));
    }

    @Test
    void bomOnRequest() {
        for (String path : List.of("/api/answers.csv?lab=anthropic", "/api/scorecards.csv", "/api/labs/anthropic/scorecard.csv")) {
            byte[] plain = when().get(path).then().statusCode(200).extract().asByteArray();
            byte[] bom = when().get(path + "&bom=true".replaceFirst("^&", path.contains("?") ? "&" : "?")).then().statusCode(200)
                    .contentType("text/csv; charset=utf-8").extract().asByteArray();
            assertTrue(plain[0] != (byte) 0xEF, path + ": no BOM by default");
            assertEquals(plain.length + 3, bom.length, path);
            assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bom[0], bom[1], bom[2]), path + ": UTF-8 BOM first");
            assertEquals(new String(plain, java.nio.charset.StandardCharsets.UTF_8),
                    new String(bom, 3, bom.length - 3, java.nio.charset.StandardCharsets.UTF_8), path);
        }
        byte[] byAccept = given().accept("text/csv").queryParam("bom", "true").when().get("/api/scorecards").then().statusCode(200).extract().asByteArray();
        assertEquals((byte) 0xEF, byAccept[0]);
        given().queryParam("bom", "yes").when().get("/api/answers.csv").then().statusCode(400).body("errors[0].field", equalTo("bom"));
        // JSON has no byte order mark to add
        given().queryParam("bom", "true").when().get("/api/answers").then().statusCode(400).body("errors[0].field", equalTo("bom"));
        given().queryParam("bom", "true").when().get("/api/scorecards").then().statusCode(400).body("errors[0].field", equalTo("bom"));
    }
}
