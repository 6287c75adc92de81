package org.labledger.source;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A claim a provision, event or answer rests on, as that record's JSON shows it: the claim's key, summary, claimant
 * (entity slug), stance and certainty (the names of the claim room's ClaimStance and ClaimCertainty: that room sits
 * above the rooms of the records it supports), and whether another claim disputes, contradicts or denies it.
 */
@RegisterForReflection
public record SupportingClaim(String key, String summary, String claimant, String stance, String certainty, boolean disputed) {
}
