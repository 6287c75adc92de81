package org.labledger.claim;

import org.eclipse.microprofile.graphql.Description;

/** How sure a claim is, by what kind of statement it is (not how true the curator thinks it is). */
@Description("How sure a claim is, by what kind of statement it is (not how true the curator thinks it is)")
public enum ClaimCertainty {
    @Description("An organisation's own statement or one of its officers', also when a document quotes it")
    OFFICIAL,
    @Description("Reported by a publication (which may rely on unnamed sources)")
    REPORTED,
    @Description("Hearsay the claimant calls a rumour or something heard")
    RUMOUR,
    @Description("A guess, hedged by the claimant")
    SPECULATION,
    @Description("Not read from a document: the curator's inference (see the rationale)")
    CURATOR_INFERENCE,
    @Description("A speaker's own account or opinion (a post author, a commenter), neither an organisation's statement nor a report")
    FIRST_HAND
}
