package org.labledger.agreement;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

import java.util.List;

/** An agreement version as written by curators; {@code supersedes} is the slug of the version it replaces. */
@Input("AgreementInput")
@RegisterForReflection
public record AgreementInput(
        @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String slug,
        @NotBlank(message = "is required") @Size(max = 500) String title,
        @NotNull(message = "is required") AgreementKind kind,
        @Size(max = 20_000) String summary,
        @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String announcedOn,
        @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String effectiveOn,
        @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String supersedes,
        @NotNull(message = "is required") @Size(min = 1, max = 50, message = "must list 1 to 50 parties") List<@Valid @NotNull PartyInput> parties,
        @Size(max = 5000) String reason) {

    /** A party: a lab slug and its role in the agreement (investor, cloud provider, ...). */
    @Input("PartyInput")
    @RegisterForReflection
    public record PartyInput(
            @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String lab,
            @NotBlank(message = "is required") @Size(max = 100) String role) {
    }
}
