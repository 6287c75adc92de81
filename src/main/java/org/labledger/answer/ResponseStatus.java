package org.labledger.answer;

import org.eclipse.microprofile.graphql.Description;

/** How a lab responded to a question. */
@Description("How a lab responded to a question")
public enum ResponseStatus {
    @Description("The lab has not answered (yet)")
    UNANSWERED,
    @Description("The lab answered part of the question")
    PARTIAL,
    @Description("The lab answered the question")
    ANSWERED
}
