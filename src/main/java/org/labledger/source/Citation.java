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

/** Ties one record (subject) to a source, with a short quote and/or a locator inside that source. */
@Entity
@Table(name = "citation")
public class Citation extends PanacheEntityBase {

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
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "source_id")
    public Source source;
    public String quote;
    public String locator;
}
