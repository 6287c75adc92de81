package org.labledger.seed;

/**
 * How a seed document states a (question, lab) pair's delivery (format 2): DELIVERED (answer.delivered true),
 * NOT_DELIVERED (false) or UNKNOWN (null: the document does not say whether the question reached the lab).
 */
public enum Delivery {
    DELIVERED, NOT_DELIVERED, UNKNOWN;

    /** The answer's delivered value: true, false or null (not known). */
    public Boolean delivered() {
        return this == UNKNOWN ? null : this == DELIVERED;
    }
}
