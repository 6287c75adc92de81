package org.labledger.release;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * One dataset release: its number, when and by whom it was made, the last revision it includes, and the bytes it is
 * served as (stored once, never rewritten). The byte columns load only when read.
 */
@Entity
@Table(name = "dataset_release")
public class DatasetRelease extends PanacheEntityBase {

    @Id
    public Integer number;
    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;
    /** The newest revision the snapshot includes (null: no revision yet). */
    @Column(name = "last_revision", updatable = false)
    public Long lastRevision;
    @Column(updatable = false)
    public String description;
    /** SHA-256 (hex) of {@link #document}, the dataset document in the seeds/ format. */
    @Column(nullable = false, updatable = false)
    public String sha256;
    @Column(name = "size_bytes", nullable = false, updatable = false)
    public long sizeBytes;
    @Column(name = "zip_sha256", nullable = false, updatable = false)
    public String zipSha256;
    @Column(nullable = false, updatable = false)
    public int added;
    @Column(nullable = false, updatable = false)
    public int changed;
    @Column(nullable = false, updatable = false)
    public int deleted;
    @Column(nullable = false, updatable = false)
    public int disputed;
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "release_json", nullable = false, updatable = false)
    public byte[] releaseJson;
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false, updatable = false)
    public byte[] document;
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false, updatable = false)
    public byte[] zip;
}
