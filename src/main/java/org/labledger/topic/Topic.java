package org.labledger.topic;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.labledger.common.BaseEntity;

/** A subject area of questions; topics nest (Governance › Board and LTBT). */
@Entity
@Table(name = "topic")
public class Topic extends BaseEntity {

    @Column(nullable = false, unique = true)
    public String slug;
    @Column(nullable = false)
    public String name;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "parent_id")
    public Topic parent;
    public String description;

    /** Optimistic locking: incremented on every update; the ETag is "v<version>". */
    @Version
    public int version;

    public static Topic findBySlug(String slug) {
        return find("slug", slug).firstResult();
    }
}
