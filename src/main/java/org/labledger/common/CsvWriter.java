package org.labledger.common;

import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * Writes CSV for spreadsheets (the answer and scorecard exports): RFC 4180 quoting, CRLF line ends, and every cell
 * a spreadsheet could run as a formula defused; UTF-8, with a byte order mark on request ({@code ?bom=true}: Excel
 * reads a CSV without one in the system's legacy code page and shows non-ASCII text as mojibake).
 * (Reading CSV is the importer's: {@code importer.Csv}.)
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

    /** U+FEFF, written first by {@code bom=true}. */
    public static final String BOM = "\uFEFF";

    /** The {@code bom} query parameter: absent or {@code false} → no byte order mark, {@code true} → one. */
    public static boolean bom(Params params, String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        params.add("bom", "must be true or false, was '" + TextRules.xmlSafe(value) + "'");
        return false;
    }

    /** A 200 CSV download: {@code text/csv; charset=utf-8}, offered as {@code fileName}, with the BOM if asked for. */
    public static Response.ResponseBuilder ok(String csv, boolean bom, String fileName) {
        return Response.ok(bom ? BOM + csv : csv, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
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
