package org.labledger.seed;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.labledger.security.Tokens;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Export → import into an empty database → export gives the identical document. Runs on its own database
 * (labledger_roundtrip, created by scripts/db.sh) so that emptying it does not disturb the other suites.
 */
@QuarkusTest
@TestProfile(ExportRoundTripTest.OwnDatabase.class)
class ExportRoundTripTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // LABLEDGER_ROUNDTRIP_JDBC_URL: another empty database, so that two checkouts can run this suite at once
            return Map.of("quarkus.datasource.jdbc.url", System.getenv().getOrDefault("LABLEDGER_ROUNDTRIP_JDBC_URL",
                    "jdbc:postgresql://localhost:5432/labledger_roundtrip"));
        }
    }

    @Inject
    EntityManager em;

    private static String export() {
        return when().get("/api/export").then().statusCode(200).contentType("application/json")
                .header("Content-Disposition", containsString("labledger-export.json")).extract().asString();
    }

    @Test
    void exportImportExportIsIdentical() {
        // some imported data too, with the fields only imports fill (justification, references, new labs: an admin's import)
        given().header("Authorization", "Bearer " + Tokens.admin())
                .multiPart("edition", "Trip")
                .multiPart("scores", "trip_scores.csv", "Indicator,Lab A,Lab B\nSize,1,0\nCompute,0,1\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("reports", "Lab A_fmtransparencyreport_Trip.csv",
                        "Indicator,Disclosure,Justification,References,Score\nSize,\"12 GB\",\"stated, \"\"exactly\"\"\",https://example.org/a,1\nCompute,,,,0\n"
                                .getBytes(StandardCharsets.UTF_8), "text/csv")
                .when().post("/api/imports/fmti").then().statusCode(200);

        String first = export();
        assertTrue(first.contains("\"justification\":\"stated, \\\"exactly\\\"\""), "the export carries import-only fields");
        var doc = io.restassured.path.json.JsonPath.from(first);
        int answers = doc.getList("answers").size();
        int citations = doc.getList("questions.citations.flatten()").size();
        int claims = doc.getList("claims").size();
        assertTrue(claims > 0, "the export carries the claims");
        assertTrue(doc.getList("claims.links.flatten()").size() > 0, "and their links");
        int supports = doc.getList("claims.supports.flatten()").size();
        assertTrue(supports > 0, "and the records they support");

        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("truncate source, lab, lab_alias, topic, questionnaire, question, answer,"
                + " agreement, agreement_party, provision, event, event_lab, lab_score, citation, seed_import,"
                + " named_entity, named_entity_alias, claim, claim_link, claim_support, figure, relative_date, lab_alias_inference restart identity cascade").executeUpdate());
        when().get("/api/labs").then().statusCode(200).body("items.size()", equalTo(0)).body("totalItems", equalTo(0));

        given().header("Authorization", "Bearer " + Tokens.admin()).contentType("application/json").body(first)
                .when().post("/api/imports/dataset").then().statusCode(200)
                .body("counts.answers.created", equalTo(answers));

        String second = export();
        assertEquals(first, second, "export → import into an empty database → export");
        assertEquals(citations, io.restassured.path.json.JsonPath.from(second).getList("questions.citations.flatten()").size());
        assertEquals(claims, io.restassured.path.json.JsonPath.from(second).getList("claims").size());
        assertEquals(supports, io.restassured.path.json.JsonPath.from(second).getList("claims.supports.flatten()").size());
    }

    @Test
    void datasetImportNeedsAdminAndAValidDocument() {
        String doc = export();
        given().header("Authorization", "Bearer " + Tokens.curator()).contentType("application/json").body(doc)
                .when().post("/api/imports/dataset").then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body(doc).when().post("/api/imports/dataset").then().statusCode(401);
        String broken = doc.replaceFirst("\"status\":\"UNANSWERED\"", "\"status\":\"MAYBE\"");
        given().header("Authorization", "Bearer " + Tokens.admin()).contentType("application/json").body(broken)
                .when().post("/api/imports/dataset").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("answers[")).body("detail", containsString("MAYBE"));
        // and a re-import of the unchanged export changes nothing
        given().header("Authorization", "Bearer " + Tokens.admin()).contentType("application/json").body(doc)
                .when().post("/api/imports/dataset").then().statusCode(200)
                .body("counts.answers.created", equalTo(0)).body("counts.answers.updated", equalTo(0));
    }

    /**
     * Every versioned row's version and the number of recorded revisions: what a no-op import must leave alone.
     * (data_version, the change stream's counter, is not a row version: the import's own log row advances it; nor is
     * tx_commit's, V17's log of the versions the commits got.)
     */
    private Map<String, Object> versions() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Object> v = new java.util.TreeMap<>();
            @SuppressWarnings("unchecked")
            List<String> tables = em.createNativeQuery("select table_name from information_schema.columns where table_schema = current_schema()"
                    + " and column_name = 'version' and table_name not in ('flyway_schema_history', 'data_version', 'tx_commit') order by table_name").getResultList();
            assertTrue(tables.containsAll(List.of("agreement", "answer", "lab", "provision", "question", "questionnaire", "source", "topic")), tables.toString());
            for (String t : tables) {
                for (Object[] r : (List<Object[]>) em.createNativeQuery("select id, version from " + t + " order by id").getResultList()) {
                    v.put(t + ":" + r[0], r[1]);
                }
            }
            v.put("revisions", em.createNativeQuery("select count(*) from revision").getSingleResult());
            return v;
        });
    }

    @Test
    void reimportingAnUnchangedExportChangesNothing() throws Exception {
        // the bundled dataset lists the parties of microsoft-meta-llama-2 as microsoft, meta; the export sorts them by lab:
        // the same parties in another order must not count as a change (it bumped the agreement's version)
        String seed = new String(getClass().getResourceAsStream("/seeds/labledger.json").readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(seed.contains("\"microsoft-meta-llama-2\""), "the dataset still has the agreement whose parties are not in lab order");
        given().header("Authorization", "Bearer " + Tokens.admin()).contentType("application/json").body(seed)
                .when().post("/api/imports/dataset").then().statusCode(200);
        Map<String, Object> before = versions();
        String doc = export();
        Map<String, Map<String, Integer>> counts = given().header("Authorization", "Bearer " + Tokens.admin()).contentType("application/json")
                .body(doc).when().post("/api/imports/dataset").then().statusCode(200).extract().path("counts");
        counts.forEach((kind, c) -> {
            assertEquals(0, c.getOrDefault("created", 0), kind + " created: " + c);
            assertEquals(0, c.getOrDefault("updated", 0), kind + " updated: " + c);
        });
        assertEquals(before, versions(), "no version bumped, no revision recorded by re-importing an unchanged export");
        assertEquals(doc, export());
    }
}
