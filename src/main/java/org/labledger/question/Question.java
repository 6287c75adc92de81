package org.labledger.question;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.labledger.common.BaseEntity;
import org.labledger.questionnaire.Questionnaire;
import org.labledger.topic.Topic;

/** One question of a questionnaire; sub-questions are their own rows pointing at their parent. */
@Entity
@Table(name = "question")
public class Question extends BaseEntity {

    @Column(nullable = false, unique = true)
    public String key;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "questionnaire_id")
    public Questionnaire questionnaire;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "topic_id")
    public Topic topic;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    public Question parent;
    @Column(nullable = false)
    public int ordinal;
    @Column(nullable = false)
    public String text;
    public String notes;
    /** At least this many of the labs the question has answers for were asked, not known which (null: all were; V9). */
    @Column(name = "min_addressees")
    public Integer minAddressees;
    /** Context only (e.g. a quoted passage other rows hang from): put to no lab (V9). */
    @Column(nullable = false)
    public boolean context;

    /** Optimistic locking: incremented on every update; the ETag is "v<version>". */
    @Version
    public int version;

    public static Question findByKey(String key) {
        return find("key", key).firstResult();
    }
}
