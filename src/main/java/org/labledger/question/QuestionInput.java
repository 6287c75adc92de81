package org.labledger.question;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
@RegisterForReflection
public record QuestionInput(
        @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String key,
        @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String questionnaire,
        @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String topic,
        @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String parent,
        @Min(value = 1, message = "must be at least 1") @Max(value = 1_000_000, message = "must be at most 1000000") Integer ordinal,
        @NotBlank(message = "is required") @Size(max = 20_000) String text,
        @Size(max = 20_000) String notes,
        @Size(max = 200) List<@Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String> addressedTo,
        @Size(max = 5000) String reason,
        @Size(max = 2000) @Pattern(regexp = Writes.URL, message = Writes.URL_MESSAGE) String sourceUrl,
        @Size(max = 100) String sourceKey,
        @Size(max = 2000) String quote,
        @Size(max = 500) String locator) {
}
