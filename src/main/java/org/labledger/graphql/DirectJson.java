package org.labledger.graphql;

import graphql.language.Field;
import graphql.language.Selection;
import graphql.language.SelectionSet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a GraphQL selection over rows of known tables into one SQL expression that PostgreSQL evaluates to the JSON
 * text graphql-java and SmallRye would write for it: keys in selection order (aliases as given), no whitespace,
 * strings through {@code to_json} (valid JSON escaping), {@code null} where a column is null. Used by
 * {@link GraphQLDirect} plans; a selection it cannot express exactly (arguments, directives, fragments, a response
 * key given twice, a field it does not know) makes {@link #object} return null, and the request takes the generic path.
 */
public final class DirectJson {

    private DirectJson() {
    }

    /**
     * A GraphQL object type read from one table: its plain fields as SQL templates ({@code {t}} stands for the
     * table's alias) that evaluate to JSON text, and its to-one relations.
     */
    public record Type(String name, Map<String, String> fields, Map<String, Relation> relations) {
    }

    /**
     * A to-one relation: {@code join} is the join clause's table and condition with {@code {t}} for the target's
     * alias and {@code {s}} for the source's; {@code nullable}: a left join, and {@code null} when there is no row.
     */
    public record Relation(Type target, String table, String condition, boolean nullable) {
    }

    /** A plain field: the column as JSON text ({@code null} for SQL NULL). */
    public static String column(String column) {
        return "coalesce(to_json({t}." + column + ")::text, 'null')";
    }

    /** An ID field from a numeric column: GraphQL's ID is written as a string. */
    public static String idColumn(String column) {
        return "coalesce(to_json({t}." + column + "::text)::text, 'null')";
    }

    /** The joins an object expression needs, in order; aliases are {@code d0}, {@code d1}, … */
    public static final class Joins {
        private final List<String> clauses = new ArrayList<>();
        private int next = 1;

        String alias() {
            return "d" + next++;
        }

        void add(String clause) {
            clauses.add(clause);
        }

        /** The join clauses, to append after the root table ({@code d0}). */
        public String sql() {
            return String.join(" ", clauses);
        }
    }

    /**
     * The SQL expression for the JSON object of {@code selection} over {@code type}, whose row has the alias
     * {@code alias}; the joins it needs are added to {@code joins}. Null when the selection is not expressible.
     */
    public static String object(Type type, SelectionSet selection, String alias, Joins joins) {
        if (selection == null) {
            return null;
        }
        List<Field> fields = fields(selection);
        if (fields == null || fields.isEmpty()) {
            return null;
        }
        StringBuilder sql = new StringBuilder("'{'");
        boolean first = true;
        for (Field f : fields) {
            String key = f.getResultKey();
            String value;
            if (f.getName().equals("__typename")) {
                value = f.getSelectionSet() == null ? "'\"" + type.name() + "\"'" : null;
            } else if (type.fields().containsKey(f.getName())) {
                value = f.getSelectionSet() == null ? "(" + type.fields().get(f.getName()).replace("{t}", alias) + ")" : null;
            } else if (type.relations().containsKey(f.getName())) {
                Relation r = type.relations().get(f.getName());
                String target = joins.alias();
                joins.add((r.nullable() ? "left join " : "join ") + r.table() + " " + target + " on "
                        + r.condition().replace("{t}", target).replace("{s}", alias));
                String inner = object(r.target(), f.getSelectionSet(), target, joins);
                value = inner == null ? null
                        : r.nullable() ? "(case when " + target + ".id is null then 'null' else " + inner + " end)" : "(" + inner + ")";
            } else {
                value = null;
            }
            if (value == null) {
                return null;
            }
            sql.append(" || '").append(first ? "" : ",").append('"').append(key).append("\":' || ").append(value);
            first = false;
        }
        return sql.append(" || '}'").toString();
    }

    /**
     * The selection's fields in order, or null when it has anything but plain fields without arguments and
     * directives, or a response key twice (graphql-java would merge them).
     */
    public static List<Field> fields(SelectionSet selection) {
        List<Field> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Selection<?> s : selection.getSelections()) {
            if (!(s instanceof Field f) || !f.getArguments().isEmpty() || !f.getDirectives().isEmpty() || !keys.add(f.getResultKey())
                    || !simpleName(f.getResultKey())) {
                return null;
            }
            out.add(f);
        }
        return out;
    }

    /** The selection's fields by response key, in order (see {@link #fields}). */
    public static Map<String, Field> byKey(SelectionSet selection) {
        List<Field> fields = selection == null ? null : fields(selection);
        if (fields == null) {
            return null;
        }
        Map<String, Field> out = new LinkedHashMap<>();
        fields.forEach(f -> out.put(f.getResultKey(), f));
        return out;
    }

    /** A GraphQL name ([_A-Za-z][_0-9A-Za-z]*): safe inside a JSON key and an SQL string literal as it is. */
    static boolean simpleName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
