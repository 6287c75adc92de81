package org.labledger.common;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;

import java.time.OffsetDateTime;

/** Identity key plus created/updated timestamps, maintained on insert and on every real (dirty) update. */
@MappedSuperclass
public abstract class BaseEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /**
     * Now, to the microsecond: what PostgreSQL's timestamptz keeps, so that the body a write answers with (built from
     * the entity in memory) is byte for byte the body a later GET reads back, and so carries the same ETag.
     */
    static OffsetDateTime now() {
        return OffsetDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    @PrePersist
    void onCreate() {
        createdAt = updatedAt = now();
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = now();
    }
}
