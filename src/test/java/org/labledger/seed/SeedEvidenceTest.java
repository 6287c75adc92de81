package org.labledger.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every quote in seeds/ must stand, word for word (white space folded), in the document it cites. The
 * source documents are not part of the repository; this check runs where they sit beside the checkout
 * (../shared/sources, as on the project's machines and in CI) and is skipped elsewhere.
 */
class SeedEvidenceTest {

    private static final Path SOURCES = Path.of("..", "shared", "sources");

    @Test
    void everyQuoteIsVerbatimInItsDocument() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SOURCES), "source documents not beside the checkout");
        JsonNode doc = new ObjectMapper().readTree(Path.of("seeds", "labledger.json").toFile());
        Map<String, String> texts = new HashMap<>();
        for (JsonNode s : doc.get("sources")) {
            if (s.hasNonNull("document")) {
                texts.put(s.get("key").asText(), fold(Files.readString(SOURCES.resolve(s.get("document").asText()))));
            }
        }
        List<String> missing = new ArrayList<>();
        int[] checked = {0};
        doc.fields().forEachRemaining(e -> collect(e.getKey(), e.getValue(), texts, missing, checked));
        assertTrue(checked[0] > 100, "quotes checked: " + checked[0]);
        assertTrue(missing.isEmpty(), "quotes not found in their document:\n" + String.join("\n", missing));
    }

    private static void collect(String where, JsonNode node, Map<String, String> texts, List<String> missing, int[] checked) {
        if (node.isObject()) {
            if (node.has("source") && node.has("quote") && node.hasNonNull("quote") && node.get("source").isTextual()) {
                String text = texts.get(node.get("source").asText());
                if (text != null) {
                    checked[0]++;
                    if (!text.contains(fold(node.get("quote").asText()))) {
                        missing.add(where + ": " + node.get("quote").asText());
                    }
                }
            }
            node.fields().forEachRemaining(e -> collect(where + "." + e.getKey(), e.getValue(), texts, missing, checked));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(where + "[" + i + "]", node.get(i), texts, missing, checked);
            }
        }
    }

    private static String fold(String s) {
        return s.replaceAll("(?U)\\s+", " ").trim();
    }
}
