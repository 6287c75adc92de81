package org.labledger.answer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.labledger.common.BaseEntity;
import org.labledger.lab.Lab;
import org.labledger.question.Question;

/** A lab's response to a question addressed to it: one row per (question, lab). */
@Entity
@Table(name = "answer")
public class Answer extends BaseEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "question_id")
    public Question question;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "lab_id")
    public Lab lab;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ResponseStatus status = ResponseStatus.UNANSWERED;
    /** Whether the question actually reached the lab: true, false, or null when not known (V9). */
    public Boolean delivered = Boolean.TRUE;
    public String summary;
    public String respondent;
    @Column(name = "respondent_capacity")
    public String respondentCapacity;
    /** What kind of response this is (V9); a questionnaire reply unless the data says otherwise. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AnswerKind kind = AnswerKind.QUESTIONNAIRE_REPLY;
    /** The closed reading of respondentCapacity: UNKNOWN when the document does not say. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RespondentCapacity capacity = RespondentCapacity.UNKNOWN;
    /** Whether the answer came after the questions were published (null: not known). */
    @Column(name = "after_publication")
    public Boolean afterPublication;
    @Column(name = "answered_on")
    public String answeredOn;
    /** Why the answer got its status (e.g. an assessor's justification of a score). */
    public String justification;
    /** References the answer rests on, as given by its source (free text, may hold URLs). */
    @Column(name = "reference_text")
    public String references;
    /** The lab's submission (right of reply, V13) this answer was accepted from; null for every other answer. */
    @Column(name = "reply_submission_id")
    public Long replySubmissionId;
    @Version
    public int version;
}
