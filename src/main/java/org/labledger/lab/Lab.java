package org.labledger.lab;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.labledger.common.BaseEntity;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** An AI lab or another organisation that takes part in agreements. */
@Entity
@Table(name = "lab")
public class Lab extends BaseEntity {

    @Column(nullable = false, unique = true)
    public String slug;
    @Column(nullable = false)
    public String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LabKind kind;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    public Lab parent;
    public String website;
    /** Other spellings of the name used by datasets (matched case-insensitively by importers). */
    @ElementCollection
    @CollectionTable(name = "lab_alias", joinColumns = @JoinColumn(name = "lab_id"))
    @Column(name = "alias")
    public Set<String> aliases = new TreeSet<>();
    /** True when no document writes the name: the curator's identification; {@link #nameRationale} says why. */
    @Column(name = "name_inference", nullable = false)
    public boolean nameInference;
    @Column(name = "name_rationale")
    public String nameRationale;
    /** Those aliases that are the curator's identification, not a document's name for the lab: alias -> rationale. */
    @ElementCollection
    @CollectionTable(name = "lab_alias_inference", joinColumns = @JoinColumn(name = "lab_id"))
    @jakarta.persistence.MapKeyColumn(name = "alias")
    @Column(name = "rationale")
    public java.util.Map<String, String> aliasInferences = new java.util.TreeMap<>();
    @Version
    public int version;

    public static Lab findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }

    /** The id of the lab with this slug, or null: one indexed lookup, without loading the entity (hot read paths). */
    public static Long idBySlug(String slug) {
        List<?> ids = getEntityManager().createNativeQuery("select id from lab where slug = ?1").setParameter(1, slug).getResultList();
        return ids.isEmpty() ? null : ((Number) ids.get(0)).longValue();
    }

    /** {@link #forParameter}, for callers that need only the id. */
    public static long idForParameter(String parameter, String slug) {
        Long id = idBySlug(slug);
        if (id == null) {
            throw org.labledger.common.ApiException.badParameter(parameter, "unknown lab '" + slug + "'");
        }
        return id;
    }

    /** The lab a filter parameter names; an unknown slug is a client mistake (400 naming the parameter). */
    public static Lab forParameter(String parameter, String slug) {
        Lab lab = findBySlug(slug);
        if (lab == null) {
            throw org.labledger.common.ApiException.badParameter(parameter, "unknown lab '" + slug + "'");
        }
        return lab;
    }
}
