package org.labledger.claim;

import org.labledger.source.SubjectType;

import java.util.List;

/**
 * Conditions on claims, all of which must hold; null or empty means any. {@code aboutType} and {@code aboutKey} go
 * together (the record the claim is about); {@code claimant} is an entity slug; {@code disputed}: whether another
 * claim disputes, contradicts or denies it.
 */
public record ClaimFilter(SubjectType aboutType, String aboutKey, String claimant, List<ClaimStance> stances,
                          List<ClaimCertainty> certainties, Boolean disputed) {

    public static final ClaimFilter ANY = new ClaimFilter(null, null, null, List.of(), List.of(), null);
}
