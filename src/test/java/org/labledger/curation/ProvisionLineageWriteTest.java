package org.labledger.curation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labledger.security.Tokens;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: a provision's lineage, held entity and figures written through the curation API (REST and GraphQL) take
 * the one write path: validated like the seed's, recorded in the revision snapshot (history, asOf) and read by the
 * agreement diff. What a test writes is named t14-… and removed through the API afterwards. The quotes are the seeded
 * definitive-agreement stake's (article-microsoft-openai-new-era), reused verbatim.
 */
@QuarkusTest
class ProvisionLineageWriteTest {

    static final String V3 = "microsoft-openai-definitive-agreement";
    static final String V3_STAKE = "microsoft-openai-definitive-agreement-stake";
    static final String NEXT = "t14-next";
    static final String SOURCE = "article-microsoft-openai-new-era";
    static final String QUOTE = "Microsoft\u2019s ownership in OpenAI Group PBC is now approximately 27%";

    private static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).auth().oauth2(token);
    }

    @AfterEach
    void cleanUp() {
        for (String key : List.of("t14-next-stake", "t14-next-gql", "t14-bad")) {
            if (given().get("/api/agreements/" + NEXT + "/provisions/" + key).statusCode() == 200) {
                as(Tokens.admin()).delete("/api/agreements/" + NEXT + "/provisions/" + key).then().statusCode(204);
            }
        }
        if (given().get("/api/agreements/" + NEXT).statusCode() == 200) {
            as(Tokens.admin()).delete("/api/agreements/" + NEXT).then().statusCode(204);
        }
    }

    private static void createNextVersion() {
        as(Tokens.curator()).body(Map.of("slug", NEXT, "title", "T14 next version", "kind", "DEFINITIVE_AGREEMENT", "supersedes", V3,
                        "parties", List.of(Map.of("lab", "microsoft", "role", "investor"), Map.of("lab", "openai", "role", "investee")),
                        "reason", "test: a later version"))
                .post("/api/agreements").then().statusCode(201);
    }

    private static Map<String, Object> lineage(String change, String of) {
        Map<String, Object> l = new HashMap<>();
        l.put("change", change);
        l.put("of", of);
        l.put("quote", QUOTE);
        l.put("source", SOURCE);
        l.put("locator", "Para. 'A Thriving Collaboration'");
        l.put("inference", true);
        l.put("rationale", "test: the curator's reading");
        return l;
    }

    private static Map<String, Object> figure(String text) {
        return Map.of("qualifier", "APPROXIMATELY", "measure", "Microsoft's ownership in OpenAI Group PBC", "value", 27, "unit", "PERCENT",
                "text", text, "citation", Map.of("source", SOURCE, "quote", QUOTE, "locator", "Para. 'A Thriving Collaboration'"));
    }

    private static Map<String, Object> stake(String key) {
        Map<String, Object> p = new HashMap<>();
        p.put("key", key);
        p.put("category", "EQUITY");
        p.put("summary", "Microsoft's ownership in OpenAI Group PBC (test)");
        p.put("beneficiary", "microsoft");
        p.put("value", 27);
        p.put("unit", "PERCENT");
        p.put("lineage", lineage("MODIFIES", V3_STAKE));
        p.put("heldEntity", "openai-group-pbc");
        p.put("figures", List.of(figure("approximately 27%")));
        p.put("reason", "test: lineage through the API");
        return p;
    }

    @Test
    void aLineageWrittenThroughTheApiIsShownDiffedAndRecorded() {
        createNextVersion();
        OffsetDateTime before = OffsetDateTime.now();
        as(Tokens.curator()).body(stake("t14-next-stake")).post("/api/agreements/" + NEXT + "/provisions").then().statusCode(201)
                .body("lineage.change", equalTo("MODIFIES")).body("lineage.of", equalTo(V3_STAKE));

        JsonPath p = given().get("/api/agreements/" + NEXT + "/provisions/t14-next-stake").then().statusCode(200).extract().jsonPath();
        assertEquals("MODIFIES", p.getString("lineage.change"));
        assertEquals(V3_STAKE, p.getString("lineage.of"));
        assertEquals(V3, p.getString("lineage.ofAgreement"));
        assertEquals(QUOTE, p.getString("lineage.citation.quote"));
        assertEquals(SOURCE, p.getString("lineage.citation.source"));
        assertEquals(true, p.getBoolean("lineage.inference"));
        assertEquals("openai-group-pbc", p.getString("heldEntity"));
        assertEquals(List.of("approximately 27%"), p.getList("figures.text"));
        assertEquals("APPROXIMATELY", p.getString("figures[0].qualifier"));

        // the diff reads the link: the seeded stake is modified by the new version's
        JsonPath d = given().get("/api/agreements/" + V3 + "/diff/" + NEXT).then().statusCode(200).extract().jsonPath();
        String mod = "modified.find { it.after.key == 't14-next-stake' }";
        assertEquals("MODIFIES", d.getString(mod + ".change"));
        assertEquals(V3_STAKE, d.getString(mod + ".before.key"));
        assertEquals("MODIFIED", d.getString(mod + ".before.status"));

        // the change history has the revision, the lineage, entity and figure in `after`
        JsonPath h = given().queryParam("entity", "PROVISION").queryParam("since", before.minusSeconds(1).toString()).queryParam("size", 200)
                .get("/api/changes").then().statusCode(200).extract().jsonPath();
        String rev = "items.find { it.key == 't14-next-stake' && it.action == 'CREATE' }";
        assertEquals("MODIFIES", h.getString(rev + ".after.lineage.change"));
        assertEquals(V3_STAKE, h.getString(rev + ".after.lineage.of"));
        assertEquals(SOURCE, h.getString(rev + ".after.lineage.source"));
        assertEquals("openai-group-pbc", h.getString(rev + ".after.heldEntity"));
        assertEquals("approximately 27%", h.getString(rev + ".after.figures[0].text"));
        assertNull(h.get(rev + ".before"));

        // as it stood before the write it did not exist; now it does, with its lineage
        given().queryParam("asOf", before.minusSeconds(1).toString()).get("/api/agreements/" + NEXT + "/provisions/t14-next-stake/state")
                .then().statusCode(404);
        given().queryParam("asOf", OffsetDateTime.now().plusSeconds(1).toString()).get("/api/agreements/" + NEXT + "/provisions/t14-next-stake/state")
                .then().statusCode(200).body("fromHistory", equalTo(true)).body("state.lineage.change", equalTo("MODIFIES"));

        // an update that changes the link and removes the figures: before/after in the revision
        String tag = given().get("/api/agreements/" + NEXT + "/provisions/t14-next-stake").then().extract().header("ETag");
        Map<String, Object> changed = stake("t14-next-stake");
        changed.put("lineage", lineage("REPLACES", V3_STAKE));
        changed.put("figures", List.of());
        as(Tokens.curator()).header("If-Match", tag).body(changed).put("/api/agreements/" + NEXT + "/provisions/t14-next-stake")
                .then().statusCode(200).body("lineage.change", equalTo("REPLACES")).body("figures.size()", equalTo(0))
                .body("heldEntity", equalTo("openai-group-pbc"));
        JsonPath h2 = given().queryParam("entity", "PROVISION").queryParam("since", before.minusSeconds(1).toString()).queryParam("size", 200)
                .get("/api/changes").then().statusCode(200).extract().jsonPath();
        String upd = "items.find { it.key == 't14-next-stake' && it.action == 'UPDATE' }";
        assertEquals("MODIFIES", h2.getString(upd + ".before.lineage.change"));
        assertEquals("REPLACES", h2.getString(upd + ".after.lineage.change"));
        assertEquals("approximately 27%", h2.getString(upd + ".before.figures[0].text"));
        assertNull(h2.get(upd + ".after.figures"));
        assertEquals("REPLACES", given().get("/api/agreements/" + V3 + "/diff/" + NEXT).jsonPath()
                .getString("modified.find { it.after.key == 't14-next-stake' }.change"));
    }

    @Test
    void badLineageHeldEntityOrFigureIsRefusedAndNothingIsWritten() {
        createNextVersion();
        String unrelated = "microsoft-openai-dsb-capability-threshold-review"; // the joint safety board's: another agreement
        OffsetDateTime before = OffsetDateTime.now();

        Map<String, Object> unknown = stake("t14-bad");
        unknown.put("lineage", lineage("MODIFIES", "no-such-provision"));
        refused(unknown, 422, "lineage.of", "unknown provision 'no-such-provision'");

        Map<String, Object> other = stake("t14-bad");
        other.put("lineage", lineage("MODIFIES", unrelated));
        refused(other, 422, "lineage.of", "not an earlier version of '" + NEXT + "'");

        Map<String, Object> removes = stake("t14-bad");
        removes.put("lineage", lineage("REMOVES", V3_STAKE));
        refused(removes, 422, "lineage.change", "REMOVES needs kind REMOVAL");

        Map<String, Object> removal = stake("t14-bad");
        removal.put("kind", "REMOVAL");
        refused(removal, 422, "lineage.change", "a REMOVAL must have change REMOVES");

        Map<String, Object> adds = stake("t14-bad");
        adds.put("lineage", lineage("ADDS", V3_STAKE));
        refused(adds, 422, "lineage.of", "ADDS names no earlier provision");

        Map<String, Object> noSource = stake("t14-bad");
        Map<String, Object> l = lineage("MODIFIES", V3_STAKE);
        l.put("source", "no-such-source");
        noSource.put("lineage", l);
        refused(noSource, 422, "lineage.source", "no-such-source");

        Map<String, Object> noQuote = stake("t14-bad");
        Map<String, Object> l2 = lineage("MODIFIES", V3_STAKE);
        l2.remove("quote");
        noQuote.put("lineage", l2);
        refused(noQuote, 400, "lineage.quote", "is required");

        Map<String, Object> person = stake("t14-bad");
        person.put("heldEntity", "elon-musk");
        refused(person, 422, "heldEntity", "a stake is held in a legal entity or an organisation");

        Map<String, Object> notQuoted = stake("t14-bad");
        notQuoted.put("figures", List.of(figure("approximately 30%")));
        refused(notQuoted, 422, "figures[0].text", "is not in the citation's quote");

        Map<String, Object> range = stake("t14-bad");
        Map<String, Object> f = new HashMap<>(figure("approximately 27%"));
        f.put("qualifier", "RANGE");
        range.put("figures", List.of(f));
        refused(range, 422, "figures[0].low", "is required");

        // nothing half-written: no provision, no revision, no figure
        given().get("/api/agreements/" + NEXT + "/provisions/t14-bad").then().statusCode(404);
        JsonPath h = given().queryParam("entity", "PROVISION").queryParam("since", before.minusSeconds(1).toString()).queryParam("size", 200)
                .get("/api/changes").then().statusCode(200).extract().jsonPath();
        assertFalse(h.getList("items.key").contains("t14-bad"), h.getList("items.key").toString());
        assertTrue(given().get("/api/agreements/" + NEXT).jsonPath().getList("provisions").isEmpty());
    }

    private static void refused(Map<String, Object> body, int status, String field, String message) {
        as(Tokens.curator()).body(body).post("/api/agreements/" + NEXT + "/provisions").then().statusCode(status)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", org.hamcrest.Matchers.hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
    }

    @Test
    void graphqlWritesTheLineageAndRefusesABadOne() {
        createNextVersion();
        String add = "mutation($i: ProvisionInput!) { addProvision(agreement: \"" + NEXT + "\", input: $i) { key kind lineage { change of ofAgreement inference } figures { text qualifier } } }";
        Map<String, Object> in = stake("t14-next-gql");
        in.put("figures", List.of(Map.of("qualifier", "APPROXIMATELY", "measure", "Microsoft's ownership in OpenAI Group PBC", "value", 27,
                "unit", "PERCENT", "text", "approximately 27%", "citation", Map.of("source", SOURCE, "quote", QUOTE))));
        JsonPath ok = as(Tokens.curator()).body(Map.of("query", add, "variables", Map.of("i", in))).post("/graphql").then().statusCode(200).extract().jsonPath();
        assertNull(ok.get("errors"), () -> ok.prettify());
        assertEquals("MODIFIES", ok.getString("data.addProvision.lineage.change"));
        assertEquals(V3, ok.getString("data.addProvision.lineage.ofAgreement"));
        assertEquals("approximately 27%", ok.getString("data.addProvision.figures[0].text"));

        Map<String, Object> bad = stake("t14-bad");
        bad.put("lineage", lineage("REMOVES", V3_STAKE));
        JsonPath no = as(Tokens.curator()).body(Map.of("query", add, "variables", Map.of("i", bad))).post("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals("UNPROCESSABLE", no.getString("errors[0].extensions.code"), () -> no.prettify());
        assertTrue(no.getString("errors[0].message").contains("REMOVES needs kind REMOVAL"), () -> no.prettify());
        given().get("/api/agreements/" + NEXT + "/provisions/t14-bad").then().statusCode(404);
    }
}
