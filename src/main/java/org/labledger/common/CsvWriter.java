package org.labledger.common;

import java.util.List;

/**
 * Writes CSV for spreadsheets (the answer and scorecard exports): RFC 4180 quoting, CRLF line ends, and every cell
 * a spreadsheet could run as a formula defused. (Reading CSV is the importer's: {@code importer.Csv}.)
 */
public final class CsvWriter {

    private CsvWriter() {
    }

    /** A plain number: what a spreadsheet reads as a value, never as a formula. */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?");

    /**
     * Whether a spreadsheet could run the cell as a formula (CSV injection): it begins with one of the characters
     * that start one (=, +, -, @) or with a tab or carriage return (which spreadsheets skip before such a
     * character), and is not a plain number such as -1.5. A cell only has to begin like a number to be run:
     * {@code -2+3+cmd|' /C calc'!A0}.
     */
    public static boolean formula(String t) {
        if (t.isEmpty()) {
            return false;
        }
        char c = t.charAt(0);
        return (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') && !NUMBER.matcher(t).matches();
    }

    /** Writes one CSV line (RFC 4180 quoting), ending in CRLF. */
    public static String line(List<?> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = values.get(i);
            String t = v == null ? "" : v.toString();
            boolean formula = formula(t);
            if (formula || t.indexOf(',') >= 0 || t.indexOf('"') >= 0 || t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
                // quote, and defuse spreadsheet formulas (CSV injection) with a leading apostrophe
                String safe = formula ? "'" + t : t;
                sb.append('"').append(safe.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(t);
            }
        }
        return sb.append("\r\n").toString();
    }
}
