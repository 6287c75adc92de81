package org.labledger.agreement;

import org.eclipse.microprofile.graphql.Description;

/** How a provision of a later agreement version relates to an earlier provision. */
@Description("How a provision of a later agreement version relates to an earlier provision")
public enum ProvisionChange {
    @Description("A new term: it names no earlier provision")
    ADDS,
    @Description("Changes an earlier term (its bound, scope or end)")
    MODIFIES,
    @Description("Keeps an earlier term in force")
    CONTINUES,
    @Description("Takes the place of an earlier term")
    REPLACES,
    @Description("Ends an earlier term (only a provision of kind REMOVAL)")
    REMOVES
}
