package org.labledger.importer;

import org.labledger.common.TextRules;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 CSV reader that keeps track of where each cell starts (line and column), so that an
 * importer can say exactly where a problem is. Handles a UTF-8 byte-order mark, quoted cells with
 * embedded commas, quotes ("") and line breaks, and CRLF or LF line ends. Every cell must pass
 * {@link TextRules}, or the parse fails there with a {@link SyntaxException} naming its line and column.
 */
public final class Csv {

    /** One cell: its text, the 1-based line where it starts and its 1-based field number (CSV column) in the row. */
    public record Cell(String text, int line, int column) {
    }

    /** One record (row) and the line it starts on. */
    public record Row(List<Cell> cells, int line) {

        public String text(int i) {
            return i < cells.size() ? cells.get(i).text() : "";
        }

        public int size() {
            return cells.size();
        }

        public boolean blank() {
            return cells.stream().allMatch(c -> c.text().isBlank());
        }
    }

    /** A CSV syntax problem (an unterminated quote, text after a closing quote). */
    public static final class SyntaxException extends RuntimeException {
        public final int line;
        public final int column;

        SyntaxException(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    /** More cells than the caller allows: reading stops there, so that an oversized file costs no more than the limit. */
    public static final class TooManyCells extends RuntimeException {
        public final int limit;

        TooManyCells(int limit) {
            super("more than " + limit + " cells");
            this.limit = limit;
        }
    }

    private Csv() {
    }

    public static List<Row> parse(String text) {
        return parse(text, Integer.MAX_VALUE);
    }

    /** Parses at most {@code maxCells} cells; one more throws {@link TooManyCells}. */
    public static List<Row> parse(String text, int maxCells) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Row> rows = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int cellLine = 1, rowLine = 1;
        boolean quoted = false, wasQuoted = false;
        int i = 0, n = s.length();
        int count = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && s.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                if (c == '\n') {
                    line++;
                } else {
                }
                cell.append(c);
                i++;
                continue;
            }
            if (c == '"') {
                if (cell.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                    i++;
                    continue;
                }
                if (wasQuoted) {
                    throw new SyntaxException("text after a closing quote", line, cells.size() + 1);
                }
                cell.append(c); // a stray quote inside an unquoted cell: keep it, as spreadsheets do
                i++;
                continue;
            }
            if (c == ',') {
                count = counted(count, maxCells);
                cells.add(cell(cell, cellLine, cells.size() + 1));
                cell.setLength(0);
                wasQuoted = false;
                i++;
                cellLine = line;
                continue;
            }
            if (c == '\r' || c == '\n') {
                count = counted(count, maxCells);
                cells.add(cell(cell, cellLine, cells.size() + 1));
                rows.add(new Row(List.copyOf(cells), rowLine));
                cells.clear();
                cell.setLength(0);
                wasQuoted = false;
                i += (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') ? 2 : 1;
                line++;
                cellLine = line;
                rowLine = line;
                continue;
            }
            if (wasQuoted && !Character.isWhitespace(c)) {
                throw new SyntaxException("text after a closing quote", line, cells.size() + 1);
            }
            if (!wasQuoted) {
                cell.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new SyntaxException("a quoted cell is never closed", cellLine, cells.size() + 1);
        }
        if (cell.length() > 0 || !cells.isEmpty() || wasQuoted) {
            counted(count, maxCells);
            cells.add(cell(cell, cellLine, cells.size() + 1));
            rows.add(new Row(List.copyOf(cells), rowLine));
        }
        // drop trailing blank lines
        while (!rows.isEmpty() && rows.get(rows.size() - 1).blank() && rows.get(rows.size() - 1).size() <= 1) {
            rows.remove(rows.size() - 1);
        }
        return rows;
    }

    /** A finished cell; one that {@link TextRules} refuses (NUL, other control characters, U+FFFE…) stops the parse there. */
    private static Cell cell(CharSequence text, int line, int column) {
        String problem = TextRules.problem(text);
        if (problem != null) {
            throw new SyntaxException("the cell " + problem, line, column);
        }
        return new Cell(text.toString(), line, column);
    }

    private static int counted(int count, int max) {
        if (count >= max) {
            throw new TooManyCells(max);
        }
        return count + 1;
    }
}
