package org.labledger.source;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The key of a source recorded from a bare URL must not change: stored sources and their citations carry it. */
class SourceKeysTest {

    @Test
    void urlKeysAreTheFirstTwelveHexDigitsOfTheSha256() {
        // sha256("https://example.org/report") = d92dac30efd5…
        assertEquals("d92dac30efd5", SourceWriteService.shortHash("https://example.org/report"));
    }
}
