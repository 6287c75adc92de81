package org.labledger.source;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The claims that support records (provisions, events, answers), for the rooms of those records, which sit below the
 * claim room: implemented there (claim/ClaimSupports), looked up through CDI.
 */
public interface SupportingClaims {

    /** For each record id of this type, the claims that support it, by key; a fixed number of queries whatever the number of ids. */
    Map<Long, List<SupportingClaim>> forRecords(SubjectType type, Collection<Long> ids);
}
