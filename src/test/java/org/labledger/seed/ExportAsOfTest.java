package org.labledger.seed;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.labledger.security.Tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /api/export?asOf= at any time since the row history (V17) started: the document is byte for byte the export
 * taken at that time, whatever was written since (labs, an answer's summary, a citation).
 */
@QuarkusTest
class ExportAsOfTest {

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).auth().oauth2(token);
    }

    private static Response export(String asOf) {
        RequestSpecification r = given();
        if (asOf != null) {
            r = r.queryParam("asOf", asOf);
        }
        return r.when().get("/api/export").then().statusCode(200).contentType(startsWith("application/json")).extract().response();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static String text(Response r) {
        return new String(r.asByteArray(), StandardCharsets.UTF_8);
    }

    private static void lab(String slug) {
        as(Tokens.admin()).body("{\"slug\":\"" + slug + "\",\"name\":\"As-of test lab " + slug + "\",\"kind\":\"OTHER\"}")
                .when().post("/api/labs").then().statusCode(201);
    }

    /** A moment strictly after everything committed so far, by the database's clock (the clock of the history). */
    private OffsetDateTime dbNow() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select clock_timestamp()")) {
            rs.next();
            OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
            Thread.sleep(5);
            return t;
        }
    }

    @Test
    void anExportAsOfItsOwnPointIsTheSameBytes() throws Exception {
        Response now = export(null);
        String at = now.header("LabLedger-As-Of");
        assertNotNull(at, "the export names the point it is (the seed import wrote since the history started)");
        assertNotNull(now.header("LabLedger-Data-Version"));
        Response then = export(at);
        assertEquals(sha256(now.asByteArray()), sha256(then.asByteArray()));
        assertEquals(now.header("LabLedger-Data-Version"), then.header("LabLedger-Data-Version"));
        assertEquals(at, then.header("LabLedger-As-Of"));
    }

    @Test
    void aPastExportIsRebuiltExactlyAfterLaterWrites() throws Exception {
        Map<String, Object> a = when().get("/api/answers?lab=anthropic&size=1").then().statusCode(200).extract().path("items[0]");
        long id = ((Number) a.get("id")).longValue();
        String summary = when().get("/api/answers/" + id).then().statusCode(200).extract().path("summary");
        // a source the answer does not cite yet
        List<Map<String, Object>> sources = when().get("/api/sources?size=100").then().statusCode(200).extract().jsonPath().getList("items");
        String source = sources.stream().filter(s -> s.get("url") != null && !((List<?>) a.get("sourceUrls")).contains(s.get("url")))
                .map(s -> (String) s.get("key")).findFirst().orElseThrow();
        String first = "t-asof-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "t-asof-" + UUID.randomUUID().toString().substring(0, 8);
        String quote = "ExportAsOfTest " + UUID.randomUUID();
        String newSummary = "ExportAsOfTest summary " + UUID.randomUUID();
        Long citation = null;
        boolean firstGone = false;
        try {
            // write 1: a lab; then the state between write 1 and write 2, taken now and remembered by time only
            lab(first);
            Response afterLab = export(null);
            OffsetDateTime between = dbNow();
            assertTrue(text(afterLab).contains("\"" + first + "\""));

            // write 2: the answer's summary changed and a citation added
            restore(id, newSummary);
            citation = ((Number) as(Tokens.curator()).body(Map.of("subjectType", "ANSWER", "subject", String.valueOf(id), "source", source,
                    "quote", quote, "reason", "as-of test")).post("/api/citations").then().statusCode(201).extract().path("id")).longValue();
            Response t1 = export(null);
            assertTrue(text(t1).contains(quote) && text(t1).contains(newSummary));
            // the export again, many times: the pool's connections prepare its statements (server-side from the 5th use)
            for (int i = 0; i < 6; i++) {
                assertEquals(sha256(t1.asByteArray()), sha256(export(null).asByteArray()));
            }

            // later writes: another lab, the citation deleted, the summary back, the first lab deleted
            lab(second);
            as(Tokens.admin()).delete("/api/citations/" + citation).then().statusCode(204);
            citation = null;
            restore(id, summary);
            as(Tokens.admin()).delete("/api/labs/" + first).then().statusCode(204);
            firstGone = true;
            Response later = export(null);
            assertFalse(text(later).contains(quote));
            assertFalse(text(later).contains("\"" + first + "\""));
            assertTrue(text(later).contains("\"" + second + "\""));

            // as of t1, and as of the time between the writes: the very bytes exported then
            Response asOfT1 = export(t1.header("LabLedger-As-Of"));
            assertEquals(sha256(t1.asByteArray()), sha256(asOfT1.asByteArray()), "export?asOf=t1 is the export taken at t1");
            Response asOfBetween = export(between.toString());
            assertEquals(sha256(afterLab.asByteArray()), sha256(asOfBetween.asByteArray()), "export?asOf=<between the writes>");
            assertEquals(afterLab.header("LabLedger-Data-Version"), asOfBetween.header("LabLedger-Data-Version"));
            assertNotEquals(sha256(afterLab.asByteArray()), sha256(asOfT1.asByteArray()));
            // and now is now
            assertEquals(sha256(later.asByteArray()), sha256(export(later.header("LabLedger-As-Of")).asByteArray()));
            // the exports of the past did not disturb the present
            assertEquals(sha256(later.asByteArray()), sha256(export(null).asByteArray()));
        } finally {
            if (citation != null) {
                as(Tokens.admin()).delete("/api/citations/" + citation).then().statusCode(204);
            }
            if (!java.util.Objects.equals(summary, when().get("/api/answers/" + id).then().extract().path("summary"))) {
                restore(id, summary);
            }
            if (!firstGone) {
                as(Tokens.admin()).delete("/api/labs/" + first);
            }
            as(Tokens.admin()).delete("/api/labs/" + second);
        }
    }

    /** Sets the answer's summary (null included), If-Match its current tag. */
    private static void restore(long id, String summary) {
        String tag = when().get("/api/answers/" + id).then().statusCode(200).extract().header("ETag");
        java.util.Map<String, Object> patch = new java.util.HashMap<>();
        patch.put("summary", summary);
        patch.put("reason", "as-of test");
        as(Tokens.curator()).contentType("application/merge-patch+json").header("If-Match", tag).body(patch).patch("/api/answers/" + id).then().statusCode(200);
    }

    @Test
    void timesOutsideTheHistoryAreProblems() throws Exception {
        String start;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select min(committed_at) from tx_commit")) {
            rs.next();
            start = rs.getObject(1, OffsetDateTime.class).toString();
        }
        given().queryParam("asOf", "2000-01-01T00:00:00Z").when().get("/api/export").then().statusCode(422)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("row history"))
                .body("errors[0].field", equalTo("asOf"));
        given().queryParam("asOf", "2000-01-01T00:00:00Z").when().get("/api/export").then().statusCode(422)
                .body("detail", containsString(start.substring(0, 16)));
        given().queryParam("asOf", "not-a-time").when().get("/api/export").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("asOf"));
        given().queryParam("asOf", OffsetDateTime.now().plusDays(1).toString()).when().get("/api/export").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("future"));
    }

    @Test
    void theHistoryHoldsEveryWrittenTableAndNotTheLogs() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select array_agg(substr(c.relname, 13)::text order by c.relname) from pg_inherits i"
                     + " join pg_class c on c.oid = i.inhrelid where i.inhparent = 'row_history'::regclass")) {
            rs.next();
            List<String> tables = List.of((String[]) rs.getArray(1).getArray());
            assertTrue(tables.containsAll(List.of("answer", "citation", "lab", "question", "source", "claim")), tables.toString());
            assertFalse(tables.contains("revision") || tables.contains("dataset_release") || tables.contains("answer_tally"), tables.toString());
        }
    }
}
