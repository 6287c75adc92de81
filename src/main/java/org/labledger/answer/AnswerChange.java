package org.labledger.answer;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.labledger.common.Writes;

/**
 * The editable state of an answer plus the evidence for the change. A change of status needs evidence:
 * a source ({@code sourceUrl} or the key of a known source, optionally with a quote or locator) or at
 * least an explicit {@code reason}.
 */
@Input("AnswerChange")
@Description("An answer's new state plus the evidence for the change (a status change needs sourceUrl, sourceKey or reason)")
@RegisterForReflection
public record AnswerChange(
        @Description("How far the lab answered") @NotNull(message = "is required") ResponseStatus status,
        @Description("Whether the question reached the lab (unchanged when absent)") Boolean delivered,
        @Description("What the lab said, in short") @Size(max = 100_000) String summary,
        @Description("Who answered for the lab") @Size(max = 200) String respondent,
        @Description("In what capacity the respondent answered") @Size(max = 500) String respondentCapacity,
        @Description("When the lab answered: YYYY, YYYY-MM or YYYY-MM-DD") @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String answeredOn,
        @Description("Why the status was given (FMTI: the justification)") @Size(max = 100_000) String justification,
        @Description("References the lab gave") @Size(max = 100_000) String references,
        @Description("Why the change was made (recorded in the change history)") @Size(max = 5_000) String reason,
        @Description("Evidence: the URL of the source") @Size(max = 2_000) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http(s) URL") String sourceUrl,
        @Description("Evidence: the key of a known source") @Size(max = 100) String sourceKey,
        @Description("A short quote from the source") @Size(max = Writes.MAX_QUOTE) String quote,
        @Description("Where in the source (page, section)") @Size(max = 500) String locator,
        @Schema(description = "What kind of response the answer records (unchanged when absent); LAB_REPLY is refused here: a lab's own reply comes only through the right of reply")
        @Description("What kind of response the answer records (unchanged when absent); LAB_REPLY is refused here: a lab's own reply comes only through the right of reply") AnswerKind kind,
        @Schema(description = "In what capacity the respondent answered, as the document states it (unchanged when absent)")
        @Description("In what capacity the respondent answered, as the document states it (unchanged when absent)") RespondentCapacity capacity,
        @Schema(description = "Whether the answer came after the questions were published (unchanged when absent)")
        @Description("Whether the answer came after the questions were published (unchanged when absent)") Boolean afterPublication) {

    boolean hasEvidence() {
        return notBlank(reason) || notBlank(sourceUrl) || notBlank(sourceKey);
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
