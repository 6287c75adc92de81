package org.labledger.questionnaire;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

/** A questionnaire as written by admins; {@code source} is the key of a known source. */
@Input("QuestionnaireInput")
@Description("A questionnaire as written by admins")
@RegisterForReflection
public record QuestionnaireInput(
        @Description("Stable identifier (lower case, digits, dashes); given on create, never changed (derived from the name/title when absent)") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String slug,
        @Description("Title") @NotBlank(message = "is required") @Size(max = 500) String title,
        @Description("Publisher") @Size(max = 200) String publisher,
        @Description("Author") @Size(max = 200) String author,
        @Description("Publication date: YYYY, YYYY-MM or YYYY-MM-DD") @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String publishedOn,
        @Description("The key of the source it was published in") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String source,
        @Description("What it is or covers") @Size(max = 10_000) String description,
        @Description("The date by which labs were asked to reply, YYYY-MM-DD (none when absent); a lab's inbox marks questions open after it as overdue") @Pattern(regexp = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", message = "must be a date YYYY-MM-DD") String replyBy,
        @Description("Why the change was made (recorded in the change history)") @Size(max = 5000) String reason) {
}
