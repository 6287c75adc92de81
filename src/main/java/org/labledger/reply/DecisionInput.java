package org.labledger.reply;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.labledger.answer.ResponseStatus;

/** A curator's decision on a pending submission. */
@Input("ReplyDecisionInput")
@Description("A curator's decision on a lab's pending submission")
@RegisterForReflection
public record DecisionInput(
        @NonNull @Description("ACCEPT (the lab's reply becomes its answer, with its own status), JUDGE (the same, with the curator's status beside the lab's) or REJECT") @NotNull(message = "is required") Decision decision,
        @Description("JUDGE: the curator's own status judgement") ResponseStatus status,
        @Description("REJECT: ABUSE (the text is withheld) or OFF_TOPIC (published with the reason)") ReplySubmission.Rejection rejection,
        @Description("Why (public; required to reject)") @Size(max = 5_000) String reason) {

    @Description("What a curator decides on a lab's submission")
    @org.eclipse.microprofile.graphql.Name("ReplyDecision")
    public enum Decision {
        @Description("The lab's reply or correction becomes its answer, with the lab's own status; a dispute is published as accepted") ACCEPT,
        @Description("The same, with the curators' own status judgement beside the lab's self-assessment") JUDGE,
        @Description("Rejected with a public reason (ABUSE withholds the text)") REJECT
    }
}
