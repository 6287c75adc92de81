package org.labledger.event;

import org.eclipse.microprofile.graphql.Description;

/** What kind of reported event it is. */
@Description("What kind of reported event it is")
public enum EventKind {
    @Description("A product or model launch")
    PRODUCT_LAUNCH,
    @Description("One lab sharing a model with another")
    MODEL_SHARING,
    @Description("A public statement")
    STATEMENT,
    @Description("A dispute between parties")
    DISPUTE,
    @Description("Anything else")
    OTHER
}
