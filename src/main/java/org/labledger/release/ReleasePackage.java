package org.labledger.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.labledger.common.CsvWriter;
import org.labledger.seed.SeedDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The files of a release's zip, built once from its dataset document: {@code labledger.json} (the document, the
 * bytes the release's SHA-256 names), one CSV per section of the document ({@code data/labs.csv}, …; one row per
 * record, one column per field, lists and nested records as JSON text), {@code datapackage.json} (a Frictionless
 * Data package describing the CSVs: fields and types, with each file's SHA-256), {@code CITATION.cff} and
 * {@code RELEASE-NOTES.md}. The sections are read from {@link SeedDocument}'s components, so a new section of the
 * format gets its CSV without a change here. Entries are stamped with the release time, in a fixed order.
 */
final class ReleasePackage {

    private ReleasePackage() {
    }

    /** One CSV of the package: its section name, columns with their Table Schema types, and its bytes. */
    record Table(String name, List<String> columns, List<ObjectNode> fields, byte[] csv) {
    }

    static List<Table> tables(SeedDocument doc, ObjectMapper mapper) {
        List<Table> tables = new ArrayList<>();
        for (RecordComponent section : SeedDocument.class.getRecordComponents()) {
            if (!List.class.isAssignableFrom(section.getType())
                    || !(section.getGenericType() instanceof ParameterizedType p) || !(p.getActualTypeArguments()[0] instanceof Class<?> rowType)
                    || !rowType.isRecord()) {
                continue;
            }
            List<?> rows = (List<?>) read(section, doc);
            RecordComponent[] cols = rowType.getRecordComponents();
            List<String> names = new ArrayList<>();
            List<ObjectNode> fields = new ArrayList<>();
            for (RecordComponent c : cols) {
                names.add(c.getName());
                fields.add(field(c, mapper));
            }
            StringBuilder csv = new StringBuilder(CsvWriter.line(names));
            for (Object row : rows == null ? List.of() : rows) {
                List<String> cells = new ArrayList<>(cols.length);
                for (RecordComponent c : cols) {
                    cells.add(cell(read(c, row), mapper));
                }
                csv.append(CsvWriter.line(cells));
            }
            tables.add(new Table(section.getName(), names, fields, csv.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return tables;
    }

    private static Object read(RecordComponent c, Object target) {
        try {
            return c.getAccessor().invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }

    private static String cell(Object v, ObjectMapper mapper) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof CharSequence || v instanceof Number || v instanceof Boolean || v instanceof Enum<?>) {
            return v.toString();
        }
        try {
            return mapper.writeValueAsString(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Table Schema field (https://specs.frictionlessdata.io/table-schema/) for a record component. */
    private static ObjectNode field(RecordComponent c, ObjectMapper mapper) {
        ObjectNode f = mapper.createObjectNode().put("name", c.getName());
        Class<?> t = c.getType();
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            f.put("type", "integer");
        } else if (t == BigDecimal.class || t == Double.class || t == double.class) {
            f.put("type", "number");
        } else if (t == Boolean.class || t == boolean.class) {
            f.put("type", "boolean");
        } else if (t.isEnum()) {
            f.put("type", "string");
            ArrayNode values = f.putObject("constraints").putArray("enum");
            for (Object e : t.getEnumConstants()) {
                values.add(((Enum<?>) e).name());
            }
        } else if (List.class.isAssignableFrom(t)) {
            f.put("type", "array").put("description", "JSON array");
        } else if (t.isRecord()) {
            f.put("type", "object").put("description", "JSON object");
        } else {
            f.put("type", "string");
        }
        return f;
    }

    /** The Frictionless Data package descriptor (https://specs.frictionlessdata.io/data-package/). */
    static byte[] datapackage(int number, OffsetDateTime at, String title, String license, String documentSha256,
                              List<Table> tables, ObjectMapper mapper) {
        ObjectNode p = mapper.createObjectNode();
        p.put("profile", "tabular-data-package");
        p.put("name", "labledger");
        p.put("title", title);
        p.put("version", String.valueOf(number));
        p.put("created", at.toString());
        p.put("description", "LabLedger release " + number + ": every record of the ledger as of the release, one CSV per section of the "
                + "seeds/ format (labledger.json, SHA-256 " + documentSha256 + ", holds the same records exactly; lists and nested "
                + "records are JSON text in their cells, and a cell a spreadsheet would run as a formula starts with an apostrophe).");
        if (license != null) {
            p.putArray("licenses").addObject().put("name", license).put("path", "https://spdx.org/licenses/" + license + ".html");
        }
        ArrayNode resources = p.putArray("resources");
        for (Table t : tables) {
            ObjectNode r = resources.addObject();
            r.put("name", t.name().toLowerCase());
            r.put("path", "data/" + t.name() + ".csv");
            r.put("profile", "tabular-data-resource");
            r.put("format", "csv");
            r.put("mediatype", "text/csv");
            r.put("encoding", "utf-8");
            r.put("bytes", t.csv().length);
            r.put("hash", "sha256:" + ReleaseService.sha256(t.csv()));
            ObjectNode schema = r.putObject("schema");
            schema.putArray("fields").addAll(t.fields());
            schema.putArray("missingValues").add("");
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CITATION.cff (https://citation-file-format.github.io/, version 1.2.0). */
    static String citationCff(int number, OffsetDateTime at, String title, String authors, String license, String url, String sha256) {
        StringBuilder c = new StringBuilder();
        c.append("cff-version: 1.2.0\n");
        c.append("message: \"If you use this dataset, please cite this release by its number and SHA-256.\"\n");
        c.append("type: dataset\n");
        c.append("title: ").append(yaml(title)).append('\n');
        c.append("version: \"").append(number).append("\"\n");
        c.append("date-released: ").append(at.toLocalDate()).append('\n');
        c.append("authors:\n  - name: ").append(yaml(authors)).append('\n');
        if (license != null) {
            c.append("license: ").append(yaml(license)).append('\n');
        }
        c.append("url: ").append(yaml(url)).append('\n');
        c.append("identifiers:\n  - type: url\n    value: ").append(yaml(url)).append('\n');
        c.append("    description: \"this release (JSON; .zip for the CSVs)\"\n");
        c.append("  - type: other\n    value: \"sha256:").append(sha256).append("\"\n");
        c.append("    description: \"SHA-256 of labledger.json, the dataset document of this release\"\n");
        return c.toString();
    }

    private static String yaml(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The zip, entries in this order, each stamped {@code at}. */
    static byte[] zip(OffsetDateTime at, Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry("labledger-release/" + e.getKey());
                entry.setTime(at.toInstant().toEpochMilli());
                z.putNextEntry(entry);
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Map<String, byte[]> entries() {
        return new LinkedHashMap<>();
    }
}
