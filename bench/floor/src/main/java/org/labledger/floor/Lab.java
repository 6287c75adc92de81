package org.labledger.floor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Three columns of LabLedger's own lab table (read only: the floor never writes). */
@Entity
@Table(name = "lab")
public class Lab extends PanacheEntityBase {
    @Id
    public Long id;
    public String slug;
    public String name;
}
