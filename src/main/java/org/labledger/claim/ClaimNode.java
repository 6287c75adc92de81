package org.labledger.claim;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.labledger.source.SubjectType;

import java.util.Map;

/** A claim as a GraphQL object; claimant, citations and links are batch resolvers of {@link ClaimGraphQL}. */
@Name("Claim")
@Description("What a document says someone said: claimant, stance, certainty, subject, citations and links to other claims. A claim is not a fact")
public record ClaimNode(@Ignore Long id,
                        @NonNull @Description("Stable key") String key,
                        @NonNull @Description("What the claim says, in the curator's neutral words (the citations hold the verbatim quotes)") String summary,
                        @NonNull @Description("What the claimant does with it") ClaimStance stance,
                        @NonNull @Description("How sure it is, by what kind of statement it is") ClaimCertainty certainty,
                        @Description("The record the claim is about, if any is recorded") ClaimSubject about,
                        @Description("Key of the source the citing document quotes, when it names one") String quotedVia,
                        @Description("Whether the claim's attribution or reading is the curator's inference") boolean inference,
                        @Description("Why the curator made the inference") String rationale,
                        @Ignore Long claimantId) {

    @Name("ClaimSubject")
    @Description("The record a claim is about")
    public record ClaimSubject(@NonNull @Description("The record's type") SubjectType type,
                               @NonNull @Description("The record's slug or key (an answer: questionKey/labSlug)") String key) {
    }

    public static ClaimNode of(Claim c, Map<SubjectType, Map<Long, String>> aboutKeys) {
        String aboutKey = c.aboutType == null ? null : aboutKeys.getOrDefault(c.aboutType, Map.of()).get(c.aboutId);
        return new ClaimNode(c.id, c.key, c.summary, c.stance, c.certainty, aboutKey == null ? null : new ClaimSubject(c.aboutType, aboutKey),
                c.quotedVia == null ? null : c.quotedVia.key, c.inference, c.rationale, c.claimant.id);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ClaimNode n && id != null && id.equals(n.id));
    }

    @Override
    public int hashCode() {
        return id == null ? System.identityHashCode(this) : id.hashCode();
    }
}
