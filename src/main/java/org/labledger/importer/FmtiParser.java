package org.labledger.importer;

import org.labledger.importer.Csv.Row;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the Foundation Model Transparency Index files of one edition and checks them against each other.
 *
 * <ul>
 *   <li>scores: {@code Indicator,<developers…>[,Total]} or {@code Domain,Subdomain,Indicator,<developers…>[,Total]},
 *       optionally ending with a {@code Total} row; every score 0 or 1; totals must equal the sums.</li>
 *   <li>indicators (optional): needs {@code Indicator} and {@code Definition} columns; gives Domain › Subdomain.</li>
 *   <li>reports (optional, one per developer, named {@code <Developer>_fmtransparencyreport_<Edition>.csv}):
 *       first column the indicator (whatever its heading), a {@code Score} column; the indicators and scores must
 *       match the matrix.</li>
 * </ul>
 * Names are compared after trimming, case-folding and treating {@code _ - :} as spaces. Any problem is an
 * {@link ImportException} naming the file, line and column.
 */
public final class FmtiParser {

    public record Upload(String name, byte[] bytes) {
    }

    /**
     * How large an edition may be (see README, "Limits"): developer columns, indicator rows, and cells per file
     * (every file; a scores matrix has about developers × indicators cells). The real editions have 13–14
     * developers, 100 indicators and at most ~1,600 cells per file.
     */
    public record Limits(int maxDevelopers, int maxIndicators, int maxCells) {

        public static final Limits NONE = new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    private static final Pattern REPORT_NAME = Pattern.compile("(?i)[_\\- ]?fmtransparencyreport.*$");

    private final List<String> warnings = new ArrayList<>();
    private final Limits limits;

    private FmtiParser(Limits limits) {
        this.limits = limits;
    }

    public static FmtiEdition parse(String edition, Upload scores, Upload indicators, List<Upload> reports) {
        return parse(edition, scores, indicators, reports, Limits.NONE);
    }

    /** Reads and checks an edition; anything over {@code limits} is an {@link ImportTooLarge}, found before the rest is checked. */
    public static FmtiEdition parse(String edition, Upload scores, Upload indicators, List<Upload> reports, Limits limits) {
        return new FmtiParser(limits).read(edition, scores, indicators, reports == null ? List.of() : reports);
    }

    /** Lower case, {@code _ - :} as spaces, runs of white space folded, trimmed. */
    public static String normalise(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[_:\\-\u2010-\u2015]", " ").replaceAll("\\s+", " ").trim();
    }

    private FmtiEdition read(String edition, Upload scores, Upload indicators, List<Upload> reports) {
        List<Row> rows = rows("scores", scores);
        if (rows.isEmpty()) {
            throw new ImportException("scores", scores.name(), 1, 1, "the file is empty");
        }
        Row header = rows.get(0);
        int indicatorCol;
        if (is(header, 0, "Indicator")) {
            indicatorCol = 0;
        } else if (is(header, 0, "Domain") && is(header, 1, "Subdomain") && is(header, 2, "Indicator")) {
            indicatorCol = 2;
        } else {
            Csv.Cell first = header.cells().get(0);
            throw new ImportException("scores", scores.name(), first.line(), first.column(), "unexpected header '"
                    + first.text().trim() + "': expected 'Indicator,<developers…>' or 'Domain,Subdomain,Indicator,<developers…>[,Total]'");
        }
        int last = header.size() - 1;
        boolean totalColumn = header.text(last).trim().equalsIgnoreCase("Total");
        int lastDeveloper = totalColumn ? last - 1 : last;
        if (lastDeveloper <= indicatorCol) {
            throw new ImportException("scores", scores.name(), header.line(), 1, "the header names no developer");
        }
        if (lastDeveloper - indicatorCol > limits.maxDevelopers()) {
            throw new ImportTooLarge("scores", scores.name(), "the header names " + (lastDeveloper - indicatorCol)
                    + " developers; an import takes at most " + limits.maxDevelopers() + " (labledger.import.max-developers)");
        }
        long indicatorRows = rows.stream().skip(1).filter(r -> !r.blank() && !r.text(indicatorCol).trim().equalsIgnoreCase("Total")).count();
        if (indicatorRows > limits.maxIndicators()) {
            throw new ImportTooLarge("scores", scores.name(), "the file has " + indicatorRows
                    + " indicator rows; an import takes at most " + limits.maxIndicators() + " (labledger.import.max-indicators)");
        }
        List<String> developerNames = new ArrayList<>();
        Map<String, Integer> seenDevelopers = new HashMap<>();
        for (int c = indicatorCol + 1; c <= lastDeveloper; c++) {
            Csv.Cell cell = header.cells().get(c);
            String name = cell.text().trim();
            if (name.isEmpty()) {
                throw new ImportException("scores", scores.name(), cell.line(), cell.column(), "a developer column has no name");
            }
            if (name.equalsIgnoreCase("Total")) {
                throw new ImportException("scores", scores.name(), cell.line(), cell.column(), "'Total' must be the last column");
            }
            if (seenDevelopers.put(normalise(name), c) != null) {
                throw new ImportException("scores", scores.name(), cell.line(), cell.column(), "developer '" + name + "' appears twice");
            }
            developerNames.add(name);
        }

        List<FmtiEdition.Indicator> indicatorList = new ArrayList<>();
        List<Map<String, Integer>> developerScores = new ArrayList<>();
        developerNames.forEach(d -> developerScores.add(new LinkedHashMap<>()));
        Map<String, Integer> indicatorLines = new HashMap<>();
        Row totalRow = null;
        for (int r = 1; r < rows.size(); r++) {
            Row row = rows.get(r);
            if (row.blank()) {
                continue;
            }
            if (totalRow != null) {
                throw new ImportException("scores", scores.name(), row.line(), 1, "rows after the 'Total' row");
            }
            String name = row.text(indicatorCol).trim();
            if (name.equalsIgnoreCase("Total")) {
                totalRow = row;
                continue;
            }
            if (name.isEmpty()) {
                throw new ImportException("scores", scores.name(), row.line(), indicatorCol + 1, "an indicator has no name");
            }
            Integer before = indicatorLines.put(normalise(name), row.line());
            if (before != null) {
                throw new ImportException("scores", scores.name(), row.line(), indicatorCol + 1,
                        "indicator '" + name + "' appears twice (first on line " + before + ")");
            }
            if (row.size() < header.size()) {
                throw new ImportException("scores", scores.name(), row.line(), row.size() + 1,
                        "the row has " + row.size() + " cells, the header " + header.size());
            }
            int sum = 0;
            for (int d = 0; d < developerNames.size(); d++) {
                int score = score("scores", scores.name(), row.cells().get(indicatorCol + 1 + d));
                developerScores.get(d).put(name, score);
                sum += score;
            }
            if (totalColumn) {
                checkTotal(scores.name(), row.cells().get(last), sum, "indicator '" + name + "'");
            }
            String domain = indicatorCol == 2 ? row.text(0).trim() : null;
            String subdomain = indicatorCol == 2 ? row.text(1).trim() : null;
            indicatorList.add(new FmtiEdition.Indicator(name, row.line(), blankToNull(domain), blankToNull(subdomain), null, null));
        }
        if (indicatorList.isEmpty()) {
            throw new ImportException("scores", scores.name(), header.line() + 1, 1, "no indicator rows");
        }
        if (totalRow != null) {
            for (int d = 0; d < developerNames.size(); d++) {
                int sum = developerScores.get(d).values().stream().mapToInt(Integer::intValue).sum();
                Csv.Cell cell = totalRow.cells().size() > indicatorCol + 1 + d ? totalRow.cells().get(indicatorCol + 1 + d) : null;
                if (cell == null) {
                    throw new ImportException("scores", scores.name(), totalRow.line(), indicatorCol + 2 + d, "the 'Total' row has no value for '" + developerNames.get(d) + "'");
                }
                checkTotal(scores.name(), cell, sum, "developer '" + developerNames.get(d) + "'");
            }
        }

        if (indicators != null) {
            indicatorList = withDefinitions(indicatorList, indicators);
        }

        Map<String, String> indicatorByKey = new LinkedHashMap<>();
        indicatorList.forEach(i -> indicatorByKey.put(normalise(i.name()), i.name()));
        String[] reportFiles = new String[developerNames.size()];
        List<Map<String, FmtiEdition.ReportRow>> reportRows = new ArrayList<>();
        developerNames.forEach(d -> reportRows.add(null));
        for (Upload report : reports) {
            int d = developerOf(report.name(), developerNames);
            if (reportRows.get(d) != null) {
                throw new ImportException("reports", report.name(), 0, 0, "a second report for developer '" + developerNames.get(d)
                        + "' (the first is '" + reportFiles[d] + "')");
            }
            reportFiles[d] = report.name();
            reportRows.set(d, readReport(report, developerNames.get(d), indicatorByKey, developerScores.get(d)));
        }

        List<FmtiEdition.Developer> developers = new ArrayList<>();
        for (int d = 0; d < developerNames.size(); d++) {
            developers.add(new FmtiEdition.Developer(developerNames.get(d), indicatorCol + 2 + d, developerScores.get(d),
                    reportFiles[d], reportRows.get(d)));
        }
        return new FmtiEdition(edition, scores.name(), indicatorList, developers, List.copyOf(warnings));
    }

    private List<FmtiEdition.Indicator> withDefinitions(List<FmtiEdition.Indicator> list, Upload file) {
        List<Row> rows = rows("indicators", file);
        if (rows.isEmpty()) {
            throw new ImportException("indicators", file.name(), 1, 1, "the file is empty");
        }
        Row header = rows.get(0);
        Map<String, Integer> cols = columns(header);
        if (!cols.containsKey("indicator") || !cols.containsKey("definition")) {
            throw new ImportException("indicators", file.name(), header.line(), 1,
                    "unexpected header: expected at least the columns 'Indicator' and 'Definition' (and optionally Domain, Subdomain, Notes)");
        }
        Map<String, Row> byName = new HashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            Row row = rows.get(r);
            if (row.blank()) {
                continue;
            }
            String name = row.text(cols.get("indicator")).trim();
            if (byName.put(normalise(name), row) != null) {
                throw new ImportException("indicators", file.name(), row.line(), cols.get("indicator") + 1, "indicator '" + name + "' appears twice");
            }
        }
        List<FmtiEdition.Indicator> out = new ArrayList<>();
        int missing = 0;
        for (FmtiEdition.Indicator i : list) {
            Row row = byName.remove(normalise(i.name()));
            if (row == null) {
                missing++;
                out.add(i);
                continue;
            }
            out.add(new FmtiEdition.Indicator(i.name(), i.line(),
                    i.domain() != null ? i.domain() : cell(row, cols, "domain"),
                    i.subdomain() != null ? i.subdomain() : cell(row, cols, "subdomain"),
                    cell(row, cols, "definition"), cell(row, cols, "notes")));
        }
        if (missing > 0) {
            warnings.add(missing + " indicator(s) of the scores file have no definition in '" + file.name() + "'");
        }
        if (!byName.isEmpty()) {
            warnings.add(byName.size() + " indicator(s) of '" + file.name() + "' are not in the scores file and were ignored");
        }
        return out;
    }

    private Map<String, FmtiEdition.ReportRow> readReport(Upload file, String developer, Map<String, String> indicators,
                                                          Map<String, Integer> scores) {
        List<Row> rows = rows("reports", file);
        if (rows.isEmpty()) {
            throw new ImportException("reports", file.name(), 1, 1, "the file is empty");
        }
        Row header = rows.get(0);
        Map<String, Integer> cols = columns(header);
        if (!cols.containsKey("score")) {
            throw new ImportException("reports", file.name(), header.line(), 1,
                    "unexpected header: a report needs an indicator column first and a 'Score' column");
        }
        String first = header.text(0).trim();
        if (!first.equalsIgnoreCase("Indicator")) {
            warnings.add("report '" + file.name() + "' heads its first column '" + first + "' instead of 'Indicator'; read as the indicator column");
        }
        Map<String, FmtiEdition.ReportRow> out = new LinkedHashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            Row row = rows.get(r);
            if (row.blank()) {
                continue;
            }
            String raw = row.text(0).trim();
            String name = indicators.get(normalise(raw));
            if (name == null) {
                throw new ImportException("reports", file.name(), row.line(), 1, "indicator '" + raw
                        + "' is not in the scores file; the report's indicators must match the matrix");
            }
            if (out.containsKey(name)) {
                throw new ImportException("reports", file.name(), row.line(), 1, "indicator '" + raw + "' appears twice");
            }
            Csv.Cell scoreCell = row.cells().size() > cols.get("score") ? row.cells().get(cols.get("score")) : new Csv.Cell("", row.line(), cols.get("score") + 1);
            int score = score("reports", file.name(), scoreCell);
            if (score != scores.get(name)) {
                throw new ImportException("reports", file.name(), scoreCell.line(), scoreCell.column(), "score " + score + " for '"
                        + name + "' differs from the scores file (" + scores.get(name) + " for '" + developer + "')");
            }
            out.put(name, new FmtiEdition.ReportRow(row.line(), cell(row, cols, "disclosure"), cell(row, cols, "justification"),
                    cell(row, cols, "references")));
        }
        List<String> absent = indicators.values().stream().filter(i -> !out.containsKey(i)).toList();
        if (!absent.isEmpty()) {
            throw new ImportException("reports", file.name(), rows.get(rows.size() - 1).line(), 1, absent.size()
                    + " indicator(s) of the scores file are missing from the report: " + String.join(", ", absent.subList(0, Math.min(10, absent.size())))
                    + (absent.size() > 10 ? ", …" : ""));
        }
        return out;
    }

    /** Which matrix developer a report file belongs to, by its file name. */
    private static int developerOf(String fileName, List<String> developers) {
        String base = fileName.replaceAll("(?i)\\.csv$", "");
        String name = normalise(REPORT_NAME.matcher(base).replaceAll(""));
        List<Integer> hits = new ArrayList<>();
        for (int d = 0; d < developers.size(); d++) {
            if (normalise(developers.get(d)).equals(name)) {
                return d;
            }
        }
        // a longer spelling of the same developer: 'Stability AI' for 'Stability', 'BigCode-Hugging Face-ServiceNow' for 'BigCode'
        for (int d = 0; d < developers.size(); d++) {
            String dev = normalise(developers.get(d));
            if (name.startsWith(dev + " ") || dev.startsWith(name + " ")) {
                hits.add(d);
            }
        }
        if (hits.size() == 1) {
            return hits.get(0);
        }
        throw new ImportException("reports", fileName, 0, 0, hits.isEmpty()
                ? "the file name names no developer of the scores file (expected '<Developer>_fmtransparencyreport_<Edition>.csv' with one of "
                + developers + ")"
                : "the file name matches several developers: " + hits.stream().map(developers::get).toList());
    }

    private static int score(String part, String file, Csv.Cell cell) {
        String t = cell.text().trim();
        if (t.equals("0")) {
            return 0;
        }
        if (t.equals("1")) {
            return 1;
        }
        throw new ImportException(part, file, cell.line(), cell.column(), "score must be 0 or 1, was '" + abbreviate(t) + "'");
    }

    private static void checkTotal(String file, Csv.Cell cell, int sum, String what) {
        String t = cell.text().trim();
        int total;
        try {
            total = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new ImportException("scores", file, cell.line(), cell.column(), "total for " + what + " is not a whole number: '" + abbreviate(t) + "'");
        }
        if (total != sum) {
            throw new ImportException("scores", file, cell.line(), cell.column(), "total for " + what + " is " + total + " but its scores add up to " + sum);
        }
    }

    private List<Row> rows(String part, Upload file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file.bytes())).toString();
        } catch (CharacterCodingException e) {
            throw new ImportException(part, file.name(), 0, 0, "the file is not UTF-8 text");
        }
        try {
            return Csv.parse(text, limits.maxCells());
        } catch (Csv.TooManyCells e) {
            throw new ImportTooLarge(part, file.name(), "the file has more than " + e.limit
                    + " cells; an import takes at most " + e.limit + " per file (labledger.import.max-cells)");
        } catch (Csv.SyntaxException e) {
            throw new ImportException(part, file.name(), e.line, e.column, "not valid CSV: " + e.getMessage());
        }
    }

    private static Map<String, Integer> columns(Row header) {
        Map<String, Integer> cols = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            cols.putIfAbsent(header.text(i).trim().toLowerCase(Locale.ROOT), i);
        }
        return cols;
    }

    private static boolean is(Row row, int i, String name) {
        return row.text(i).trim().equalsIgnoreCase(name);
    }

    private static String cell(Row row, Map<String, Integer> cols, String name) {
        Integer i = cols.get(name);
        return i == null ? null : blankToNull(row.text(i).trim());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
