package org.labledger.source;

import org.eclipse.microprofile.graphql.Description;

/** The kinds of record a citation can evidence. */
@Description("The kinds of record a citation can evidence")
public enum SubjectType {
    @Description("A lab")
    LAB,
    @Description("A questionnaire")
    QUESTIONNAIRE,
    @Description("A question")
    QUESTION,
    @Description("An answer")
    ANSWER,
    @Description("An agreement")
    AGREEMENT,
    @Description("A term of an agreement")
    PROVISION,
    @Description("An event")
    EVENT,
    @Description("A third-party score")
    SCORE,
    @Description("A named entity: a person, organisation, publication, legal entity, model or product")
    ENTITY,
    @Description("A claim: who said what about a record, how sure")
    CLAIM
}
