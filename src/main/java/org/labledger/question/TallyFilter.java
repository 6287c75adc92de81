package org.labledger.question;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A filter on answers by the dimensions of answer_tally (V6): the answer's lab, status and delivery, and its question's
 * topic and questionnaire; null (or, for statuses, empty): any. The question list filters by it and the answer room
 * reads it for the answer list and the tally, so it lives here, below the answer room. Every SQL that filters by it
 * takes its conditions and parameters from here: {@link #answerConditions}, {@link #topicCondition},
 * {@link #questionConditions} and {@link #parameters}, whose named parameters are {@code :lab}, {@code :topics},
 * {@code :statuses}, {@code :questionnaire} and {@code :delivered}.
 *
 * @param topics   topic ids (a subtree, not empty)
 * @param statuses names of answer statuses (the answer room's ResponseStatus)
 */
public record TallyFilter(Long lab, Set<Long> topics, List<String> statuses, Long questionnaire, Boolean delivered) {

    public TallyFilter {
        topics = topics == null ? null : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(topics));
        statuses = statuses == null || statuses.isEmpty() ? null : List.copyOf(statuses);
    }

    /** The conditions on the answer, {@code answer} its column prefix ({@code "a."}, or {@code ""}): lab, statuses, delivered. */
    public String answerConditions(String answer) {
        return (lab == null ? "" : " and " + answer + "lab_id = :lab")
                + (statuses == null ? "" : " and " + answer + "status in (:statuses)")
                + (delivered == null ? "" : " and " + answer + "delivered = :delivered");
    }

    /** The condition on the question's topic, {@code question} its column prefix. */
    public String topicCondition(String question) {
        return topics == null ? "" : " and " + question + "topic_id in (:topics)";
    }

    /** The conditions on the question, {@code question} its column prefix: topics, questionnaire. */
    public String questionConditions(String question) {
        return topicCondition(question) + (questionnaire == null ? "" : " and " + question + "questionnaire_id = :questionnaire");
    }

    /** Every condition, answer and question columns under their prefixes ({@code ""} and {@code ""} for answer_tally). */
    public String conditions(String answer, String question) {
        return answerConditions(answer) + questionConditions(question);
    }

    /** The parameters of the conditions present, by name; a new, modifiable map the caller may add to. */
    public Map<String, Object> parameters() {
        Map<String, Object> params = new LinkedHashMap<>();
        if (lab != null) {
            params.put("lab", lab);
        }
        if (topics != null) {
            params.put("topics", topics);
        }
        if (statuses != null) {
            params.put("statuses", statuses);
        }
        if (questionnaire != null) {
            params.put("questionnaire", questionnaire);
        }
        if (delivered != null) {
            params.put("delivered", delivered);
        }
        return params;
    }
}
