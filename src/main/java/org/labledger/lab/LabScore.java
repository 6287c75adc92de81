package org.labledger.lab;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.labledger.common.BaseEntity;

import java.math.BigDecimal;

/** A third-party rating of a lab (e.g. AI Lab Watch); a revised score supersedes the earlier one. */
@Entity
@Table(name = "lab_score")
public class LabScore extends BaseEntity {

    @Column(nullable = false, unique = true)
    public String key;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "lab_id")
    public Lab lab;
    @Column(nullable = false)
    public String scorer;
    @Column(nullable = false)
    public BigDecimal score;
    @Column(name = "max_score")
    public BigDecimal maxScore;
    @Column(name = "recorded_on")
    public String recordedOn;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "supersedes_id")
    public LabScore supersedes;
    /** Why this score revised the one it supersedes, as the document says (null when not stated). */
    @Column(name = "revision_reason")
    public String revisionReason;
}
