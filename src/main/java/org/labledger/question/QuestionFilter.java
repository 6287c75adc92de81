package org.labledger.question;

import org.labledger.answer.ResponseStatus;

import java.util.List;

/**
 * Filters for question lists. {@code lab}: put to this lab; {@code statuses}: with an answer in one of these
 * statuses (the given lab's answer when {@code lab} is set, any lab's otherwise); {@code topic}: in this topic
 * or below; {@code text}: PostgreSQL full-text search (web-search syntax) over text and notes.
 */
public record QuestionFilter(String lab, String topic, List<ResponseStatus> statuses, String questionnaire, String text) {
}
