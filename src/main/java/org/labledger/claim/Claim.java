package org.labledger.claim;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.labledger.common.BaseEntity;
import org.labledger.entity.NamedEntity;
import org.labledger.source.Source;
import org.labledger.source.SubjectType;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a document says someone (the claimant) said, with the claimant's stance and how sure it is, what it is
 * about (a record by subject type and id), the source the document quotes when it names one, and the claims it
 * disputes, contradicts, supports or denies, and the provisions, events and answers it supports. Its citations (subject type CLAIM) carry the verbatim quotes.
 */
@Entity
@Table(name = "claim")
public class Claim extends BaseEntity {

    @Column(nullable = false, unique = true)
    public String key;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "claimant_id")
    public NamedEntity claimant;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ClaimStance stance;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ClaimCertainty certainty;
    @Column(nullable = false)
    public String summary;
    @Enumerated(EnumType.STRING)
    @Column(name = "about_type")
    public SubjectType aboutType;
    @Column(name = "about_id")
    public Long aboutId;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "quoted_via_id")
    public Source quotedVia;
    @Column(nullable = false)
    public boolean inference;
    public String rationale;
    @ElementCollection
    @CollectionTable(name = "claim_link", joinColumns = @JoinColumn(name = "claim_id"))
    public Set<Link> links = new LinkedHashSet<>();
    /** The provisions, events and answers this claim supports (what they rest on), by type and id. */
    @ElementCollection
    @CollectionTable(name = "claim_support", joinColumns = @JoinColumn(name = "claim_id"))
    public Set<Support> supports = new LinkedHashSet<>();
    @Version
    public int version;

    /** This claim {@code relation} the target claim. */
    @Embeddable
    public static class Link {
        @Enumerated(EnumType.STRING)
        @Column(nullable = false)
        public ClaimRelation relation;
        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "target_id")
        public Claim target;

        public Link() {
        }

        public Link(ClaimRelation relation, Claim target) {
            this.relation = relation;
            this.target = target;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Link l && relation == l.relation && Objects.equals(target.id, l.target.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(relation, target.id);
        }
    }

    /** A record (provision, event or answer) this claim supports, by its subject type and id. */
    @Embeddable
    public static class Support {
        @Enumerated(EnumType.STRING)
        @Column(name = "record_type", nullable = false)
        public SubjectType recordType;
        @Column(name = "record_id", nullable = false)
        public Long recordId;

        public Support() {
        }

        public Support(SubjectType recordType, Long recordId) {
            this.recordType = recordType;
            this.recordId = recordId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Support s && recordType == s.recordType && Objects.equals(recordId, s.recordId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(recordType, recordId);
        }
    }

    public static Claim findByKey(String key) {
        return find("key", key).firstResult();
    }
}
