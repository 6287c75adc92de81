package org.labledger.question;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

import java.util.List;

/**
 * A question as written by curators. {@code questionnaire}, {@code topic}, {@code parent} are slugs/keys;
 * {@code ordinal} defaults to the next free one. On create, {@code addressedTo} lists the labs the question
 * was put to: each gets an UNANSWERED answer, which needs evidence ({@code sourceUrl}, {@code sourceKey}
 * or at least {@code reason}; {@code quote}/{@code locator} go into the new answers' citation).
 */
@Input("QuestionInput")
@Description("A question as written by curators; on create, addressedTo's labs get UNANSWERED answers, which need sourceUrl, sourceKey or reason")
@RegisterForReflection
public record QuestionInput(
        @Description("Stable identifier; given on create, never changed (derived when absent)") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String key,
        @Description("The questionnaire's slug") @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String questionnaire,
        @Description("The topic's slug") @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String topic,
        @Description("The key of the question this one is a sub-question of") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String parent,
        @Description("Position (from 1; the next free one when absent)") @Min(value = 1, message = "must be at least 1") @Max(value = 1_000_000, message = "must be at most 1000000") Integer ordinal,
        @Description("The question as asked") @NotBlank(message = "is required") @Size(max = 20_000) String text,
        @Description("Editorial notes") @Size(max = 20_000) String notes,
        @Description("On create: the slugs of the labs the question was put to (each gets an UNANSWERED answer)") @Size(max = 200) List<@Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String> addressedTo,
        @Description("Why the change was made (recorded in the change history)") @Size(max = 5000) String reason,
        @Description("Evidence: the URL of the source") @Size(max = 2000) @Pattern(regexp = Writes.URL, message = Writes.URL_MESSAGE) String sourceUrl,
        @Description("Evidence: the key of a known source") @Size(max = 100) String sourceKey,
        @Description("A short quote from the source") @Size(max = 2000) String quote,
        @Description("Where in the source (page, section)") @Size(max = 500) String locator) {
}
