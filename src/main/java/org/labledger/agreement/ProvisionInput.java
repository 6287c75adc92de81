package org.labledger.agreement;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

import java.math.BigDecimal;

/** One term of an agreement; {@code value} in base units of {@code unit} (USD, PERCENT, YEAR), both or neither. */
@Input("ProvisionInput")
@Description("One term of an agreement; value in base units of unit (USD, PERCENT, YEAR), both or neither")
@RegisterForReflection
public record ProvisionInput(
        @Description("Stable identifier (lower case, digits, dashes); given on create, never changed (derived when absent)") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String key,
        @Description("Position (from 1; the next free one when absent)") @Min(value = 1, message = "must be at least 1") @Max(value = 1_000_000, message = "must be at most 1000000") Integer ordinal,
        @Description("What the term is about") @NotNull(message = "is required") ProvisionCategory category,
        @Description("The term, in short") @NotBlank(message = "is required") @Size(max = 20_000) String summary,
        @Description("The slug of the party the term favours") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String beneficiary,
        @Description("The figure in base units of unit (at most 20 integer and 4 fraction digits)") @Digits(integer = 20, fraction = 4, message = "must have at most 20 integer and 4 fraction digits") BigDecimal value,
        @Description("USD, PERCENT or YEAR (with value, or neither)") @Pattern(regexp = "^(USD|PERCENT|YEAR)$", message = "must be USD, PERCENT or YEAR") String unit,
        @Description("Valid from: YYYY, YYYY-MM or YYYY-MM-DD") @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String validFrom,
        @Description("Valid until: YYYY, YYYY-MM or YYYY-MM-DD") @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String validUntil,
        @Description("The condition that ends the term") @Size(max = 500) String validUntilCondition,
        @Description("Why the change was made (recorded in the change history)") @Size(max = 5000) String reason) {
}
