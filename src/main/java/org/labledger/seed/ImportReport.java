package org.labledger.seed;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;
import java.util.TreeMap;

/** What an import did: per record type, how many rows were created, updated and left unchanged. */
@RegisterForReflection
public record ImportReport(String file, String datasetVersion, boolean skipped, Map<String, Counts> counts) {

    @RegisterForReflection
    public record Counts(int created, int updated, int unchanged) {
    }

    public int created() {
        return counts.values().stream().mapToInt(Counts::created).sum();
    }

    public int updated() {
        return counts.values().stream().mapToInt(Counts::updated).sum();
    }

    /** Mutable tally used while importing. */
    static final class Tally {
        private final Map<String, int[]> counts = new TreeMap<>();

        void count(String type, Boolean createdOrUpdated) {
            int[] c = counts.computeIfAbsent(type, t -> new int[3]);
            c[createdOrUpdated == null ? 2 : createdOrUpdated ? 0 : 1]++;
        }

        Map<String, Counts> snapshot() {
            Map<String, Counts> out = new TreeMap<>();
            counts.forEach((k, c) -> out.put(k, new Counts(c[0], c[1], c[2])));
            return out;
        }
    }
}
