package org.labledger.history;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.Map;

/** One recorded change of one record: its state before and after, who, when, and on what evidence. */
@Entity
@Table(name = "revision")
public class Revision extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false)
    public String entity;
    @Column(name = "entity_key", nullable = false)
    public String entityKey;
    @Column(name = "entity_id")
    public Long entityId;
    @Column(nullable = false)
    public String action;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "before_json")
    public Map<String, Object> before;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "after_json")
    public Map<String, Object> after;
    @Column(nullable = false)
    public String actor;
    @Column(name = "changed_at", nullable = false, insertable = false, updatable = false)
    public OffsetDateTime changedAt;
    public String reason;
    @Column(name = "source_url")
    public String sourceUrl;
    @Column(name = "source_key")
    public String sourceKey;
}
