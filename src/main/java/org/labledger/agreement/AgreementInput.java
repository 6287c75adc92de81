package org.labledger.agreement;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

import java.util.List;

/** An agreement version as written by curators; {@code supersedes} is the slug of the version it replaces. */
@Input("AgreementInput")
@Description("An agreement version as written by curators")
@RegisterForReflection
public record AgreementInput(
        @Description("Stable identifier (lower case, digits, dashes); given on create, never changed (derived from the name/title when absent)") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String slug,
        @Description("Title") @NotBlank(message = "is required") @Size(max = 500) String title,
        @Description("What kind of agreement it is") @NotNull(message = "is required") AgreementKind kind,
        @Description("What was agreed, in short") @Size(max = 20_000) String summary,
        @Description("When it was announced: YYYY, YYYY-MM or YYYY-MM-DD") @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String announcedOn,
        @Description("When it took effect: YYYY, YYYY-MM or YYYY-MM-DD") @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String effectiveOn,
        @Description("The slug of the version this one replaces") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String supersedes,
        @Description("The parties (1 to 50)") @NotNull(message = "is required") @Size(min = 1, max = 50, message = "must list 1 to 50 parties") List<@Valid @NotNull PartyInput> parties,
        @Description("Why the change was made (recorded in the change history)") @Size(max = 5000) String reason) {

    /** A party: a lab slug and its role in the agreement (investor, cloud provider, ...). */
    @Input("PartyInput")
    @Description("A party to an agreement: a lab and its role")
    @RegisterForReflection
    public record PartyInput(
            @Description("The lab's slug") @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String lab,
            @Description("The party's role (investor, cloud provider, ...)") @NotBlank(message = "is required") @Size(max = 100) String role) {
    }
}
