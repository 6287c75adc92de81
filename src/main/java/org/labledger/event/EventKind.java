package org.labledger.event;

public enum EventKind { PRODUCT_LAUNCH, MODEL_SHARING, STATEMENT, DISPUTE, OTHER }
