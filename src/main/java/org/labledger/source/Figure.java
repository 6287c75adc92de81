package org.labledger.source;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/**
 * A number as a document writes it, about one record (like a citation): what it measures, how the document qualifies
 * it ("approximately", "nearing", a range), its value in base units and the document's own words, with the one
 * citation whose verbatim quote holds them.
 */
@Entity
@Table(name = "figure")
public class Figure extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Enumerated(EnumType.STRING)
    @Column(name = "subject_type", nullable = false)
    public SubjectType subjectType;
    @Column(name = "subject_id", nullable = false)
    public Long subjectId;
    @Column(nullable = false)
    public int ordinal;
    @Column(nullable = false)
    public String measure;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FigureQualifier qualifier;
    public BigDecimal value;
    public BigDecimal low;
    public BigDecimal high;
    @Column(nullable = false)
    public String unit;
    @Column(nullable = false)
    public String text;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "source_id")
    public Source source;
    @Column(nullable = false)
    public String quote;
    public String locator;
}
