package org.labledger.entity;

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
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.labledger.common.BaseEntity;
import org.labledger.lab.Lab;

import java.util.ArrayList;
import java.util.List;

/**
 * A person, organisation, publication, legal entity, model, product or unnamed commenter that the documents name:
 * the claimants of claims. Name, aliases, affiliation and role only as a document writes them; where the curator
 * identifies (this is that), the inference flag and its rationale say so.
 */
@Entity
@Table(name = "named_entity")
public class NamedEntity extends BaseEntity {

    @Column(nullable = false, unique = true)
    public String slug;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EntityKind kind;
    public String affiliation;
    public String role;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "lab_id")
    public Lab lab;
    @Column(nullable = false)
    public boolean inference;
    public String rationale;
    @ElementCollection
    @CollectionTable(name = "named_entity_alias", joinColumns = @JoinColumn(name = "entity_id"))
    @OrderColumn(name = "ordinal", nullable = false)
    public List<Alias> aliases = new ArrayList<>();
    @Version
    public int version;

    /** Another name for the entity: a spelling a document uses, or the curator's identification (with its rationale). */
    @Embeddable
    public static class Alias {
        @Column(name = "alias", nullable = false)
        public String name;
        @Column(nullable = false)
        public boolean inference;
        public String rationale;

        public Alias() {
        }

        public Alias(String name, boolean inference, String rationale) {
            this.name = name;
            this.inference = inference;
            this.rationale = rationale;
        }
    }

    public static NamedEntity findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }

    /** The entity a filter parameter names; an unknown slug is a client mistake (400 naming the parameter). */
    public static NamedEntity forParameter(String parameter, String slug) {
        NamedEntity e = findBySlug(slug);
        if (e == null) {
            throw org.labledger.common.ApiException.badParameter(parameter, "unknown entity '" + slug + "'");
        }
        return e;
    }
}
