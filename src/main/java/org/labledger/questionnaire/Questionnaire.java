package org.labledger.questionnaire;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.labledger.common.BaseEntity;
import org.labledger.source.Source;

/** A set of questions put to labs by someone at some time. */
@Entity
@Table(name = "questionnaire")
public class Questionnaire extends BaseEntity {

    @Column(nullable = false, unique = true)
    public String slug;
    @Column(nullable = false)
    public String title;
    public String publisher;
    public String author;
    @Column(name = "published_on")
    public String publishedOn;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "source_id")
    public Source source;
    public String description;
    /** SENT, or SUGGESTED: never put to any lab (V9). */
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false)
    public QuestionnaireKind kind = QuestionnaireKind.SENT;
    /** The date by which the questionnaire asked labs to reply; null when it set none (V13). */
    @Column(name = "reply_by")
    public java.time.LocalDate replyBy;

    /** Optimistic locking: incremented on every update; the ETag is "v<version>". */
    @Version
    public int version;

    public static Questionnaire findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }

    /** The questionnaire a filter parameter names; an unknown slug is a client mistake (400 naming the parameter). */
    public static Questionnaire forParameter(String parameter, String slug) {
        Questionnaire q = findBySlug(slug);
        if (q == null) {
            throw org.labledger.common.ApiException.badParameter(parameter, "unknown questionnaire '" + slug + "'");
        }
        return q;
    }
}
