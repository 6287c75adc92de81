package org.labledger.source;

/** The kinds of record a citation can evidence. */
public enum SubjectType { LAB, QUESTIONNAIRE, QUESTION, ANSWER, AGREEMENT, PROVISION, EVENT, SCORE, ENTITY, CLAIM }
