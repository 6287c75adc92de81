package org.labledger.common;

/**
 * The one rule for text LabLedger accepts anywhere (path segments, query parameters, JSON bodies, GraphQL
 * documents and variables, CSV cells): every character must be one XML 1.0 allows — tab, line feed, carriage
 * return, U+0020–U+D7FF, U+E000–U+FFFD, and supplementary characters written as a proper surrogate pair.
 * That excludes NUL (PostgreSQL cannot store it), the other C0 controls, U+FFFE/U+FFFF and lone surrogates
 * (which would be stored as '?' and break the Atom feed). Text that passes is stored and returned unchanged.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Null when the text is acceptable, otherwise what is wrong with it (for a problem detail). */
    public static String problem(CharSequence s) {
        if (s == null) {
            return null;
        }
        for (int i = 0; i < s.length(); ) {
            int n = accepted(s, i);
            if (n == 0) {
                return describe(s.charAt(i), i);
            }
            i += n;
        }
        return null;
    }

    /** How many chars the acceptable character at {@code i} takes (1, or 2 for a surrogate pair); 0 if it is refused. */
    private static int accepted(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c >= 0x20 && c < 0xD800 || c == '\t' || c == '\n' || c == '\r' || c >= 0xE000 && c <= 0xFFFD) {
            return 1;
        }
        return Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)) ? 2 : 0;
    }

    public static boolean acceptable(CharSequence s) {
        return problem(s) == null;
    }

    private static String describe(char c, int index) {
        String name = c == 0 ? "a NUL character"
                : Character.isSurrogate(c) ? "an unpaired surrogate"
                : String.format("the character U+%04X", (int) c);
        return "must not contain " + name + " (at character " + index + "); only characters XML 1.0 allows are accepted";
    }

    /**
     * For text already stored before this rule existed: the same text with every character the rule refuses
     * replaced by U+FFFD, so that an XML document (the Atom feed) always parses.
     */
    public static String xmlSafe(String s) {
        if (s == null || acceptable(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int n = accepted(s, i);
            if (n == 0) {
                b.append('\uFFFD');
                i++;
            } else {
                b.append(s, i, i + n);
                i += n;
            }
        }
        return b.toString();
    }
}
