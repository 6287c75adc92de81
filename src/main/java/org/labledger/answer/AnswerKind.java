package org.labledger.answer;

import org.eclipse.microprofile.graphql.Description;

/** What kind of response an answer records. */
@Description("What kind of response an answer records")
public enum AnswerKind {
    @Description("A reply to the questionnaire the question belongs to (the default)")
    QUESTIONNAIRE_REPLY,
    @Description("A correction or clarification of the questioner's assessment, not a reply to the question as sent")
    CORRECTION_OF_ASSESSMENT,
    @Description("A public statement the curators read as the lab's response")
    PUBLIC_STATEMENT,
    @Description("The lab's own reply, submitted through LabLedger's right of reply with a signed receipt and accepted by a curator")
    LAB_REPLY
}
