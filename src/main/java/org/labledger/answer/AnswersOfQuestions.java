package org.labledger.answer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.common.Params;
import org.labledger.question.Question;
import org.labledger.question.QuestionAnswers;
import org.labledger.question.QuestionInput;
import org.labledger.question.QuestionService.AnswerStatus;
import org.labledger.question.QuestionService.AnswerView;
import org.labledger.question.TallyFilter;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.SubjectType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The answers as the question room shows them: its {@link QuestionAnswers}, implemented where answers are known. */
@ApplicationScoped
public class AnswersOfQuestions implements QuestionAnswers {

    @Inject
    EntityManager em;
    @Inject
    CitationService citations;
    @Inject
    AnswerWriteService writes;
    @Inject
    org.labledger.source.SupportingClaims supports;

    @Override
    public List<String> statusNames(Params params, String name, List<String> values) {
        return params.enums(name, values, ResponseStatus.class).stream().map(Enum::name).toList();
    }

    @Override
    public long count(TallyFilter filter) {
        return AnswerTally.total(em, filter);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<Long, List<AnswerStatus>> listed(List<Long> questionIds, Long labId) {
        var answerQuery = em.createNativeQuery("select a.question_id, l.slug, a.status, a.delivered from answer a join lab l on l.id = a.lab_id"
                + " where a.question_id in (:ids)" + (labId == null ? "" : " and a.lab_id = :lab") + " order by l.slug").setParameter("ids", questionIds);
        if (labId != null) {
            answerQuery.setParameter("lab", labId);
        }
        Map<Long, List<AnswerStatus>> answers = new HashMap<>();
        for (Object[] r : (List<Object[]>) answerQuery.getResultList()) {
            answers.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
                    .add(new AnswerStatus((String) r[1], ResponseStatus.valueOf((String) r[2]).name(), (Boolean) r[3]));
        }
        return answers;
    }

    @Override
    public List<AnswerView> views(Question q) {
        List<Answer> answers = Answer.list("select a from Answer a join fetch a.lab where a.question = ?1", q);
        answers.sort(Comparator.comparing(a -> a.lab.slug));
        List<Long> ids = answers.stream().map(a -> a.id).toList();
        Map<Long, List<CitationView>> answerCitations = citations.forSubjects(SubjectType.ANSWER, ids);
        Map<Long, List<org.labledger.source.SupportingClaim>> claims = supports.forRecords(SubjectType.ANSWER, ids);
        return answers.stream().map(a -> new AnswerView(a.id, a.lab.slug, a.lab.name, a.status.name(), a.delivered,
                a.summary, a.respondent, a.respondentCapacity, a.kind.name(), a.capacity.name(), a.afterPublication, a.answeredOn, a.version, a.updatedAt,
                answerCitations.getOrDefault(a.id, List.of()), claims.getOrDefault(a.id, List.of()))).toList();
    }

    @Override
    public void putTo(Question q, List<String> labs, QuestionInput in) {
        for (String lab : labs) {
            writes.create(q.key, lab, new AnswerChange(ResponseStatus.UNANSWERED, true, null, null, null, null, null, null,
                    in.reason(), in.sourceUrl(), in.sourceKey(), in.quote(), in.locator(), null, null, null));
        }
    }
}
