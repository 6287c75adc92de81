package org.labledger.reply;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.labledger.answer.ResponseStatus;
import org.labledger.answer.RespondentCapacity;

import java.util.List;

/**
 * What a lab submits: a reply to a question put to it, a correction of its answer, or a dispute of a claim about it.
 * Exactly the target of its kind is given: {@code question} (REPLY), {@code answer} (CORRECTION), {@code claim} (DISPUTE).
 */
@Input("ReplySubmissionInput")
@Description("A lab's submission: a REPLY to a question put to it (question), a CORRECTION of its answer (answer) or a DISPUTE of a claim about it (claim)")
@RegisterForReflection
public record ReplyInput(
        @NonNull @Description("REPLY, CORRECTION or DISPUTE") @NotNull(message = "is required") ReplySubmission.Kind kind,
        @Description("REPLY: the key of the question put to the lab") @Size(max = 100) String question,
        @Description("CORRECTION: the id of the lab's answer") Long answer,
        @Description("DISPUTE: the key of the claim about the lab") @Size(max = 100) String claim,
        @Description("The lab's own assessment of how far it answered (required for a REPLY)") ResponseStatus status,
        @NonNull @Description("The lab's statement, verbatim") @NotBlank(message = "is required") @Size(max = 20_000) String statement,
        @Description("Links the statement rests on (http or https, at most 20)") @Size(max = 20) List<@Size(max = 2_000) @Pattern(regexp = "https?://[^\\s]+", message = "must be an http(s) URL") String> links,
        @Description("Who answers for the lab (name, role)") @Size(max = 200) String respondent,
        @Description("In what capacity: OFFICIAL (the default and the only one accepted: a submission is the lab's)") RespondentCapacity capacity) {
}
