package org.labledger.question;

import org.labledger.common.Params;

import java.util.List;
import java.util.Map;

/**
 * What the question room needs of the answers to its questions. Answers point at questions, so the answer room sits
 * above this one: it implements this interface (answer.AnswersOfQuestions) and question code names no answer class.
 * Answer statuses cross it by name (their enum, ResponseStatus, is the answer room's).
 */
public interface QuestionAnswers {

    /**
     * The answer statuses named by a request parameter (repeated or comma-separated, any case), checked like any
     * enum parameter: a mistake is collected in {@code params} under {@code name}.
     */
    List<String> statusNames(Params params, String name, List<String> values);

    /**
     * How many answers match the filter, from the running tally: one SQL statement. With a lab, also the number of
     * the lab's questions that match, as there is one answer per (question, lab).
     */
    long count(TallyFilter filter);

    /** The answers of these questions as a question list shows them, by lab slug; only {@code labId}'s when given. One SQL statement. */
    Map<Long, List<QuestionService.AnswerStatus>> listed(List<Long> questionIds, Long labId);

    /** The question's answers in full, with their evidence, by lab slug. */
    List<QuestionService.AnswerView> views(Question question);

    /**
     * Puts a question just created to these labs (known, each once): each gets an UNANSWERED, delivered answer with
     * the input's evidence ({@code reason}, {@code sourceUrl}, {@code sourceKey}, {@code quote}, {@code locator}),
     * recorded as a revision. In the caller's transaction.
     */
    void putTo(Question question, List<String> labs, QuestionInput evidence);
}
