package org.labledger.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.labledger.common.Writes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dataset's JSON Schema is a real contract: the seed file validates against it with a standard validator, a
 * broken document does not, and the rules it shares with the code (quote length, partial dates) have one source,
 * {@link Writes}, which the schema and the database function repeat exactly.
 */
class SeedSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.newInputStream(Path.of("seeds", "schema", "labledger.schema.json")));
    }

    @Test
    void seedFileValidatesAgainstItsSchema() throws IOException {
        JsonNode seeds = MAPPER.readTree(Path.of("seeds", "labledger.json").toFile());
        List<com.networknt.schema.Error> errors = schema().validate(seeds);
        assertTrue(errors.isEmpty(), () -> errors.size() + " schema errors, e.g. " + errors.subList(0, Math.min(5, errors.size())));
    }

    @Test
    void brokenDocumentsDoNotValidate() throws IOException {
        ObjectNode seeds = (ObjectNode) MAPPER.readTree(Path.of("seeds", "labledger.json").toFile());
        ObjectNode unknownField = seeds.deepCopy();
        unknownField.put("surprise", 1);
        assertFalse(schema().validate(unknownField).isEmpty());
        ObjectNode longQuote = seeds.deepCopy();
        JsonNode citation = longQuote.findValue("citations").get(0);
        ((ObjectNode) citation).put("quote", "q".repeat(Writes.MAX_QUOTE + 1));
        assertFalse(schema().validate(longQuote).isEmpty(), "a quote over Writes.MAX_QUOTE must not validate");
        ((ObjectNode) citation).put("quote", "q".repeat(Writes.MAX_QUOTE));
        assertTrue(schema().validate(longQuote).isEmpty(), "a quote of exactly Writes.MAX_QUOTE validates");
    }

    @Test
    void sharedRulesHaveOneSource() throws IOException {
        JsonNode schema = MAPPER.readTree(Path.of("seeds", "schema", "labledger.schema.json").toFile());
        assertEquals(Writes.MAX_QUOTE, schema.at("/$defs/citation/properties/quote/maxLength").asInt());
        // format 3: the citation of a figure or a relative date, whose quote is required
        assertEquals(Writes.MAX_QUOTE, schema.at("/$defs/quotedCitation/properties/quote/maxLength").asInt());
        // and the documentation says the same limit (it said 300 while schema and validator allowed 2000)
        String format = Files.readString(Path.of("seeds", "FORMAT.md"));
        assertTrue(format.contains("<= " + Writes.MAX_QUOTE + " chars"), "FORMAT.md states the quote limit Writes.MAX_QUOTE");
        assertFalse(format.contains("<= 300 chars"), "FORMAT.md must not state another quote limit");
        // the schema writes non-capturing groups; the rule is the same
        assertEquals(Writes.PARTIAL_DATE, schema.at("/$defs/partialDate/pattern").asText().replace("(?:", "("));
        String v1 = Files.readString(Path.of("src", "main", "resources", "db", "migration", "V1__schema.sql"));
        Matcher m = Pattern.compile("value ~ '([^']+)'").matcher(v1);
        assertTrue(m.find(), "is_partial_date not found in V1");
        assertEquals(Writes.PARTIAL_DATE, m.group(1));
    }
}
