package org.labledger.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.labledger.security.Tokens;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dataset releases over HTTP against the real database: immutable bytes, notes, the package, access, bad input. */
@QuarkusTest
class ReleaseResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode release(String description) throws IOException {
        Response r = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(description == null ? "{}" : JSON.createObjectNode().put("description", description).toString())
                .when().post("/api/releases");
        r.then().statusCode(201).contentType(startsWith("application/json"));
        JsonNode body = JSON.readTree(r.asByteArray());
        assertTrue(r.header("Location").endsWith("/api/releases/" + body.path("number").asInt()), r.header("Location"));
        return body;
    }

    static String lab(String slug) {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"slug\":\"" + slug + "\",\"name\":\"Release test lab " + slug + "\",\"kind\":\"OTHER\"}")
                .when().post("/api/labs").then().statusCode(201);
        return slug;
    }

    static void deleteLab(String slug) {
        given().auth().oauth2(Tokens.admin()).when().delete("/api/labs/" + slug).then().statusCode(204);
    }

    static byte[] bytes(String path, String accept) {
        return given().accept(accept).when().get(path).then().statusCode(200).extract().asByteArray();
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                files.put(e.getName().substring("labledger-release/".length()), z.readAllBytes());
            }
        }
        return files;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static boolean mentions(JsonNode items, String entity, String key) {
        for (JsonNode i : items) {
            if (i.path("entity").asText().equals(entity) && i.path("key").asText().equals(key)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aReleaseIsServedByteForByteTheSameAfterLaterWrites() throws Exception {
        JsonNode made = release("byte-identity test");
        int n = made.path("number").asInt();
        String path = "/api/releases/" + n;
        byte[] json = bytes(path, "application/json");
        byte[] zip = bytes(path + ".zip", "*/*");
        // the JSON served is the one the POST answered with; Accept: application/zip is the same zip as the .zip URL
        assertEquals(made, JSON.readTree(json));
        assertArrayEquals(zip, bytes(path, "application/zip"));
        String sha = made.path("sha256").asText();
        assertEquals(sha256(unzip(zip).get("labledger.json")), sha, "sha256 names labledger.json in the zip");
        assertEquals(sha256(zip), made.path("zipSha256").asText());
        // the embedded dataset is that very document
        assertEquals(JSON.readTree(unzip(zip).get("labledger.json")), made.path("dataset"));

        String slug = lab("t-rel-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            // the ledger changed: the current export has the lab, the release does not, and its bytes are unchanged
            assertTrue(new String(bytes("/api/export", "application/json"), StandardCharsets.UTF_8).contains("\"" + slug + "\""));
            byte[] jsonAfter = bytes(path, "application/json");
            byte[] zipAfter = bytes(path + ".zip", "*/*");
            assertArrayEquals(json, jsonAfter, "release JSON changed after a later write");
            assertArrayEquals(zip, zipAfter, "release zip changed after a later write");
            assertEquals(sha, sha256(unzip(zipAfter).get("labledger.json")));
            assertFalse(new String(jsonAfter, StandardCharsets.UTF_8).contains("\"" + slug + "\""));

            // the export as of the release is the release's document, exactly (the lab came later)
            byte[] then = given().queryParam("asOf", made.path("createdAt").asText()).when().get("/api/export")
                    .then().statusCode(200).extract().asByteArray();
            assertEquals(sha, sha256(then), "GET /api/export?asOf=<release time> is that release's document");
        } finally {
            deleteLab(slug);
        }
    }

    @Test
    void notesListTheWritesBetweenTwoReleases() throws Exception {
        JsonNode first = release(null);
        String added = lab("t-rel-" + UUID.randomUUID().toString().substring(0, 8));
        String gone = lab("t-rel-" + UUID.randomUUID().toString().substring(0, 8));
        deleteLab(gone);
        JsonNode second = release("after two labs");
        try {
            JsonNode notes = second.path("notes");
            assertEquals(first.path("number").asInt() + 1, second.path("number").asInt());
            assertEquals(first.path("number").asInt(), notes.path("previousRelease").asInt());
            assertEquals(first.path("lastRevision").asLong(), notes.path("afterRevision").asLong());
            assertTrue(mentions(notes.path("added").path("items"), "LAB", added), notes.toString());
            assertTrue(mentions(notes.path("added").path("items"), "LAB", gone), notes.toString());
            assertTrue(mentions(notes.path("deleted").path("items"), "LAB", gone), notes.toString());
            assertFalse(mentions(notes.path("deleted").path("items"), "LAB", added), notes.toString());
            // no claim changed between the two: none is listed as newly disputing; the first lists only disputing stances
            assertEquals(0, notes.path("disputed").size(), notes.path("disputed").toString());
            for (JsonNode d : first.path("notes").path("disputed")) {
                assertTrue(ReleaseService.DISPUTING.contains(d.path("stance").asText()), d.toString());
            }
            // nothing from before the first release
            for (JsonNode i : notes.path("added").path("items")) {
                assertTrue(i.path("revision").asLong() > first.path("lastRevision").asLong(), i.toString());
            }
            assertEquals(notes.path("added").path("count").asInt(), given().when().get("/api/releases?size=200").then().statusCode(200)
                    .extract().jsonPath().getInt("items.find { it.number == " + second.path("number").asInt() + " }.added"));
            // the zip's notes say it too
            String md = new String(unzip(bytes("/api/releases/" + second.path("number").asInt() + ".zip", "*/*")).get("RELEASE-NOTES.md"), StandardCharsets.UTF_8);
            assertTrue(md.contains("lab `" + added + "`"), md);
            assertTrue(md.contains("Changes since release " + first.path("number").asInt()), md);
        } finally {
            deleteLab(added);
        }
    }

    @Test
    void theZipIsAFrictionlessDataPackageWithACitation() throws Exception {
        JsonNode made = release(null);
        Map<String, byte[]> files = unzip(bytes("/api/releases/" + made.path("number").asInt() + ".zip", "*/*"));
        assertEquals(List.of("labledger.json", "datapackage.json", "CITATION.cff", "RELEASE-NOTES.md"), List.copyOf(files.keySet()).subList(0, 4));
        JsonNode pkg = JSON.readTree(files.get("datapackage.json"));
        assertEquals("tabular-data-package", pkg.path("profile").asText());
        // the dataset's declared licence (DATA-LICENSE.md), in both metadata files
        assertEquals("CC-BY-4.0", pkg.path("licenses").path(0).path("name").asText(), pkg.toString());
        assertEquals(made.path("number").asText(), pkg.path("version").asText());
        JsonNode doc = made.path("dataset");
        int checked = 0;
        for (JsonNode res : pkg.path("resources")) {
            byte[] csv = files.get(res.path("path").asText());
            assertTrue(csv != null, "resource file in the zip: " + res.path("path"));
            assertEquals("sha256:" + sha256(csv), res.path("hash").asText());
            assertEquals(csv.length, res.path("bytes").asInt());
            String[] lines = new String(csv, StandardCharsets.UTF_8).split("\r\n");
            List<String> header = List.of(lines[0].split(","));
            List<String> fields = new java.util.ArrayList<>();
            res.path("schema").path("fields").forEach(f -> fields.add(f.path("name").asText()));
            assertEquals(fields, header, res.path("name").asText());
            String section = res.path("path").asText().replace("data/", "").replace(".csv", "");
            // one row per record of the section (rows may span lines when a cell holds a line break: count records only when none does)
            if (!new String(csv, StandardCharsets.UTF_8).contains("\n\"") && doc.path(section).size() > 0 && !section.equals("questions")
                    && !section.equals("answers") && !section.equals("sources")) {
                assertTrue(lines.length - 1 >= doc.path(section).size(), section);
            }
            checked++;
        }
        assertTrue(checked >= 11, "a CSV per section: " + checked);
        assertTrue(files.containsKey("data/labs.csv") && new String(files.get("data/labs.csv"), StandardCharsets.UTF_8).contains("anthropic,Anthropic,FRONTIER_LAB"));
        String cff = new String(files.get("CITATION.cff"), StandardCharsets.UTF_8);
        assertTrue(cff.startsWith("cff-version: 1.2.0\n"), cff);
        assertTrue(cff.contains("license: \"CC-BY-4.0\"\n"), cff);
        assertTrue(cff.contains("type: dataset") && cff.contains("version: \"" + made.path("number").asInt() + "\""), cff);
        assertTrue(cff.contains("sha256:" + made.path("sha256").asText()), cff);
        assertEquals(cff, made.path("citation").path("cff").asText());
        assertTrue(made.path("citation").path("text").asText().contains(made.path("sha256").asText()));
    }

    @Test
    void onlyAnAdminMakesAReleaseAndTheListIsPaged() {
        given().auth().oauth2(Tokens.curator()).contentType(ContentType.JSON).body("{}").when().post("/api/releases")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body("{}").when().post("/api/releases").then().statusCode(401);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"description\":\"" + "x".repeat(2001) + "\"}")
                .when().post("/api/releases").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().queryParam("size", 1).when().get("/api/releases").then().statusCode(200)
                .body("size", equalTo(1)).header("X-Total-Count", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void badNumbersAndTimesAreProblems() throws IOException {
        for (String bad : List.of("abc", "0", "-1", "1.5", "99999999999")) {
            given().when().get("/api/releases/" + bad).then().statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("errors[0].field", equalTo("number"));
        }
        given().when().get("/api/releases/2147483647").then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().when().get("/api/releases/2147483647.zip").then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().queryParam("asOf", "yesterday").when().get("/api/export").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("asOf"));
        given().queryParam("asOf", "9999-01-01").when().get("/api/export").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("future"));
        // long before any data: the ledger changed since (the seed import at least), and no snapshot is that old
        given().queryParam("asOf", "2000-01-01T00:00:00Z").when().get("/api/export").then().statusCode(422)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("not recorded exactly"));
        // now is the current state
        JsonNode now = JSON.readTree(given().queryParam("asOf", java.time.OffsetDateTime.now().toString()).when().get("/api/export")
                .then().statusCode(200).extract().asByteArray());
        assertNotEquals(0, now.path("labs").size());
    }
}
