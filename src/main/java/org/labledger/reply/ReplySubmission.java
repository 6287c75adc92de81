package org.labledger.reply;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.labledger.answer.ResponseStatus;
import org.labledger.common.BaseEntity;
import org.labledger.lab.Lab;

import java.time.OffsetDateTime;

/**
 * One version of a lab's submission (V13): what it sent, verbatim (and canonical, the text its hash and receipt
 * cover), and the review. The database refuses any change of what was received (trigger reply_submission_immutable).
 */
@Entity
@Table(name = "reply_submission")
public class ReplySubmission extends BaseEntity {

    @org.eclipse.microprofile.graphql.Name("ReplyKind")
    @org.eclipse.microprofile.graphql.Description("What a lab's submission is")
    public enum Kind {
        @org.eclipse.microprofile.graphql.Description("A reply to a question put to the lab") REPLY,
        @org.eclipse.microprofile.graphql.Description("A correction of the lab's answer") CORRECTION,
        @org.eclipse.microprofile.graphql.Description("A dispute of a claim about the lab") DISPUTE
    }

    @org.eclipse.microprofile.graphql.Name("ReplyState")
    @org.eclipse.microprofile.graphql.Description("Where a lab's submission stands in review")
    public enum State {
        @org.eclipse.microprofile.graphql.Description("Not reviewed yet (seen by the lab and curators only)") PENDING,
        @org.eclipse.microprofile.graphql.Description("Accepted: a reply or correction became the lab's answer, with the lab's status") ACCEPTED,
        @org.eclipse.microprofile.graphql.Description("Accepted with the curator's own status judgement beside the lab's self-assessment") JUDGED,
        @org.eclipse.microprofile.graphql.Description("Rejected, with a public reason") REJECTED
    }

    @org.eclipse.microprofile.graphql.Name("ReplyRejection")
    @org.eclipse.microprofile.graphql.Description("Why a submission was rejected")
    public enum Rejection {
        @org.eclipse.microprofile.graphql.Description("Abuse: the text is withheld from the public") ABUSE,
        @org.eclipse.microprofile.graphql.Description("Off-topic: published with the reason") OFF_TOPIC
    }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "lab_id")
    public Lab lab;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;
    /** The question's key (REPLY), the answer's id (CORRECTION) or the claim's key (DISPUTE). */
    @Column(name = "target_key", nullable = false)
    public String targetKey;
    @Column(name = "question_id")
    public Long questionId;
    @Column(name = "answer_id")
    public Long answerId;
    @Column(name = "claim_id")
    public Long claimId;
    @Column(nullable = false)
    public int version;
    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;
    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "self_status")
    public ResponseStatus selfStatus;
    @Column(nullable = false)
    public String statement;
    /** The links, one per line, in the order given. */
    public String links;
    public String respondent;
    @Column(nullable = false)
    public String capacity = "OFFICIAL";
    @Column(nullable = false)
    public String canonical;
    @Column(nullable = false)
    public String sha256;
    @Column(nullable = false)
    public String receipt;
    @Column(name = "key_id", nullable = false)
    public String keyId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state = State.PENDING;
    @Enumerated(EnumType.STRING)
    @Column(name = "curator_status")
    public ResponseStatus curatorStatus;
    @Enumerated(EnumType.STRING)
    public Rejection rejection;
    @Column(name = "decision_reason")
    public String decisionReason;
    @Column(name = "decided_by")
    public String decidedBy;
    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    /** Public: decided, and not rejected as abuse. */
    public boolean published() {
        return state != State.PENDING && rejection != Rejection.ABUSE;
    }
}
