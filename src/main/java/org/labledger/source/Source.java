package org.labledger.source;

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

/** A document that evidences facts: an article, a post, a company statement. */
@Entity
@Table(name = "source")
public class Source extends BaseEntity {

    @Column(nullable = false, unique = true)
    public String key;
    @Column(nullable = false)
    public String title;
    public String publisher;
    public String author;
    public String url;
    @Column(name = "published_on")
    public String publishedOn;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SourceKind kind;
    /** File name of the source document this record was extracted from, if any. */
    public String document;
    /** The document that references this one (for sources known only through another document). */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "cited_in_id")
    public Source citedIn;
    public String notes;

    /** Optimistic locking: incremented on every update; the ETag is "v<version>". */
    @Version
    public int version;

    public static Source findByKey(String key) {
        return find("key", key).firstResult();
    }
}
