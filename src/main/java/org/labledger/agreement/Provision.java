package org.labledger.agreement;

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

import java.math.BigDecimal;

/** One term of an agreement: what it grants, to whom, worth how much, valid from when until when. */
@Entity
@Table(name = "provision")
public class Provision extends BaseEntity {

    @Column(nullable = false, unique = true)
    public String key;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "agreement_id")
    public Agreement agreement;
    @Column(nullable = false)
    public int ordinal;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProvisionCategory category;
    @Column(nullable = false)
    public String summary;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "beneficiary_id")
    public Lab beneficiary;
    /** Figure in base units of {@link #unit} (USD, PERCENT, YEAR); null when the term has no figure. */
    public BigDecimal value;
    public String unit;
    @Column(name = "valid_from")
    public String validFrom;
    @Column(name = "valid_until")
    public String validUntil;
    /** A condition that ends the term, e.g. "AGI verified by an independent expert panel". */
    @Column(name = "valid_until_condition")
    public String validUntilCondition;
    /** TERM (a term of the agreement) or REMOVAL (a record that the version ends an earlier term). */
    @Column(nullable = false)
    public String kind = "TERM";
    /** How this provision relates to an earlier one (see {@link ProvisionChange}); null when no lineage is recorded. */
    @Enumerated(EnumType.STRING)
    public ProvisionChange change;
    /** The earlier provision this one modifies/continues/replaces/removes; null when none is recorded. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "predecessor_id")
    public Provision predecessor;
    /** The link's evidence: one verbatim quote from this source. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "change_source_id")
    public org.labledger.source.Source changeSource;
    @Column(name = "change_quote")
    public String changeQuote;
    @Column(name = "change_locator")
    public String changeLocator;
    /** True when the link is the curator's reading, not stated by the document; {@link #changeRationale} says why. */
    @Column(name = "change_inference", nullable = false)
    public boolean changeInference;
    @Column(name = "change_rationale")
    public String changeRationale;
    /**
     * The legal entity a stake is held in (a named entity's id; the entity room sits beside this one, so the link is
     * by id, read through SubjectKeys), only as the document states it.
     */
    @Column(name = "held_entity_id")
    public Long heldEntityId;
    /** Optimistic locking: incremented on every update; the ETag is "v<version>". */
    @Version
    public int version;
}
