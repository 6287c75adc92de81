package org.labledger.seed;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The dataset as it stood at a time before the row history (V17, seed/DatasetHistory) starts, for {@code GET /api/export?asOf=}: implemented where past snapshots are
 * kept (the release room, above this one, which this room does not name).
 */
public interface PastDatasets {

    /**
     * The dataset document (seeds/ format, as bytes) at {@code t}, a time before the row history starts
     * ({@code historyStart}, null when there is none yet): empty when the current state is the state at {@code t};
     * an {@link org.labledger.common.ApiException} when that state is not recorded exactly.
     */
    Optional<byte[]> at(OffsetDateTime t, OffsetDateTime historyStart);
}
