package org.labledger.seed;

/** Short stable keys derived from text, for records created from a URL. */
public final class SeedImporterKeys {

    private SeedImporterKeys() {
    }

    /** The first 12 hex digits of the text's SHA-256. */
    public static String shortHash(String text) {
        return SeedImporter.sha256(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 12);
    }
}
