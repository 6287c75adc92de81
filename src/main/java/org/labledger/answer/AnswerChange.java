package org.labledger.answer;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

/**
 * The editable state of an answer plus the evidence for the change. A change of status needs evidence:
 * a source ({@code sourceUrl} or the key of a known source, optionally with a quote or locator) or at
 * least an explicit {@code reason}.
 */
@Input("AnswerChange")
@RegisterForReflection
public record AnswerChange(
        @NotNull(message = "is required") ResponseStatus status,
        Boolean delivered,
        @Size(max = 100_000) String summary,
        @Size(max = 200) String respondent,
        @Size(max = 500) String respondentCapacity,
        @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String answeredOn,
        @Size(max = 100_000) String justification,
        @Size(max = 100_000) String references,
        @Size(max = 5_000) String reason,
        @Size(max = 2_000) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http(s) URL") String sourceUrl,
        @Size(max = 100) String sourceKey,
        @Size(max = Writes.MAX_QUOTE) String quote,
        @Size(max = 500) String locator) {

    boolean hasEvidence() {
        return notBlank(reason) || notBlank(sourceUrl) || notBlank(sourceKey);
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
