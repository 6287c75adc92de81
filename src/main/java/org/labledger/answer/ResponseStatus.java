package org.labledger.answer;

/** How a lab responded to a question. */
public enum ResponseStatus { UNANSWERED, PARTIAL, ANSWERED }
