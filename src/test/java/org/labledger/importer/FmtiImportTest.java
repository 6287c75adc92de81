package org.labledger.importer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labledger.security.JwtKeys;
import org.labledger.security.Tokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Imports of the real FMTI editions shipped in data/fmti, and every rejection case, over HTTP. */
@QuarkusTest
@QuarkusTestResource(JwtKeys.class)
class FmtiImportTest {

    static final Path DATA = Path.of("data", "fmti");

    @Inject
    EntityManager em;

    static RequestSpecification curator() {
        return given().log().ifValidationFails().header("Authorization", "Bearer " + Tokens.curator());
    }

    /** Imports that create labs (developers LabLedger does not know) need an admin. */
    static RequestSpecification admin() {
        return given().log().ifValidationFails().header("Authorization", "Bearer " + Tokens.admin());
    }

    static RequestSpecification upload(RequestSpecification spec, String edition, Path scores, Path indicators, List<Path> reports) {
        RequestSpecification s = spec.multiPart("edition", edition).multiPart("scores", scores.toFile(), "text/csv");
        if (indicators != null) {
            s = s.multiPart("indicators", indicators.toFile(), "text/csv");
        }
        for (Path r : reports) {
            s = s.multiPart("reports", r.toFile(), "text/csv");
        }
        return s;
    }

    static RequestSpecification uploadText(RequestSpecification spec, String edition, String scoresName, String scores, Map<String, String> reports) {
        RequestSpecification s = spec.multiPart("edition", edition)
                .multiPart("scores", scoresName, scores.getBytes(StandardCharsets.UTF_8), "text/csv");
        for (var r : reports.entrySet()) {
            s = s.multiPart("reports", r.getKey(), r.getValue().getBytes(StandardCharsets.UTF_8), "text/csv");
        }
        return s;
    }

    static List<Path> reports(String edition) throws IOException {
        try (Stream<Path> files = Files.list(DATA.resolve(edition).resolve("reports"))) {
            return files.sorted().toList();
        }
    }

    /** Per-developer column sums of a scores file, computed independently of the importer. */
    static Map<String, Integer> columnSums(Path scores) throws IOException {
        List<Csv.Row> rows = Csv.parse(Files.readString(scores));
        List<String> header = rows.get(0).cells().stream().map(c -> c.text().trim()).toList();
        Map<String, Integer> sums = new java.util.LinkedHashMap<>();
        for (int c = 1; c < header.size(); c++) {
            int sum = 0;
            for (Csv.Row r : rows.subList(1, rows.size())) {
                if (!r.text(0).trim().equals("Total")) {
                    sum += Integer.parseInt(r.text(c).trim());
                }
            }
            sums.put(header.get(c), sum);
        }
        return sums;
    }

    private Set<String> labsBefore;

    @BeforeEach
    void rememberLabs() {
        labsBefore = FmtiCleanup.snapshot(em);
    }

    @AfterEach
    void removeImports() {
        FmtiCleanup.run(em, labsBefore);
    }

    @Test
    void importsDec2025WithIndicatorsAndReports() throws IOException {
        Path dir = DATA.resolve("Dec2025");
        JsonPath report = upload(admin(), "Dec2025", dir.resolve("Dec2025_scores.csv"), dir.resolve("Dec2025_indicators.csv"), reports("Dec2025"))
                .when().post("/api/imports/fmti").then().statusCode(200).extract().jsonPath();
        assertEquals("fmti-dec2025", report.getString("questionnaire"));
        assertEquals(100, report.getInt("indicators"));
        assertEquals(13, report.getInt("developers"));
        assertEquals(13, report.getInt("reports"));
        assertEquals(100, report.getInt("counts.questions.created"));
        assertEquals(1300, report.getInt("counts.answers.created"));
        assertFalse(report.getBoolean("dryRun"));
        // known labs are matched, FMTI's Google is the company, the rest are new
        assertEquals("google", report.getString("labs.find { it.developer == 'Google' }.lab"));
        assertEquals("anthropic", report.getString("labs.find { it.developer == 'Anthropic' }.lab"));
        assertEquals(Set.of("ai21-labs", "alibaba", "ibm", "midjourney", "mistral", "writer", "xai"), Set.copyOf(report.getList("newLabs")));
        when().get("/api/labs/ai21-labs").then().statusCode(200).body("aliases", org.hamcrest.Matchers.hasItem("AI21_Labs"));

        // per-developer totals equal the scores file's column sums
        Map<String, Integer> sums = columnSums(dir.resolve("Dec2025_scores.csv"));
        for (var e : sums.entrySet()) {
            String lab = report.getString("labs.find { it.developer == '" + e.getKey() + "' }.lab");
            given().queryParam("questionnaire", "fmti-dec2025").when().get("/api/labs/" + lab + "/scorecard").then().statusCode(200)
                    .body("counts.total", equalTo(100))
                    .body("counts.answered", equalTo(e.getValue()));
        }
        // topics from Domain › Subdomain, disclosures and justifications from the reports
        JsonPath q = when().get("/api/questions/fmti-dec2025-crawling").then().statusCode(200).extract().jsonPath();
        assertEquals("Foundation Model Transparency Index", q.getString("topic.path[0]"));
        assertEquals(3, q.getList("topic.path").size());
        assertEquals(13, q.getList("answers").size());
        assertTrue(q.getString("answers.find { it.lab == 'anthropic' }.citations[0].locator").startsWith("Anthropic_fmtransparencyreport_Dec2025.csv, line "));

        // importing the same edition again changes nothing (and needs no admin: it creates no lab now)
        JsonPath again = upload(curator(), "Dec2025", dir.resolve("Dec2025_scores.csv"), dir.resolve("Dec2025_indicators.csv"), reports("Dec2025"))
                .when().post("/api/imports/fmti").then().statusCode(200).extract().jsonPath();
        int created = 0, updated = 0;
        for (Object c : again.getMap("counts").values()) {
            created += ((Number) ((Map<?, ?>) c).get("created")).intValue();
            updated += ((Number) ((Map<?, ?>) c).get("updated")).intValue();
        }
        assertEquals(0, created, again.prettify());
        assertEquals(0, updated, again.prettify());
        assertTrue(again.getList("newLabs").isEmpty());
    }

    @Test
    void importsMay2024MatrixWithItsTotalRow() throws IOException {
        Path scores = DATA.resolve("May2024").resolve("May2024_scores.csv");
        JsonPath report = upload(admin(), "May2024", scores, null, List.of()).when().post("/api/imports/fmti")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(100, report.getInt("indicators"), "the Total row is a check, not an indicator");
        assertEquals(14, report.getInt("developers"));
        Map<String, Integer> sums = columnSums(scores);
        for (var e : sums.entrySet()) {
            String lab = report.getString("labs.find { it.developer == '" + e.getKey() + "' }.lab");
            given().queryParam("questionnaire", "fmti-may2024").when().get("/api/labs/" + lab + "/scorecard").then()
                    .body("counts.answered", equalTo(e.getValue()));
        }
        // the 2024 matrix names Microsoft, which the seeds know
        assertEquals("microsoft", report.getString("labs.find { it.developer == 'Microsoft' }.lab"));
    }

    @Test
    void comparesTheTwoEditionsOverTheirSharedIndicators() throws IOException {
        Path may = DATA.resolve("May2024").resolve("May2024_scores.csv");
        Path dec = DATA.resolve("Dec2025").resolve("Dec2025_scores.csv");
        upload(admin(), "May2024", may, null, List.of()).when().post("/api/imports/fmti").then().statusCode(200);
        upload(admin(), "Dec2025", dec, null, List.of()).when().post("/api/imports/fmti").then().statusCode(200);

        // expected, straight from the files: indicators named alike in both, and each developer's 1s on them
        Map<String, Map<String, Integer>> a = matrix(may), b = matrix(dec);
        Set<String> shared = new java.util.TreeSet<>(a.keySet());
        shared.retainAll(b.keySet());
        JsonPath c = when().get("/api/questionnaires/fmti-may2024/compare/fmti-dec2025").then().statusCode(200).extract().jsonPath();
        assertEquals(shared.size(), c.getInt("sharedQuestions"));
        assertEquals(a.size() - shared.size(), c.getList("onlyInA").size());
        assertEquals(b.size() - shared.size(), c.getList("onlyInB").size());
        for (String developer : List.of("Anthropic", "OpenAI", "Meta", "Amazon")) {
            int inA = shared.stream().mapToInt(i -> a.get(i).get(developer)).sum();
            int inB = shared.stream().mapToInt(i -> b.get(i).get(developer)).sum();
            String lab = developer.toLowerCase();
            assertEquals(inA, c.getInt("labs.find { it.lab == '" + lab + "' }.answeredA"), developer);
            assertEquals(inB, c.getInt("labs.find { it.lab == '" + lab + "' }.answeredB"), developer);
            assertEquals(inB - inA, c.getInt("labs.find { it.lab == '" + lab + "' }.delta"), developer);
        }
        assertEquals(false, c.getBoolean("labs.find { it.lab == 'adept' }.inB"), "Adept is only in May 2024");
        // the same over GraphQL
        JsonPath g = org.labledger.graphql.GraphQL.data("{ compareQuestionnaires(a: \"fmti-may2024\", b: \"fmti-dec2025\") { sharedQuestions labs { lab delta } } }");
        assertEquals(c.getInt("sharedQuestions"), g.getInt("compareQuestionnaires.sharedQuestions"));
        assertEquals(c.getList("labs.delta"), g.getList("compareQuestionnaires.labs.delta"));
        when().get("/api/questionnaires/fmti-may2024/compare/nope").then().statusCode(404).contentType("application/problem+json");
        when().get("/api/questionnaires/fmti-may2024/compare/fmti-may2024").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("b"));
        JsonPath self = org.labledger.graphql.GraphQL.post("{ compareQuestionnaires(a: \"fmti-may2024\", b: \"fmti-may2024\") { sharedQuestions } }", null);
        org.junit.jupiter.api.Assertions.assertNotNull(self.getString("errors[0].extensions.code"), "a GraphQL error with a code");
    }

    /** indicator (normalised) → developer → score, read straight from a scores file. */
    static Map<String, Map<String, Integer>> matrix(Path scores) throws IOException {
        List<Csv.Row> rows = Csv.parse(Files.readString(scores));
        Map<String, Map<String, Integer>> m = new java.util.LinkedHashMap<>();
        for (Csv.Row r : rows.subList(1, rows.size())) {
            String name = r.text(0).trim();
            if (name.equals("Total")) {
                continue;
            }
            Map<String, Integer> byDev = new java.util.HashMap<>();
            for (int c = 1; c < rows.get(0).size(); c++) {
                byDev.put(rows.get(0).text(c).trim(), Integer.parseInt(r.text(c).trim()));
            }
            m.put(name.toLowerCase().replaceAll("[^\\p{L}\\p{N}]+", " ").trim(), byDev);
        }
        return m;
    }

    @Test
    void may2024ReportsAreRejectedBecauseTheyRenameIndicators() throws IOException {
        Path dir = DATA.resolve("May2024");
        given().header("Authorization", "Bearer " + Tokens.curator())
                .multiPart("edition", "May2024")
                .multiPart("scores", dir.resolve("May2024_scores.csv").toFile(), "text/csv")
                .multiPart("reports", dir.resolve("reports").resolve("OpenAI_fmtransparencyreport_May2024.csv").toFile(), "text/csv")
                .when().post("/api/imports/fmti").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("reports"))
                .body("errors[0].file", equalTo("OpenAI_fmtransparencyreport_May2024.csv"))
                .body("errors[0].line", org.hamcrest.Matchers.greaterThan(1))
                .body("errors[0].column", equalTo(1))
                .body("detail", containsString("is not in the scores file"));
        when().get("/api/questionnaires/fmti-may2024").then().statusCode(404);
    }

    @Test
    void dryRunReportsWithoutWriting() throws IOException {
        Path dir = DATA.resolve("Dec2025");
        int labs = when().get("/api/labs").then().extract().jsonPath().getInt("totalItems");
        JsonPath report = upload(curator(), "Dec2025", dir.resolve("Dec2025_scores.csv"), null, List.of())
                .queryParam("dryRun", "true").when().post("/api/imports/fmti").then().statusCode(200).extract().jsonPath();
        assertTrue(report.getBoolean("dryRun"));
        assertEquals(1300, report.getInt("counts.answers.created"));
        assertEquals(7, report.getList("newLabs").size());
        when().get("/api/questionnaires/fmti-dec2025").then().statusCode(404);
        assertEquals(labs, when().get("/api/labs").then().extract().jsonPath().getInt("totalItems"));
    }

    @Test
    void aFailureInTheLastFileWritesNothing() throws IOException {
        Path dir = DATA.resolve("Dec2025");
        List<Path> reports = new ArrayList<>(reports("Dec2025"));
        String xai = Files.readString(reports.remove(reports.size() - 1));
        // flip one score in xAI's report: it no longer agrees with the matrix
        String broken = xai.replaceFirst(",1\\r?\\n", ",0\n");
        if (broken.equals(xai)) {
            broken = xai.replaceFirst(",0\\r?\\n", ",1\n");
        }
        RequestSpecification spec = upload(curator(), "Dec2025", dir.resolve("Dec2025_scores.csv"), dir.resolve("Dec2025_indicators.csv"), reports)
                .multiPart("reports", "xAI_fmtransparencyreport_Dec2025.csv", broken.getBytes(StandardCharsets.UTF_8), "text/csv");
        spec.when().post("/api/imports/fmti").then().statusCode(400)
                .body("errors[0].file", equalTo("xAI_fmtransparencyreport_Dec2025.csv"))
                .body("detail", containsString("differs from the scores file"));
        when().get("/api/questionnaires/fmti-dec2025").then().statusCode(404);
        when().get("/api/labs/xai").then().statusCode(404);
    }

    static final String GOOD = "\uFEFFIndicator,Lab One ,Lab Two\r\n\"Data, size\",1,0\r\n\"Multi\nline\",0,1\r\nCompute ,1,1\r\n";

    @Test
    void quirksAreSurvived() {
        JsonPath r = uploadText(admin(), "Quirks1", "q_scores.csv", GOOD + "Total,2,2\r\n", Map.of(
                "Lab_One_fmtransparencyreport_Quirks1.csv",
                "\uFEFFDownstream applications,Disclosure,Score\n\"Data, size\",\"We say\nhow much\",1\nMulti line,,0\nCompute,yes,1\n"))
                .when().post("/api/imports/fmti").then().statusCode(200).extract().jsonPath();
        assertEquals(3, r.getInt("indicators"));
        assertEquals(List.of("Lab One", "Lab Two"), r.getList("labs.developer"));
        assertTrue(r.getList("warnings").stream().anyMatch(w -> w.toString().contains("Downstream applications")));
        when().get("/api/questions/fmti-quirks1-data-size").then().statusCode(200)
                .body("answers.find { it.lab == 'lab-one' }.summary", equalTo("We say\nhow much"));
        // the Domain,Subdomain,Indicator,…,Total shape
        uploadText(admin(), "Quirks2", "shape.csv", "Domain,Subdomain,Indicator,A Lab,B Lab,Total\nUpstream,Data,Size,1,0,1\nUpstream,Compute,Flops,1,1,2\n", Map.of())
                .when().post("/api/imports/fmti").then().statusCode(200).body("indicators", equalTo(2));
        when().get("/api/questions/fmti-quirks2-flops").then().statusCode(200)
                .body("topic.path", equalTo(List.of("Foundation Model Transparency Index", "Upstream", "Compute")));
    }

    private static void rejected(String scores, Map<String, String> reports, int line, int column, String message) {
        var body = uploadText(curator(), "Broken", "broken_scores.csv", scores, reports)
                .when().post("/api/imports/fmti").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(message)).extract().jsonPath();
        assertEquals(line, body.getInt("errors[0].line"), body.prettify());
        assertEquals(column, body.getInt("errors[0].column"), body.prettify());
        when().get("/api/questionnaires/fmti-broken").then().statusCode(404);
    }

    @Test
    void brokenInputsAreRejectedWithFileLineAndColumn() {
        rejected("Question,A,B\nX,1,0\n", Map.of(), 1, 1, "unexpected header 'Question'");
        rejected("Indicator,A,B\nX,1,0\nY,2,1\n", Map.of(), 3, 2, "score must be 0 or 1, was '2'");
        rejected("Indicator,A,B\nX,1,0\nY,yes,1\n", Map.of(), 3, 2, "was 'yes'");
        rejected("Indicator,A,B\nX,1,0\nY,1,1\nTotal,2,2\n", Map.of(), 4, 3, "total for developer 'B' is 2 but its scores add up to 1");
        rejected("Indicator,A,B,Total\nX,1,0,1\nY,1,1,1\n", Map.of(), 3, 4, "total for indicator 'Y' is 1 but its scores add up to 2");
        rejected("Indicator,A,B\nX,1,0\nX ,1,1\n", Map.of(), 3, 1, "appears twice");
        rejected("Indicator,A,B\nX,1,0\n\"Y,1,1\n", Map.of(), 3, 1, "never closed");
        rejected("Indicator,A,A\nX,1,0\n", Map.of(), 1, 3, "appears twice");
        rejected("Indicator,A,B\nX,1,0\nY,1\n", Map.of(), 3, 3, "the row has 2 cells");
        rejected("Indicator,A,B\nX,1,0\nY,1,1\n", Map.of("A_fmtransparencyreport_Broken.csv", "Indicator,Score\nX,1\nZ,1\n"), 3, 1, "indicator 'Z' is not in the scores file");
        rejected("Indicator,A,B\nX,1,0\nY,1,1\n", Map.of("A_fmtransparencyreport_Broken.csv", "Indicator,Score\nX,1\n"), 2, 1, "missing from the report: Y");
        rejected("Indicator,A,B\nX,1,0\nY,1,1\n", Map.of("A_fmtransparencyreport_Broken.csv", "Indicator,Points\nX,1\nY,1\n"), 1, 1, "unexpected header");
        rejected("Indicator,A,B\nX,1,0\nY,1,1\n", Map.of("A_fmtransparencyreport_Broken.csv", "Indicator,Score\nX,0\nY,1\n"), 2, 2, "score 0 for 'X' differs from the scores file (1");
    }

    @Test
    void reportForAnUnknownDeveloperIsRejected() {
        uploadText(curator(), "Broken", "s.csv", "Indicator,A,B\nX,1,0\n", Map.of("Zed_fmtransparencyreport_Broken.csv", "Indicator,Score\nX,1\n"))
                .when().post("/api/imports/fmti").then().statusCode(400)
                .body("errors[0].file", equalTo("Zed_fmtransparencyreport_Broken.csv"))
                .body("detail", containsString("names no developer"));
    }

    @Test
    void missingPartsAndBadEditionsAreRejected() {
        curator().multiPart("edition", "Dec2025").when().post("/api/imports/fmti").then().statusCode(400)
                .body("errors[0].field", equalTo("scores"));
        uploadText(curator(), "../../etc", "s.csv", "Indicator,A\nX,1\n", Map.of()).when().post("/api/imports/fmti")
                .then().statusCode(400).body("errors[0].field", equalTo("edition"));
        uploadText(curator(), "Ok", "s.csv", "Indicator,A\nX,1\n", Map.of()).queryParam("dryRun", "perhaps")
                .when().post("/api/imports/fmti").then().statusCode(400).body("errors[0].field", equalTo("dryRun"));
    }

    @Test
    void onlyCuratorsMayImport() {
        uploadText(given(), "Auth", "s.csv", "Indicator,A\nX,1\n", Map.of()).when().post("/api/imports/fmti")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        uploadText(given().header("Authorization", "Bearer " + Tokens.reader()), "Auth", "s.csv", "Indicator,A\nX,1\n", Map.of())
                .when().post("/api/imports/fmti").then().statusCode(403).contentType("application/problem+json");
        String expired = Tokens.token("x", Set.of("curator"), Tokens.ISSUER, Tokens.AUDIENCE, Instant.now().minusSeconds(3600));
        String wrongIssuer = Tokens.token("x", Set.of("curator"), "https://evil.example", Tokens.AUDIENCE, Instant.now().plusSeconds(600));
        String wrongAudience = Tokens.token("x", Set.of("curator"), Tokens.ISSUER, "someone-else", Instant.now().plusSeconds(600));
        for (String bad : List.of(expired, wrongIssuer, wrongAudience, "not.a.jwt")) {
            uploadText(given().header("Authorization", "Bearer " + bad), "Auth", "s.csv", "Indicator,A\nX,1\n", Map.of())
                    .when().post("/api/imports/fmti").then().statusCode(401).contentType("application/problem+json");
        }
        when().get("/api/questionnaires/fmti-auth").then().statusCode(404);
    }
}
