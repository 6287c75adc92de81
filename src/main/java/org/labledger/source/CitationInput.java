package org.labledger.source;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

/**
 * A citation: which record ({@code subjectType} + {@code subject}: its slug or key; for an ANSWER
 * "questionKey/labSlug" or its id), which source (key), and where in it (a quote and/or a locator).
 */
@Input("CitationInput")
@RegisterForReflection
public record CitationInput(
        @NotNull(message = "is required") SubjectType subjectType,
        @NotBlank(message = "is required") @Size(max = 300) String subject,
        @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String source,
        @Size(max = org.labledger.common.Writes.MAX_QUOTE) String quote,
        @Size(max = 500) String locator,
        @Size(max = 5000) String reason) {
}
