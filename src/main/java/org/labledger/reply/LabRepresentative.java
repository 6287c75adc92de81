package org.labledger.reply;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.labledger.common.BaseEntity;
import org.labledger.lab.Lab;

/** A token subject allowed to act for a lab (V13): a lab token is refused unless its subject is listed for its lab. */
@Entity
@Table(name = "lab_representative")
public class LabRepresentative extends BaseEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "lab_id")
    public Lab lab;
    @Column(nullable = false)
    public String subject;
    public String note;
    @Column(name = "added_by", nullable = false)
    public String addedBy;
}
