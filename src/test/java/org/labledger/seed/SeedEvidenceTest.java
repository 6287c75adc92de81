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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Issue 14: no name or alias of an entity that the documents do not write, unless it is flagged as the curator's
     * inference (with a rationale). Unnamed commenters are named by how a document identifies them: every quoted
     * phrase of such a name must stand in a document.
     */
    @Test
    void everyEntityNameAndAliasIsWrittenInADocumentOrFlagged() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SOURCES), "source documents not beside the checkout");
        JsonNode doc = new ObjectMapper().readTree(Path.of("seeds", "labledger.json").toFile());
        StringBuilder all = new StringBuilder();
        for (JsonNode s : doc.get("sources")) {
            if (s.hasNonNull("document")) {
                all.append(fold(Files.readString(SOURCES.resolve(s.get("document").asText())))).append('\n');
            }
        }
        String text = all.toString();
        List<String> unwritten = new ArrayList<>();
        int[] checked = {0};
        for (JsonNode e : doc.path("entities")) {
            String slug = e.get("slug").asText();
            if (e.get("kind").asText().equals("UNNAMED_COMMENTER")) {
                Matcher m = Pattern.compile("\"([^\"]+)\"").matcher(e.get("name").asText());
                while (m.find()) {
                    checked[0]++;
                    if (!text.contains(fold(m.group(1)))) {
                        unwritten.add(slug + ": quoted phrase '" + m.group(1) + "'");
                    }
                }
                if (e.get("name").asText().contains("\"")) {
                    continue;
                }
            }
            checked[0]++;
            if (!text.contains(fold(e.get("name").asText())) && !e.path("inference").asBoolean()) {
                unwritten.add(slug + ": name '" + e.get("name").asText() + "'");
            }
            for (JsonNode a : e.path("aliases")) {
                checked[0]++;
                boolean flagged = a.path("inference").asBoolean() && a.hasNonNull("rationale") && !a.get("rationale").asText().isBlank();
                if (!flagged && !text.contains(fold(a.get("name").asText()))) {
                    unwritten.add(slug + ": alias '" + a.get("name").asText() + "' (not in any document, not flagged as an inference)");
                }
            }
        }
        assertTrue(checked[0] > 15, "names checked: " + checked[0]);
        assertTrue(unwritten.isEmpty(), "names the documents do not write:\n" + String.join("\n", unwritten));
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
