package org.labledger.answer;

import java.util.List;

/** Filters for answer lists: lab, topic (with subtopics), statuses, questionnaire, question key, delivered. */
public record AnswerFilter(String lab, String topic, List<ResponseStatus> statuses, String questionnaire, String question,
                           Boolean delivered) {
}
