package org.labledger.importer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labledger.security.JwtKeys;
import org.labledger.security.Tokens;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11 §3: an FMTI upload is bounded (developers, indicators, cells per file, file size), refused before any
 * database work with a 413 problem naming the limit; and only an admin's import may create labs.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeys.class)
class FmtiImportLimitsTest {

    @Inject
    EntityManager em;
    @Inject
    SessionFactory sessionFactory;

    private Set<String> labsBefore;

    @BeforeEach
    void rememberLabs() {
        labsBefore = FmtiCleanup.snapshot(em);
    }

    @AfterEach
    void removeImports() {
        FmtiCleanup.run(em, labsBefore);
    }

    private static RequestSpecification as(String token) {
        return given().log().ifValidationFails().header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification scores(RequestSpecification spec, String edition, String csv) {
        return spec.multiPart("edition", edition).multiPart("scores", "big_scores.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    /** A matrix of 1s: {@code developers} columns named Dev0001…, {@code indicators} rows. */
    static String matrix(int developers, int indicators) {
        StringBuilder sb = new StringBuilder("Indicator");
        for (int d = 1; d <= developers; d++) {
            sb.append(",Dev").append(String.format("%04d", d));
        }
        sb.append('\n');
        String ones = ",1".repeat(developers);
        for (int i = 1; i <= indicators; i++) {
            sb.append('I').append(i).append(ones).append('\n');
        }
        return sb.toString();
    }

    /** Posts as admin (who may create labs) and checks the 413 problem, that no SQL ran, and that nothing was written. */
    private void tooLarge(RequestSpecification request, String limit, String part) {
        int labs = when().get("/api/labs").then().extract().jsonPath().getInt("totalItems");
        sessionFactory.getStatistics().clear();
        long start = System.nanoTime();
        Response r = request.when().post("/api/imports/fmti");
        long ms = (System.nanoTime() - start) / 1_000_000;
        long statements = sessionFactory.getStatistics().getPrepareStatementCount();
        r.then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413))
                .body("type", equalTo("https://labledger.org/problems/import-too-large"))
                .body("detail", containsString(limit))
                .body("errors[0].field", equalTo(part));
        assertEquals(0, statements, "refused before any database work");
        assertTrue(ms < 20_000, "refused up front, not after a long import (" + ms + " ms)");
        assertEquals(labs, when().get("/api/labs").then().extract().jsonPath().getInt("totalItems"), "no lab created");
        when().get("/api/questionnaires/fmti-huge").then().statusCode(404);
    }

    @Test
    void tenThousandDevelopersAreRefused() {
        tooLarge(scores(as(Tokens.admin()), "Huge", matrix(10_000, 1)), "labledger.import.max-", "scores");
    }

    @Test
    void developersOverTheLimitAreRefused() {
        tooLarge(scores(as(Tokens.admin()), "Huge", matrix(51, 2)), "labledger.import.max-developers", "scores");
    }

    @Test
    void indicatorsOverTheLimitAreRefused() {
        tooLarge(scores(as(Tokens.admin()), "Huge", matrix(2, 501)), "labledger.import.max-indicators", "scores");
    }

    @Test
    void aHundredThousandRowsAreRefusedByTheCellLimit() {
        tooLarge(scores(as(Tokens.admin()), "Huge", matrix(1, 100_000)), "labledger.import.max-cells", "scores");
    }

    @Test
    void aReportOverTheCellLimitIsRefused() {
        String report = "Indicator,Score\n" + IntStream.rangeClosed(1, 15_000).mapToObj(i -> "Indicator " + i + ",1").collect(Collectors.joining("\n"));
        tooLarge(scores(as(Tokens.admin()), "Huge", matrix(2, 2))
                        .multiPart("reports", "Dev0001_fmtransparencyreport_Huge.csv", report.getBytes(StandardCharsets.UTF_8), "text/csv"),
                "labledger.import.max-cells", "reports");
    }

    @Test
    void moreReportsThanDevelopersAllowedAreRefused() {
        RequestSpecification r = scores(as(Tokens.admin()), "Huge", matrix(2, 2));
        for (int i = 1; i <= 51; i++) {
            r = r.multiPart("reports", "Dev" + i + "_fmtransparencyreport_Huge.csv", "Indicator,Score\n".getBytes(StandardCharsets.UTF_8), "text/csv");
        }
        tooLarge(r, "labledger.import.max-developers", "reports");
    }

    @Test
    void aFileOverTheSizeLimitIsRefused() {
        String padded = matrix(2, 2) + "\n".repeat(3 * 1024 * 1024);
        tooLarge(scores(as(Tokens.admin()), "Huge", padded), "labledger.import.max-file-size", "scores");
    }

    @Test
    void theRealEditionsAreWellWithinTheLimits() {
        // Dec 2025 (13 developers, 100 indicators, 13 reports) as a dry run: the defaults leave ample room
        java.nio.file.Path dir = java.nio.file.Path.of("data", "fmti", "Dec2025");
        RequestSpecification r = as(Tokens.curator()).multiPart("edition", "Dec2025")
                .multiPart("scores", dir.resolve("Dec2025_scores.csv").toFile(), "text/csv")
                .multiPart("indicators", dir.resolve("Dec2025_indicators.csv").toFile(), "text/csv");
        for (java.io.File f : java.util.Objects.requireNonNull(dir.resolve("reports").toFile().listFiles())) {
            r = r.multiPart("reports", f, "text/csv");
        }
        r.queryParam("dryRun", "true").when().post("/api/imports/fmti").then().statusCode(200)
                .body("developers", equalTo(13)).body("reports", equalTo(13)).body("indicators", equalTo(100));
    }

    // --- who may create labs ---

    static final String WITH_NEW_LABS = "Indicator,Anthropic,Brand New Lab,Other New Lab\nSize,1,0,1\nCompute,0,1,1\n";

    @Test
    void aCuratorsImportThatWouldCreateLabsIsRefusedNamingThem() {
        JsonPath p = scores(as(Tokens.curator()), "NewLabs", WITH_NEW_LABS).when().post("/api/imports/fmti").then()
                .statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://labledger.org/problems/forbidden"))
                .body("detail", containsString("brand-new-lab"))
                .body("detail", containsString("other-new-lab"))
                .body("detail", containsString("admin"))
                .extract().jsonPath();
        assertEquals(List.of("newLabs", "newLabs"), p.getList("errors.field"));
        assertTrue(p.getList("errors.message").toString().contains("Brand New Lab"), p.prettify());
        when().get("/api/labs/brand-new-lab").then().statusCode(404);
        when().get("/api/questionnaires/fmti-newlabs").then().statusCode(404);

        // a dry run lists them for confirmation, for a curator too, and writes nothing
        scores(as(Tokens.curator()), "NewLabs", WITH_NEW_LABS).queryParam("dryRun", "true").when().post("/api/imports/fmti")
                .then().statusCode(200).body("dryRun", equalTo(true))
                .body("newLabs", equalTo(List.of("brand-new-lab", "other-new-lab")));
        when().get("/api/labs/brand-new-lab").then().statusCode(404);

        // an admin may run it
        scores(as(Tokens.admin()), "NewLabs", WITH_NEW_LABS).when().post("/api/imports/fmti")
                .then().statusCode(200).body("newLabs", equalTo(List.of("brand-new-lab", "other-new-lab")));
        when().get("/api/labs/brand-new-lab").then().statusCode(200).body("kind", equalTo("OTHER"));
    }

    @Test
    void aCuratorMayImportAnEditionOfKnownLabs() {
        scores(as(Tokens.curator()), "KnownLabs", "Indicator,Anthropic,OpenAI,Google\nSize,1,0,1\n").when().post("/api/imports/fmti")
                .then().statusCode(200).body("newLabs", equalTo(List.of())).body("counts.answers.created", equalTo(3));
    }

    // --- imports may run longer than a request ---

    @Test
    void anImportMayWaitLongerThanARequestStatementMay() throws Exception {
        // another import holds the import lock for longer than a request's statement may take (5 s) and than
        // the connection may stay silent (idle timeout): the import waits for it and succeeds
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        String password = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class);
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("select pg_advisory_xact_lock(" + 0x4C4C_5345_4544L + ")");
            }
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(7_000);
                    c.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            long start = System.nanoTime();
            scores(as(Tokens.curator()), "Waits", "Indicator,Anthropic\nSize,1\n").queryParam("dryRun", "true")
                    .when().post("/api/imports/fmti").then().statusCode(200).body("counts.answers.created", equalTo(1));
            long ms = (System.nanoTime() - start) / 1_000_000;
            release.join();
            assertTrue(ms >= 6_500, "the import waited for the lock (" + ms + " ms)");
        }
    }
}
