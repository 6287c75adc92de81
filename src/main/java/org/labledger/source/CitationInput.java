package org.labledger.source;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

/**
 * A citation: which record ({@code subjectType} + {@code subject}: its slug or key; for an ANSWER
 * "questionKey/labSlug" or its id), which source (key), and where in it (a quote and/or a locator).
 */
@Input("CitationInput")
@Description("A citation: which record, which source, and where in it (a quote and/or a locator)")
@RegisterForReflection
public record CitationInput(
        @Description("The kind of record the citation evidences") @NotNull(message = "is required") SubjectType subjectType,
        @Description("The record's slug or key (answers: questionKey/labSlug or the answer's id)") @NotBlank(message = "is required") @Size(max = 300) String subject,
        @Description("The key of the source cited") @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String source,
        @Description("A short quote from the source") @Size(max = org.labledger.common.Writes.MAX_QUOTE) String quote,
        @Description("Where in the source (page, section)") @Size(max = 500) String locator,
        @Description("Why the change was made (recorded in the change history)") @Size(max = 5000) String reason) {
}
