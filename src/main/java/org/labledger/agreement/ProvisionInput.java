package org.labledger.agreement;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

import java.math.BigDecimal;

/** One term of an agreement; {@code value} in base units of {@code unit} (USD, PERCENT, YEAR), both or neither. */
@Input("ProvisionInput")
@RegisterForReflection
public record ProvisionInput(
        @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String key,
        @Min(value = 1, message = "must be at least 1") @Max(value = 1_000_000, message = "must be at most 1000000") Integer ordinal,
        @NotNull(message = "is required") ProvisionCategory category,
        @NotBlank(message = "is required") @Size(max = 20_000) String summary,
        @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String beneficiary,
        @Digits(integer = 20, fraction = 4, message = "must have at most 20 integer and 4 fraction digits") BigDecimal value,
        @Pattern(regexp = "^(USD|PERCENT|YEAR)$", message = "must be USD, PERCENT or YEAR") String unit,
        @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String validFrom,
        @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String validUntil,
        @Size(max = 500) String validUntilCondition,
        @Size(max = 5000) String reason) {
}
