package org.labledger.agreement;

import org.eclipse.microprofile.graphql.Description;

/** A provision's status, derived from the lineage links that later versions make to it (never stored). */
@Description("A provision's status, derived from the lineage links of later versions (never stored)")
public enum ProvisionStatus {
    @Description("No later version records a modification, replacement or removal of the term")
    IN_FORCE,
    @Description("A later version modifies the term")
    MODIFIED,
    @Description("A later version replaces the term")
    SUPERSEDED,
    @Description("A later version removes the term")
    REMOVED,
    @Description("The provision is itself a removal record, not a term")
    REMOVAL;

    /** The strongest change later provisions make to a term; REMOVAL for a removal record (p null: a term). */
    static ProvisionStatus of(Provision p, java.util.Collection<ProvisionChange> laterChanges) {
        if (p != null && "REMOVAL".equals(p.kind)) {
            return REMOVAL;
        }
        if (laterChanges.contains(ProvisionChange.REMOVES)) {
            return REMOVED;
        }
        if (laterChanges.contains(ProvisionChange.REPLACES)) {
            return SUPERSEDED;
        }
        if (laterChanges.contains(ProvisionChange.MODIFIES)) {
            return MODIFIED;
        }
        return IN_FORCE;
    }
}
