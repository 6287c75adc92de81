package org.labledger.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.labledger.agreement.Agreement;
import org.labledger.common.BaseEntity;
import org.labledger.lab.Lab;

import java.util.LinkedHashSet;
import java.util.Set;

/** A reported fact about labs that is not an agreement: a launch, a model shared, a public statement. */
@Entity
@Table(name = "event")
public class Event extends BaseEntity {

    @Column(nullable = false, unique = true)
    public String slug;
    @Column(nullable = false)
    public String title;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EventKind kind;
    @Column(name = "occurred_on")
    public String occurredOn;
    public String summary;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "agreement_id")
    public Agreement agreement;
    @ManyToMany
    @JoinTable(name = "event_lab", joinColumns = @JoinColumn(name = "event_id"), inverseJoinColumns = @JoinColumn(name = "lab_id"))
    @OrderBy("slug")
    public Set<Lab> labs = new LinkedHashSet<>();
}
