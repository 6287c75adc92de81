package org.labledger.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Small values read from the database — the topic tree, a lab's id by slug, a filter's total from the tallies —
 * shared by every read while the data version ({@link DataVersion#current}) stands. A committed write anywhere (this
 * replica or another) advances the version and starts an empty generation, so a value is never older than the version
 * it is kept under: it was loaded after that version was read.
 * <p>
 * Not used (the loader runs) inside a transaction — a write path may have changed what it reads — nor while the
 * version is unconfirmed (listener down). A loader's exception is not kept. At most {@link #MAX_ENTRIES} values per
 * generation; past that, values are loaded without being kept. Callers keep values immutable (or safe to share).
 */
@ApplicationScoped
public class VersionMemo {

    static final int MAX_ENTRIES = 10_000;

    @Inject
    DataVersion versions;
    @Inject
    TransactionManager transactions;

    private record Generation(long version, Map<Object, Object> values) {
    }

    private volatile Generation generation = new Generation(-1, Map.of());

    /** The value kept for {@code key} at the current version, loading and keeping it when there is none. */
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Supplier<T> load) {
        long version = versions.current();
        if (version < 0 || inTransaction()) {
            return load.get();
        }
        Generation g = generation;
        if (g.version() != version) {
            g = new Generation(version, new ConcurrentHashMap<>());
            generation = g;
        }
        Object kept = g.values().get(key);
        if (kept != null) {
            return (T) kept;
        }
        T value = load.get();
        if (value != null && g.values().size() < MAX_ENTRIES) {
            g.values().put(key, value);
        }
        return value;
    }

    private boolean inTransaction() {
        try {
            return transactions.getStatus() != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            return true;
        }
    }
}
