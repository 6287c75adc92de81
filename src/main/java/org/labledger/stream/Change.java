package org.labledger.stream;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * One committed change, as the database announced it (V12's {@code data_change_publish}): the data version the
 * transaction advanced to, the table it wrote ({@code type}), the kinds of statement, and the keys and labs it
 * touched (capped; {@code more} when some were left out). A change found by the fallback check, whose notification
 * was lost, has no type, keys or labs and {@code more = true}: a filtered subscriber receives it too.
 *
 * @param version the data version after the transaction
 * @param type    the table written (answer, lab, question, ...), null when unknown
 * @param key     the one record's key (key, slug or id) when exactly one record of the table changed, else null
 * @param keys    the keys of the changed records (at most 20)
 * @param labs    the slugs of the labs concerned (at most 20), where the table names a lab
 * @param ops     INSERT, UPDATE, DELETE, TRUNCATE
 * @param more    whether keys or labs were left out (or are unknown)
 */
@RegisterForReflection
public record Change(long version, String type, String key, List<String> keys, List<String> labs, List<String> ops, boolean more) {

    public Change {
        keys = keys == null ? List.of() : List.copyOf(keys);
        labs = labs == null ? List.of() : List.copyOf(labs);
        ops = ops == null ? List.of() : List.copyOf(ops);
        if (key == null && keys.size() == 1 && !more) {
            key = keys.get(0);
        }
    }

    /** A version reached without its notification (lost, or not yet arrived when the check saw the version). */
    static Change unknown(long version) {
        return new Change(version, null, null, List.of(), List.of(), List.of(), true);
    }

    /**
     * Whether a subscriber that asked for these types and labs (empty: any) gets this change. A change whose type,
     * or whose labs, may be incomplete goes to every subscriber it may concern.
     */
    /** A lab slug, as the labs' own rule has it. */
    static final java.util.regex.Pattern SLUG = java.util.regex.Pattern.compile("^[a-z0-9]+(?:-[a-z0-9]+)*$");
    /** A table name as a change's type gives it. */
    static final java.util.regex.Pattern TYPE = java.util.regex.Pattern.compile("^[a-z][a-z0-9_]*$");

    /** A type filter as the changes carry it: the table name in lower case ({@code LAB}, {@code Lab} and {@code lab} alike). */
    static String typeName(String filter) {
        return filter.toLowerCase(java.util.Locale.ROOT);
    }

    public boolean matches(List<String> types, List<String> labFilter) {
        if (type != null && !types.isEmpty() && !types.contains(type)) {
            return false;
        }
        if (labFilter.isEmpty() || type == null || (more && (labs.size() >= 20 || ops.contains("TRUNCATE")))) {
            return true;
        }
        return labs.stream().anyMatch(labFilter::contains);
    }
}
