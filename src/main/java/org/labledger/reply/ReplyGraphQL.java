package org.labledger.reply;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.labledger.answer.AnswerNode;
import org.labledger.answer.ResponseStatus;
import org.labledger.common.PageInfo;
import org.labledger.common.Paging;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The right of reply over GraphQL: the same service and the same checks as REST. */
@GraphQLApi
public class ReplyGraphQL {

    @Inject
    ReplyService replies;

    @Name("ReplyInboxItem")
    @Description("A question put to the caller's lab, as its inbox shows it")
    public record InboxNode(@NonNull @Description("The question's key") String question,
                            @NonNull @Description("The question's text") String text,
                            @NonNull @Description("The questionnaire's slug") String questionnaire,
                            @NonNull @Description("The lab's answer's id (for a CORRECTION)") Long answerId,
                            @NonNull @Description("The answer's status as recorded") ResponseStatus status,
                            @Description("Whether the question reached the lab (null: not known)") Boolean delivered,
                            @Description("The questionnaire's reply-by date, YYYY-MM-DD (null: none set)") String replyBy,
                            @Description("Past the reply-by date, unanswered, and nothing submitted") boolean overdue,
                            @Description("The lab's latest submission on it (null: none)") Long latestSubmission) {
        static InboxNode of(ReplyService.InboxItem i) {
            return new InboxNode(i.question(), i.text(), i.questionnaire(), i.answerId(), i.status(), i.delivered(),
                    i.replyBy() == null ? null : i.replyBy().toString(), i.overdue(), i.latestSubmission());
        }
    }

    @Name("ReplyReceipt")
    @Description("Proof of what a lab submitted and when: the SHA-256 of the canonical form (RFC 8785) and a JWS by the service, verifiable with /.well-known/jwks.json")
    public record ReceiptNode(@NonNull @Description("The submission's id") Long id,
                              @NonNull @Description("The lab's slug") String lab,
                              @NonNull @Description("REPLY, CORRECTION or DISPUTE") ReplySubmission.Kind kind,
                              @NonNull @Description("The target's key (question key, answer id, claim key)") String target,
                              @Description("The version on this target (1, 2, ...)") int version,
                              @NonNull @Description("When the service received it") OffsetDateTime receivedAt,
                              @NonNull @Description("The canonical form the hash covers (RFC 8785 JSON)") String canonical,
                              @NonNull @Description("SHA-256 of the canonical form's UTF-8 bytes, hex") String sha256,
                              @NonNull @Description("The receipt: a compact JWS (RS256) over the lab, kind, target, version, sha256 and time") String receipt,
                              @NonNull @Description("The id of the key that signed it (JWKS kid)") String keyId) {
        static ReceiptNode of(ReplyService.Receipt r) {
            return new ReceiptNode(r.id(), r.lab(), r.kind(), r.target(), r.version(), r.receivedAt(), r.canonical(), r.sha256(), r.receipt(), r.keyId());
        }
    }

    @Name("LabReply")
    @Description("A reply from the lab itself, as reviewed, with its receipt")
    public record LabReplyNode(@NonNull @Description("The submission's id (GET /api/reply/submissions/{id})") Long id,
                               @NonNull @Description("REPLY, CORRECTION or DISPUTE") ReplySubmission.Kind kind,
                               @Description("The version on its target") int version,
                               @NonNull @Description("When the service received it") OffsetDateTime receivedAt,
                               @Description("The lab's own assessment of its status (null: none given, or withheld)") ResponseStatus status,
                               @Description("The lab's statement, verbatim (null when withheld as abuse)") String statement,
                               @NonNull @Description("The links the lab gave") List<@NonNull String> links,
                               @NonNull @Description("SHA-256 of the canonical form") String sha256,
                               @NonNull @Description("The receipt (JWS)") String receipt,
                               @NonNull @Description("Where the review stands") ReplySubmission.State state,
                               @Description("The curators' own status judgement, beside the lab's (JUDGED)") ResponseStatus curatorStatus,
                               @Description("Why it was rejected (REJECTED)") ReplySubmission.Rejection rejection,
                               @Description("The curator's public reason") String decisionReason) {
        static LabReplyNode of(ReplyService.SubmissionView v) {
            return new LabReplyNode(v.id(), v.kind(), v.version(), v.receivedAt(), v.status(), v.statement(), v.links() == null ? List.of() : v.links(),
                    v.sha256(), v.receipt(), v.state(), v.curatorStatus(), v.rejection(), v.decisionReason());
        }
    }

    @Query("replyInbox")
    @RolesAllowed("lab")
    @Description("The caller's lab's inbox (lab token): the questions put to it, with status, reply-by date and overdue flag")
    public @NonNull List<@NonNull InboxNode> inbox(@Description("Page number, from 0") int page,
                                                   @Description("Page size, 1 to " + Paging.MAX_SIZE + " (default " + Paging.DEFAULT_SIZE + ")") Integer size) {
        int s = size == null ? Paging.DEFAULT_SIZE : size;
        Paging.check(page, s);
        return replies.inbox(page, s).items().stream().map(InboxNode::of).toList();
    }

    @Name("ReplyInboxEdge")
    @Description("A question of the lab's inbox, with the cursor after it")
    public record InboxEdge(@NonNull @Description("The cursor after this question: pass it as `after` for the questions that follow it (opaque)") String cursor,
                            @NonNull @Description("The question put to the lab") InboxNode node) {
    }

    @Name("ReplyInboxConnection")
    @Description("A page of the lab's inbox by keyset (Relay connection), by questionnaire, ordinal and question key")
    public record InboxConnection(@NonNull @Description("The questions of this page, each with its cursor") List<@NonNull InboxEdge> edges,
                                  @NonNull @Description("Whether more questions follow, and the cursor to ask for them with") PageInfo pageInfo,
                                  @Description("How many questions the inbox holds") int totalCount) {
    }

    @Query("replyInboxConnection")
    @RolesAllowed("lab")
    @Description("The caller's lab's inbox (lab token) by keyset (Relay connection): `first` questions after the cursor `after`; "
            + "the cursors are those of GET /api/reply/questions")
    public @NonNull InboxConnection inboxConnection(@DefaultValue("50") @Description("How many questions, 1 to 200") int first,
                                                    @Description("The endCursor (or an edge's cursor) of the previous page; from the first question when absent") String after) {
        return Paging.connection(first, n -> replies.inboxAfter(after, n), items -> items.stream().map(InboxNode::of).toList(), InboxEdge::new, InboxConnection::new);
    }

    @Mutation("submitReply")
    @RolesAllowed("lab")
    @Description("Submit a reply, correction or dispute for the caller's lab (lab token); FORBIDDEN for another lab's record")
    public @NonNull ReceiptNode submit(@NonNull @Description("The submission") ReplyInput input) {
        return ReceiptNode.of(replies.submit(input, "input."));
    }

    @Mutation("decideReplySubmission")
    @RolesAllowed("curator")
    @Description("Decide on a pending submission (curator): ACCEPT, JUDGE or REJECT with a public reason")
    public @NonNull LabReplyNode decide(@NonNull @Description("The submission's id") Long id, @NonNull @Description("The decision") DecisionInput input) {
        return LabReplyNode.of(replies.decide(id, input, "input."));
    }

    @Description("The lab's own reply this answer was accepted from (kind LAB_REPLY), with its receipt; null for other answers")
    public LabReplyNode labReply(@Source AnswerNode answer) {
        if (answer.kind() != org.labledger.answer.AnswerKind.LAB_REPLY) {
            return null;
        }
        List<ReplyService.SubmissionView> all = replies.published("answer", answer.id());
        return all.stream().filter(v -> v.state() == ReplySubmission.State.ACCEPTED || v.state() == ReplySubmission.State.JUDGED)
                .findFirst().map(LabReplyNode::of).orElse(null);
    }

    @Description("The disputes of this claim by the lab it is about, as reviewed (newest first, at most 100), each with its receipt")
    public @NonNull List<@NonNull LabReplyNode> labReplies(@Source org.labledger.claim.ClaimNode claim) {
        return replies.published("claim", claimId(claim)).stream().map(LabReplyNode::of).toList();
    }

    private static long claimId(org.labledger.claim.ClaimNode c) {
        return c.id();
    }
}
