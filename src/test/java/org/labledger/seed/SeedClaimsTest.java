package org.labledger.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The entities and claims sections of the seed format (version 2): references checked, re-import idempotent. */
@QuarkusTest
class SeedClaimsTest {

    @Inject
    SeedImporter importer;
    @Inject
    SeedStartup startup;

    private final ObjectMapper mapper = new ObjectMapper();

    private ObjectNode seeds() throws IOException {
        return (ObjectNode) mapper.readTree(startup.read());
    }

    private ObjectNode claim(ObjectNode doc, String key) {
        for (var c : doc.withArray("claims")) {
            if (c.get("key").asText().equals(key)) {
                return (ObjectNode) c;
            }
        }
        throw new AssertionError("no claim " + key);
    }

    private List<String> problems(Consumer<ObjectNode> change) throws IOException {
        ObjectNode doc = seeds();
        change.accept(doc);
        SeedException e = assertThrows(SeedException.class, () -> importer.importFile("broken.json", mapper.writeValueAsBytes(doc), true));
        return e.problems();
    }

    private int indexOf(ObjectNode doc, String key) {
        ArrayNode claims = doc.withArray("claims");
        for (int i = 0; i < claims.size(); i++) {
            if (claims.get(i).get("key").asText().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void unknownClaimantIsNamedWithTheRecordAndField() throws IOException {
        ObjectNode doc = seeds();
        int i = indexOf(doc, "c002-musk-control");
        List<String> p = problems(d -> claim(d, "c002-musk-control").put("claimant", "nobody"));
        assertEquals(List.of("claims[" + i + "] (c002-musk-control).claimant: refers to unknown entity 'nobody'"), p);
    }

    @Test
    void unknownSubjectLinkedClaimAndSourceAreRejected() throws IOException {
        List<String> p = problems(d -> {
            ObjectNode c = claim(d, "c002-no-sense");
            ((ObjectNode) c.get("about")).put("key", "no-such-agreement");
            ((ObjectNode) c.withArray("links").get(0)).put("claim", "c-nowhere");
            ((ObjectNode) c.withArray("citations").get(0)).put("source", "no-source");
            claim(d, "c000-wsj-launched").put("quotedVia", "no-paper");
        });
        String all = String.join("\n", p);
        assertTrue(all.contains("(c002-no-sense).about.key: refers to unknown agreement 'no-such-agreement'"), all);
        assertTrue(all.contains("(c002-no-sense).links[0].claim: refers to unknown claim 'c-nowhere'"), all);
        assertTrue(all.contains("(c002-no-sense).citations[0].source: refers to unknown 'no-source'"), all);
        assertTrue(all.contains("(c000-wsj-launched).quotedVia: refers to unknown 'no-paper'"), all);
    }

    @Test
    void supportedRecordsMustExistBeOfASupportableTypeAndAppearOnce() throws IOException {
        List<String> p = problems(d -> {
            var supports = claim(d, "c002-no-sense").withArray("supports");
            supports.addObject().put("type", "PROVISION").put("key", "no-such-provision");
            supports.addObject().put("type", "LAB").put("key", "openai");
            supports.addObject().put("type", "EVENT").put("key", "chatgpt-release");
            supports.addObject().put("type", "EVENT").put("key", "chatgpt-release");
        });
        String all = String.join("\n", p);
        assertTrue(all.contains("(c002-no-sense).supports[0].key: refers to unknown provision 'no-such-provision'"), all);
        assertTrue(all.contains("(c002-no-sense).supports[1].type: a claim cannot support a LAB; expected one of [PROVISION, EVENT, ANSWER]"), all);
        assertTrue(all.contains("(c002-no-sense).supports[3]: lists event 'chatgpt-release' twice"), all);
        assertEquals(3, p.size(), all);
    }

    @Test
    void claimsNeedAQuoteInferencesARationaleAndFormatTwo() throws IOException {
        List<String> p = problems(d -> {
            ((ObjectNode) claim(d, "c002-no-sense").withArray("citations").get(0)).putNull("quote");
            claim(d, "c000-thunder").put("inference", true).putNull("rationale");
            ((ObjectNode) ((ObjectNode) d.withArray("entities").get(0)).withArray("aliases").addObject()).put("name", "Someone").put("inference", true);
        });
        String all = String.join("\n", p);
        assertTrue(all.contains("(c002-no-sense).citations: a claim needs at least one citation with a verbatim quote"), all);
        assertTrue(all.contains("(c000-thunder).rationale: is required when inference is true"), all);
        assertTrue(all.contains("aliases[0].rationale: is required when inference is true") || all.contains(".rationale: is required when inference is true"), all);

        List<String> v1 = problems(d -> d.put("formatVersion", 1));
        assertEquals(List.of("document.formatVersion: entities and claims need formatVersion 2, was 1"), v1);
        List<String> v3 = problems(d -> d.put("formatVersion", 4));
        assertEquals(List.of("document.formatVersion: must be one of [1, 2, 3], was 4"), v3);
    }

    @Test
    void reimportLeavesEntitiesAndClaimsUnchanged() {
        ImportReport report = importer.importFile(startup.name(), startup.read(), true);
        assertEquals(0, report.counts().get("claims").created() + report.counts().get("claims").updated(), report.counts().toString());
        assertTrue(report.counts().get("claims").unchanged() >= 22, report.counts().toString());
        assertTrue(report.counts().get("entities").unchanged() >= 16, report.counts().toString());
    }
}
