package org.labledger.source;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A date a document gives relative to itself ("later this year"), about one record: the words, what they date, the
 * anchor (the source whose publication date they are relative to) and a date derived from the anchor's publication
 * date, only when the anchor states one.
 */
@Entity
@Table(name = "relative_date")
public class RelativeDate extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "subject_type", nullable = false)
    public SubjectType subjectType;
    @Column(name = "subject_id", nullable = false)
    public Long subjectId;
    @Column(nullable = false)
    public int ordinal;
    @Column(nullable = false)
    public String dates;
    @Column(nullable = false)
    public String text;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "anchor_source_id")
    public Source anchor;
    @Column(name = "derived_on")
    public String derivedOn;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "source_id")
    public Source source;
    @Column(nullable = false)
    public String quote;
    public String locator;
}
