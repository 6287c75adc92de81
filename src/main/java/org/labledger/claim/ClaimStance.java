package org.labledger.claim;

import org.eclipse.microprofile.graphql.Description;

/** What the claimant does with what the claim says. */
@Description("What the claimant does with what the claim says")
public enum ClaimStance {
    @Description("States it as so")
    ASSERTS,
    @Description("Passes on what others say or did (a publication reporting)")
    REPORTS,
    @Description("Guesses, hedged ('I would guess', 'But I'm not sure.')")
    SPECULATES,
    @Description("Holds it as an opinion or impression")
    BELIEVES,
    @Description("Says it is not so")
    DENIES,
    @Description("Argues against another claim")
    DISPUTES
}
