package org.labledger.questionnaire;

import org.eclipse.microprofile.graphql.Description;

/** Whether a questionnaire's questions were put to labs. */
@Description("Whether a questionnaire's questions were put to labs")
public enum QuestionnaireKind {
    @Description("Sent to labs (the default): its questions have an answer per lab they were put to")
    SENT,
    @Description("Suggested to the questioner and never sent: no lab was asked, so its questions have no answers and count against no lab")
    SUGGESTED
}
