package org.labledger.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Helpers for GraphQL batch resolvers: a batch resolver gets all parents of one field at once, loads
 * their relations with one query, and must answer one result per parent, in the parents' order.
 */
public final class Batch {

    private Batch() {
    }

    /** The distinct non-null keys of the parents. */
    public static <P, K> List<K> keys(List<P> parents, Function<P, K> key) {
        return new ArrayList<>(new LinkedHashSet<>(parents.stream().map(key).filter(Objects::nonNull).toList()));
    }

    /** For each parent, the one value found under its key (null when none). */
    public static <P, K, V> List<V> one(List<P> parents, Function<P, K> key, Map<K, V> values) {
        List<V> out = new ArrayList<>(parents.size());
        for (P p : parents) {
            K k = key.apply(p);
            out.add(k == null ? null : values.get(k));
        }
        return out;
    }

    /** For each parent, the values grouped under its key (empty when none). */
    public static <P, K, V> List<List<V>> many(List<P> parents, Function<P, K> key, Map<K, List<V>> values) {
        List<List<V>> out = new ArrayList<>(parents.size());
        for (P p : parents) {
            out.add(values.getOrDefault(key.apply(p), List.of()));
        }
        return out;
    }

    public static <K, V> Map<K, V> index(Collection<V> values, Function<V, K> key) {
        Map<K, V> m = new HashMap<>();
        values.forEach(v -> m.put(key.apply(v), v));
        return m;
    }

    /** The values of these keys, in the keys' order (e.g. a page's nodes from their ids); every key must have one. */
    public static <K, V> List<V> ordered(List<K> keys, Map<K, V> values) {
        return keys.stream().map(values::get).toList();
    }

    public static <K, V> Map<K, List<V>> group(Collection<V> values, Function<V, K> key) {
        Map<K, List<V>> m = new HashMap<>();
        values.forEach(v -> m.computeIfAbsent(key.apply(v), k -> new ArrayList<>()).add(v));
        return m;
    }
}
