package org.labledger.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import org.labledger.lab.Lab;

/** A lab or organisation taking part in an agreement, with its role (investor, cloud provider, …). */
@Embeddable
public class Party {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "lab_id")
    public Lab lab;
    @Column(nullable = false)
    public String role;

    public Party() {
    }

    public Party(Lab lab, String role) {
        this.lab = lab;
        this.role = role;
    }
}
