package org.labledger.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Provision lineage in the seed format (version 2, additive): references exist, earlier versions only, evidence. */
@QuarkusTest
class SeedLineageTest {

    @Inject
    SeedImporter importer;
    @Inject
    SeedStartup startup;

    private final ObjectMapper mapper = new ObjectMapper();

    private ObjectNode provision(ObjectNode doc, String key) {
        for (var a : doc.withArray("agreements")) {
            for (var p : a.withArray("provisions")) {
                if (p.get("key").asText().equals(key)) {
                    return (ObjectNode) p;
                }
            }
        }
        throw new AssertionError("no provision " + key);
    }

    private String problems(Consumer<ObjectNode> change) throws IOException {
        ObjectNode doc = (ObjectNode) mapper.readTree(startup.read());
        change.accept(doc);
        SeedException e = assertThrows(SeedException.class, () -> importer.importFile("broken.json", mapper.writeValueAsBytes(doc), true));
        return String.join("\n", e.problems());
    }

    static final String IP = "microsoft-openai-definitive-agreement-ip-rights-through-2032";

    @Test
    void unknownEarlierProvisionIsRejected() throws IOException {
        String p = problems(d -> ((ObjectNode) provision(d, IP).get("lineage")).put("of", "no-such-provision"));
        assertTrue(p.contains("(" + IP + ").lineage.of: refers to unknown provision 'no-such-provision'"), p);
    }

    @Test
    void theEarlierProvisionMustBelongToAnEarlierVersionOfTheSameChain() throws IOException {
        // a later version, the same version, another agreement: none is an earlier version
        String p = problems(d -> {
            ObjectNode v1 = provision(d, "microsoft-openai-2019-investment");
            v1.putObject("lineage").put("change", "MODIFIES").put("of", "microsoft-openai-definitive-agreement-stake")
                    .putObject("citation").put("source", "article-microsoft-openai-new-era").put("quote", "x");
            ((ObjectNode) provision(d, IP).get("lineage")).put("of", "microsoft-openai-definitive-agreement-stake");
            ((ObjectNode) provision(d, "microsoft-openai-definitive-agreement-stake").get("lineage")).put("of", "microsoft-openai-dsb-capability-threshold-review");
        });
        assertTrue(p.contains("(microsoft-openai-2019-investment).lineage.of: 'microsoft-openai-definitive-agreement-stake' belongs to 'microsoft-openai-definitive-agreement', which is not an earlier version of 'microsoft-openai-2019'"), p);
        assertTrue(p.contains("(" + IP + ").lineage.of: 'microsoft-openai-definitive-agreement-stake' belongs to 'microsoft-openai-definitive-agreement', which is not an earlier version"), p);
        assertTrue(p.contains("(microsoft-openai-definitive-agreement-stake).lineage.of: 'microsoft-openai-dsb-capability-threshold-review' belongs to 'microsoft-openai-deployment-safety-board'"), p);
    }

    @Test
    void removalsAndAddsAreConsistentAndEveryLinkHasAQuote() throws IOException {
        String rofr = "microsoft-openai-definitive-agreement-no-compute-rofr";
        String p = problems(d -> {
            provision(d, rofr).put("kind", "TERM");
            ((ObjectNode) provision(d, "microsoft-openai-definitive-agreement-azure-commitment").get("lineage")).put("of", "microsoft-openai-2019-investment");
            ((ObjectNode) provision(d, IP).get("lineage")).remove("citation");
            ((ObjectNode) provision(d, "microsoft-openai-definitive-agreement-stake").get("lineage")).put("inference", true);
        });
        assertTrue(p.contains("(" + rofr + ").lineage.change: REMOVES needs kind REMOVAL"), p);
        assertTrue(p.contains("(microsoft-openai-definitive-agreement-azure-commitment).lineage.of: ADDS names no earlier provision"), p);
        assertTrue(p.contains("(" + IP + ").lineage.citation: is required"), p);
        assertTrue(p.contains("(microsoft-openai-definitive-agreement-stake).lineage.rationale: is required when inference is true"), p);
    }

    @Test
    void theSeedsCarryTheLineage() throws IOException {
        ObjectNode doc = (ObjectNode) mapper.readTree(startup.read());
        assertTrue(provision(doc, "microsoft-openai-definitive-agreement-no-compute-rofr").get("kind").asText().equals("REMOVAL"));
        assertTrue(provision(doc, IP).get("lineage").get("of").asText().equals("microsoft-openai-2019-ip-licence-pre-agi"));
        assertTrue(provision(doc, "microsoft-openai-definitive-agreement-no-compute-rofr").get("lineage").get("of").isNull(),
                "the removed right is recorded by no document: the removal names no earlier provision");
    }
}
