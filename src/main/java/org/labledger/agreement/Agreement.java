package org.labledger.agreement;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.labledger.common.BaseEntity;

import java.util.ArrayList;
import java.util.List;

/**
 * One dated version of an agreement between labs. A new version (an extension, a definitive agreement)
 * is its own row that {@code supersedes} the one it replaces, so history is kept, never overwritten.
 */
@Entity
@Table(name = "agreement")
public class Agreement extends BaseEntity {

    @Column(nullable = false, unique = true)
    public String slug;
    @Column(nullable = false)
    public String title;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgreementKind kind;
    public String summary;
    @Column(name = "announced_on")
    public String announcedOn;
    @Column(name = "effective_on")
    public String effectiveOn;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "supersedes_id")
    public Agreement supersedes;
    @ElementCollection
    @CollectionTable(name = "agreement_party", joinColumns = @JoinColumn(name = "agreement_id"))
    public List<Party> parties = new ArrayList<>();
    @OneToMany(mappedBy = "agreement")
    @OrderBy("ordinal")
    public List<Provision> provisions = new ArrayList<>();
    @Version
    public int version;

    public static Agreement findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }
}
