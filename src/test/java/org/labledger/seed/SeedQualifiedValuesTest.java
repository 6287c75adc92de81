package org.labledger.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.labledger.graphql.GraphQL;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 items 3, 5, 7 with the real seed records (format 3): figures keep their qualifier and say what they
 * measure, relative dates keep their words and anchor and are derived only from a stated anchor date, a score says
 * why it was revised, a stake points at the legal entity held; over REST and GraphQL; and the validator refuses
 * what the documents would not support.
 */
@QuarkusTest
class SeedQualifiedValuesTest {

    static final String DEFINITIVE = "microsoft-openai-definitive-agreement";
    static final String STAKE = "microsoft-openai-definitive-agreement-stake";
    static final String OLD_STAKE = "microsoft-openai-extended-stake";

    @Inject
    SeedImporter importer;
    @Inject
    SeedStartup startup;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aStakeKeepsItsQualifierWhatItMeasuresAndTheEntityHeld() {
        JsonPath def = when().get("/api/agreements/" + DEFINITIVE).then().statusCode(200).extract().jsonPath();
        String p = "provisions.find { it.key == '" + STAKE + "' }";
        // "Microsoft’s ownership in OpenAI Group PBC is now approximately 27%"
        assertEquals("openai-group-pbc", def.getString(p + ".heldEntity"));
        assertEquals(1, def.getList(p + ".figures").size());
        assertEquals("APPROXIMATELY", def.getString(p + ".figures[0].qualifier"));
        assertEquals(27, def.getInt(p + ".figures[0].value"));
        assertEquals("PERCENT", def.getString(p + ".figures[0].unit"));
        assertEquals("approximately 27%", def.getString(p + ".figures[0].text"));
        assertEquals("Microsoft's ownership in OpenAI Group PBC", def.getString(p + ".figures[0].measure"));
        assertTrue(def.getString(p + ".figures[0].citation.quote").contains("approximately 27%"));
        // "its previous stake of 32.5% in OpenAI’s for-profit division": another entity, an exact figure
        JsonPath ext = when().get("/api/agreements/microsoft-openai-extended-partnership").then().statusCode(200).extract().jsonPath();
        String o = "provisions.find { it.key == '" + OLD_STAKE + "' }";
        assertEquals("openai-for-profit-division", ext.getString(o + ".heldEntity"));
        assertEquals("EXACT", ext.getString(o + ".figures[0].qualifier"));
        assertEquals(32.5, ext.getDouble(o + ".figures[0].value"));
        when().get("/api/entities/openai-group-pbc").then().statusCode(200).body("kind", equalTo("LEGAL_ENTITY"));
        when().get("/api/entities/openai-for-profit-division").then().statusCode(200).body("kind", equalTo("LEGAL_ENTITY"));
        // OpenAI Group PBC is no longer an alias of the lab OpenAI
        assertFalse(when().get("/api/labs/openai").then().statusCode(200).extract().jsonPath().getList("aliases").contains("OpenAI Group PBC"));
    }

    @Test
    void theValuationIsAFigureOfAClaimNearingAndSaysItDoesNotKnowOfWhat() {
        // "with a valuation nearing $135 billion": reported, not a term; of what, the article does not say
        JsonPath v = when().get("/api/qualified-values/CLAIM/c001-valuation-nearing-135b").then().statusCode(200).extract().jsonPath();
        assertEquals(1, v.getList("figures").size());
        assertEquals("NEARING", v.getString("figures[0].qualifier"));
        assertEquals(135_000_000_000L, v.getLong("figures[0].value"));
        assertEquals("USD", v.getString("figures[0].unit"));
        assertEquals("nearing $135 billion", v.getString("figures[0].text"));
        assertTrue(v.getString("figures[0].measure").contains("does not say whether of Microsoft's stake or of OpenAI Group PBC"), v.getString("figures[0].measure"));
        // the "$100B-$1t" cap a commenter thought there was: a range, no value
        JsonPath cap = when().get("/api/qualified-values/claim/c000-value-cap").then().statusCode(200).extract().jsonPath();
        assertEquals("RANGE", cap.getString("figures[0].qualifier"));
        assertNull(cap.get("figures[0].value"));
        assertEquals(100_000_000_000L, cap.getLong("figures[0].low"));
        assertEquals(1_000_000_000_000L, cap.getLong("figures[0].high"));
        when().get("/api/qualified-values/CLAIM/no-such-claim").then().statusCode(404).contentType("application/problem+json");
        when().get("/api/qualified-values/NOTHING/x").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void relativeDatesKeepTheirWordsAndAnchorAndAreDerivedOnlyFromAStatedDate() {
        List<Map<String, Object>> events = when().get("/api/events?size=200").then().statusCode(200).extract().jsonPath().getList("items");
        Map<String, Object> api = events.stream().filter(e -> e.get("slug").equals("microsoft-considers-models-api")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked") Map<String, Object> later = ((List<Map<String, Object>>) api.get("relativeDates")).get(0);
        // the Saga article, "Published On Mon Mar 10 2025": "later this year" is 2025, derived, not written
        assertEquals("later this year", later.get("text"));
        assertEquals("article-microsoft-openai-saga", later.get("anchor"));
        assertEquals("2025-03-10", later.get("anchorDate"));
        assertEquals("2025", later.get("derivedOn"));
        assertEquals(Boolean.TRUE, later.get("derived"));
        assertNull(api.get("occurredOn"), "the consideration is not dated: the derived date is the planned release's");
        // the Evolution article states no date: "earlier this year" stays words with its anchor, nothing derived
        JsonPath ext = when().get("/api/agreements/microsoft-openai-extended-partnership").then().statusCode(200).extract().jsonPath();
        String earlier = "relativeDates.find { it.text == 'earlier this year' }";
        assertEquals("article-microsoft-openai-new-era", ext.getString(earlier + ".anchor"));
        assertNull(ext.get(earlier + ".anchorDate"));
        assertNull(ext.get(earlier + ".derivedOn"));
        assertEquals(false, ext.getBoolean(earlier + ".derived"));
        assertNull(ext.get("announcedOn"));
    }

    @Test
    void theScoreRevisionSaysWhy() {
        JsonPath lab = when().get("/api/labs/anthropic").then().statusCode(200).extract().jsonPath();
        String reason = lab.getString("scores.find { it.current }.revisionReason");
        assertTrue(reason != null && reason.contains("based on Zac's feedback"), reason);
        assertNull(lab.get("scores.find { !it.current }.revisionReason"), "the first score revises nothing");
    }

    @Test
    void graphqlServesTheSameValues() {
        JsonPath g = GraphQL.post("""
                { agreement(slug: "%s") { relativeDates { text anchor derived }
                    provisions { key heldEntity { slug kind name } figures { qualifier value unit text measure citation { source quote } } } }
                  lab(slug: "anthropic") { scores { score revisionReason } }
                  deepseek: lab(slug: "deepseek") { name nameInference nameRationale aliasInferences { alias rationale } }
                  qualifiedValues(type: EVENT, key: "microsoft-considers-models-api") { relativeDates { text derivedOn derived anchorDate } } }
                """.formatted(DEFINITIVE), null);
        assertNull(g.get("errors"), () -> g.prettify());
        String p = "data.agreement.provisions.find { it.key == '" + STAKE + "' }";
        assertEquals("openai-group-pbc", g.getString(p + ".heldEntity.slug"));
        assertEquals("LEGAL_ENTITY", g.getString(p + ".heldEntity.kind"));
        assertEquals("APPROXIMATELY", g.getString(p + ".figures[0].qualifier"));
        assertEquals("approximately 27%", g.getString(p + ".figures[0].text"));
        assertNull(g.get("data.agreement.provisions.find { it.key == 'microsoft-openai-definitive-agreement-open-weight-models' }.heldEntity"));
        assertEquals("Recently", g.getString("data.agreement.relativeDates[0].text"));
        assertEquals(false, g.getBoolean("data.agreement.relativeDates[0].derived"));
        assertTrue(g.getString("data.lab.scores.find { it.score == 48 }.revisionReason").contains("Zac"));
        assertEquals(true, g.getBoolean("data.deepseek.nameInference"));
        assertEquals(List.of("DeepSee", "DeepSeed"), g.getList("data.deepseek.aliasInferences.alias"));
        assertEquals("2025", g.getString("data.qualifiedValues.relativeDates[0].derivedOn"));
    }

    private String problems(Consumer<ObjectNode> change) throws IOException {
        ObjectNode doc = (ObjectNode) mapper.readTree(startup.read());
        change.accept(doc);
        SeedException e = assertThrows(SeedException.class, () -> importer.importFile("broken.json", mapper.writeValueAsBytes(doc), true));
        return String.join("\n", e.problems());
    }

    @Test
    void theValidatorRefusesWhatTheDocumentsWouldNotSupport() throws IOException {
        // a derived date from an anchor that states no publication date
        String p = problems(d -> {
            for (var r : d.withArray("relativeDates")) {
                if (r.get("text").asText().equals("earlier this year")) {
                    ((ObjectNode) r).put("derivedOn", "2025");
                }
            }
        });
        assertTrue(p.contains(".derivedOn: anchor 'article-microsoft-openai-new-era' states no publication date"), p);
        // "later this year" of an article published in 2025 is not 2024
        p = problems(d -> {
            for (var r : d.withArray("relativeDates")) {
                if (r.get("text").asText().equals("later this year")) {
                    ((ObjectNode) r).put("derivedOn", "2024");
                }
            }
        });
        assertTrue(p.contains("'later this year' is in the anchor's year 2025, not 2024"), p);
        // a figure whose words are not in its quote; a provision value without its figure; a held person
        p = problems(d -> {
            var figures = d.withArray("figures");
            ((ObjectNode) figures.get(0)).put("text", "about $2 billion");
            for (int i = figures.size() - 1; i >= 0; i--) {
                if (figures.get(i).get("about").get("key").asText().equals(STAKE)) {
                    figures.remove(i);
                }
            }
            for (var a : d.withArray("agreements")) {
                for (var pr : a.withArray("provisions")) {
                    if (pr.get("key").asText().equals(OLD_STAKE)) {
                        ((ObjectNode) pr).put("heldEntity", "satya-nadella");
                    }
                }
            }
        });
        assertTrue(p.contains("figures[0].text: 'about $2 billion' is not in the citation's quote"), p);
        assertTrue(p.contains("provision '" + STAKE + "' has a value but no figure with that value and unit"), p);
        assertTrue(p.contains("(" + OLD_STAKE + ").heldEntity: 'satya-nadella' is a PERSON"), p);
        // a revision reason on a score that revises nothing; an inferred alias without a rationale
        p = problems(d -> {
            for (var s : d.withArray("scores")) {
                if (s.get("supersedes").isNull()) {
                    ((ObjectNode) s).put("revisionReason", "because");
                }
            }
            for (var l : d.withArray("labs")) {
                if (l.get("slug").asText().equals("deepseek")) {
                    ((ObjectNode) l.withArray("inferredAliases").get(0)).putNull("rationale");
                }
            }
        });
        assertTrue(p.contains("revisionReason: only a score that supersedes another is a revision"), p);
        assertTrue(p.contains("(deepseek).inferredAliases[0].rationale: is required"), p);
        // format 3 fields in a format-2 document
        p = problems(d -> d.put("formatVersion", 2));
        assertTrue(p.contains("need formatVersion 3, was 2"), p);
    }
}
