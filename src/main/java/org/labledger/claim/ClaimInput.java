package org.labledger.claim;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;
import org.labledger.source.QuoteInput;
import org.labledger.source.SubjectType;

import java.util.List;

/**
 * A claim as written by curators: everything it holds, links to other claims and the records it supports included
 * (an update replaces them all). {@code about} and each of {@code supports} name a record by type and slug/key (an
 * answer: questionKey/labSlug).
 */
@Input("ClaimInput")
@Description("A claim as written by curators; an update replaces every field, its links, supported records and citations")
@RegisterForReflection
public record ClaimInput(
        @Description("Stable key (lower case, digits, dashes); given on create, never changed") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String key,
        @Description("The claimant's entity slug") @NotBlank(message = "is required") @Size(max = 100) String claimant,
        @Description("What the claimant does with what the claim says") @NotNull(message = "is required") ClaimStance stance,
        @Description("How sure it is, by what kind of statement it is") @NotNull(message = "is required") ClaimCertainty certainty,
        @Description("What the claim says, in neutral words that keep the document's hedges") @NotBlank(message = "is required") @Size(max = 2000) String summary,
        @Description("The record the claim is about (none: not recorded)") @Valid RecordRef about,
        @Description("Key of the source the citing document quotes, when it names one") @Size(max = 100) String quotedVia,
        @Description("Whether the attribution or reading is the curator's inference (then a rationale is required)") Boolean inference,
        @Description("Why the curator made the inference") @Size(max = 5000) String rationale,
        @Description("How this claim bears on other claims (replaces the claim's links)") @Size(max = 50) List<@Valid @NotNull(message = "is null") LinkInput> links,
        @Description("The provisions, events and answers that rest on this claim (replaces them)") @Size(max = 50) List<@Valid @NotNull(message = "is null") RecordRef> supports,
        @Description("Where the documents say it: at least one citation with a verbatim quote (replaces the claim's citations)") @NotNull(message = "is required") @Size(min = 1, max = 20) List<@Valid @NotNull(message = "is null") QuoteInput> citations,
        @Description("Why the change was made (recorded in the change history)") @Size(max = 5000) String reason) {

    /** A record by type and slug or key. */
    @Input("RecordRefInput")
    @Description("A record by type and slug or key (an answer: questionKey/labSlug)")
    @RegisterForReflection
    public record RecordRef(@Description("The record's type") @NotNull(message = "is required") SubjectType type,
                            @Description("The record's slug or key") @NotBlank(message = "is required") @Size(max = 300) String key) {
    }

    /** This claim {@code relation} the claim {@code claim}. */
    @Input("ClaimLinkInput")
    @Description("This claim bears on another claim")
    @RegisterForReflection
    public record LinkInput(@Description("How this claim bears on the other") @NotNull(message = "is required") ClaimRelation relation,
                            @Description("The other claim's key") @NotBlank(message = "is required") @Size(max = 100) String claim) {
    }
}
