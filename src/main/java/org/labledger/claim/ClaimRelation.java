package org.labledger.claim;

import org.eclipse.microprofile.graphql.Description;

import java.util.Set;

/** How one claim bears on another. */
@Description("How one claim bears on another")
public enum ClaimRelation {
    @Description("Argues against the other claim")
    DISPUTES,
    @Description("Cannot both hold with the other claim (neither says so of the other)")
    CONTRADICTS,
    @Description("Backs the other claim")
    SUPPORTS,
    @Description("Says the other claim is not so")
    DENIES;

    /** The relations that make the other claim disputed. */
    public static final Set<ClaimRelation> AGAINST = Set.of(DISPUTES, CONTRADICTS, DENIES);
}
