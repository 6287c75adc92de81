package org.labledger.question;

import java.util.List;

/**
 * Filters for question lists. {@code lab}: put to this lab; {@code statuses}: with an answer in one of these
 * statuses (the given lab's answer when {@code lab} is set, any lab's otherwise), by name, checked by the caller
 * (answer statuses belong to the answer room, above this one); {@code topic}: in this topic or below;
 * {@code text}: PostgreSQL full-text search (web-search syntax) over text and notes.
 */
public record QuestionFilter(String lab, String topic, List<String> statuses, String questionnaire, String text) {
}
