package org.labledger.questionnaire;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

/** A questionnaire as written by admins; {@code source} is the key of a known source. */
@Input("QuestionnaireInput")
@RegisterForReflection
public record QuestionnaireInput(
        @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String slug,
        @NotBlank(message = "is required") @Size(max = 500) String title,
        @Size(max = 200) String publisher,
        @Size(max = 200) String author,
        @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String publishedOn,
        @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String source,
        @Size(max = 10_000) String description,
        @Size(max = 5000) String reason) {
}
