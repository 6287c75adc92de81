package org.labledger.answer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.common.ApiException;
import org.labledger.common.NativePage;
import org.labledger.common.PageResult;
import org.labledger.lab.Lab;
import org.labledger.question.Question;
import org.labledger.question.TallyFilter;
import org.labledger.questionnaire.Questionnaire;
import org.labledger.topic.TopicService;

import java.util.List;
import java.util.Map;

@ApplicationScoped
public class AnswerService {

    @Inject
    EntityManager em;
    @Inject
    TopicService topics;

    /** An answer as a row of a list or a CSV download. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record AnswerRow(long id, String lab, String questionnaire, String question, String questionText, String topic,
                            ResponseStatus status, Boolean delivered, String answeredOn, java.time.OffsetDateTime updatedAt,
                            String summary, List<String> sourceUrls) {
    }

    private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile("https?://[^\\s,;<>\"'\\])]+");

    /** One page of answers as rows: the answer, its question, lab and topic, and the URLs of its sources. */
    public PageResult<AnswerRow> rows(AnswerFilter f, int page, int size) {
        PageResult<Long> ids = searchIds(f, page, size);
        if (ids.items().isEmpty()) {
            return PageResult.of(List.of(), page, size, ids.totalItems());
        }
        Map<Long, Answer> byId = new java.util.HashMap<>();
        for (Answer a : Answer.<Answer>list("select a from Answer a join fetch a.lab join fetch a.question q join fetch q.questionnaire join fetch q.topic where a.id in ?1", ids.items())) {
            byId.put(a.id, a);
        }
        Map<Long, java.util.Set<String>> urls = new java.util.HashMap<>();
        for (Object[] r : em.createQuery("select c.subjectId, s.url from Citation c join c.source s where c.subjectType = org.labledger.source.SubjectType.ANSWER and c.subjectId in ?1 and s.url is not null order by c.ordinal", Object[].class)
                .setParameter(1, ids.items()).getResultList()) {
            urls.computeIfAbsent((Long) r[0], k -> new java.util.LinkedHashSet<>()).add((String) r[1]);
        }
        List<AnswerRow> rows = new java.util.ArrayList<>();
        for (Long id : ids.items()) {
            Answer a = byId.get(id);
            java.util.Set<String> u = urls.computeIfAbsent(id, k -> new java.util.LinkedHashSet<>());
            if (a.references != null) {
                var m = URL.matcher(a.references);
                while (m.find()) {
                    u.add(m.group().replaceAll("[.]+$", ""));
                }
            }
            rows.add(new AnswerRow(a.id, a.lab.slug, a.question.questionnaire.slug, a.question.key, a.question.text, a.question.topic.slug,
                    a.status, a.delivered, a.answeredOn, a.updatedAt, a.summary, List.copyOf(u)));
        }
        return PageResult.of(rows, page, size, ids.totalItems());
    }

    /** One page of answer ids matching the filter, ordered by lab, questionnaire and question order. */
    public PageResult<Long> searchIds(AnswerFilter f, int page, int size) {
        Long lab = f.lab() == null ? null : Lab.idForParameter("lab", f.lab());
        java.util.Set<Long> topicIds = null;
        if (f.topic() != null) {
            TopicService.Tree tree = topics.tree();
            topicIds = tree.subtree(topics.require(tree, "topic", f.topic()));
        }
        List<String> statuses = f.statuses() == null ? null : f.statuses().stream().map(Enum::name).toList();
        Long questionnaire = f.questionnaire() == null ? null : Questionnaire.forParameter("questionnaire", f.questionnaire()).id;
        // every filter but the question is a dimension of answer_tally: the total is a sum there, not a count of answers
        TallyFilter tallied = new TallyFilter(lab, topicIds, statuses, questionnaire, f.delivered());
        Map<String, Object> params = tallied.parameters();
        StringBuilder where = new StringBuilder(" where 1 = 1").append(tallied.conditions("a.", "q."));
        if (f.question() != null) {
            Question q = Question.findByKey(f.question());
            if (q == null) {
                throw ApiException.badParameter("question", "unknown question '" + f.question() + "'");
            }
            where.append(" and a.question_id = :question");
            params.put("question", q.id);
        }
        String from = " from answer a join question q on q.id = a.question_id join lab l on l.id = a.lab_id"
                + " join questionnaire qn on qn.id = q.questionnaire_id";
        Long total = f.question() == null ? AnswerTally.total(em, tallied) : null;
        if (total != null && lab != null) {
            return byLabInOrder(tallied, total, page, size);
        }
        return NativePage.ids(em, "a.id", from + where, params, "l.slug, qn.slug, q.ordinal, a.id", page, size, total);
    }

    /**
     * One lab's answers in the general order (questionnaire slug, question ordinal) without sorting them all: walk
     * each questionnaire's questions by ordinal and probe the lab's answer to each (unique index), stopping when the
     * page is full, as QuestionService does for the question list. Same rows and order as the general query.
     */
    private PageResult<Long> byLabInOrder(TallyFilter f, long total, int page, int size) {
        return NativePage.walk(em, "select x.id from questionnaire qn cross join lateral ("
                + "select a.id, q.ordinal from question q join answer a on a.question_id = q.id" + f.answerConditions("a.")
                + " where q.questionnaire_id = qn.id" + f.topicCondition("q.")
                + " order by q.ordinal limit :upto) x"
                + (f.questionnaire() != null ? " where qn.id = :questionnaire" : "")
                + " order by qn.slug, x.ordinal, x.id offset :offset limit :size", f.parameters(), total, page, size);
    }

    /**
     * For each of the labs, one page of its answers to the questions of one questionnaire (all when null) with one of
     * the statuses (any when null or empty), in the general order (questionnaire slug, question ordinal), and the lab's
     * total: one statement whatever the number of labs (plus the questionnaire's lookup), for GraphQL's batched
     * {@code Lab.answerPage}. Labs without a matching answer get an empty page with total 0.
     */
    @SuppressWarnings("unchecked")
    public Map<Long, PageResult<Long>> pagesByLab(java.util.Collection<Long> labIds, String questionnaire, List<ResponseStatus> statuses,
                                                 int page, int size) {
        Map<Long, PageResult<Long>> out = new java.util.HashMap<>();
        if (labIds.isEmpty()) {
            return out;
        }
        Long questionnaireId = questionnaire == null ? null : Questionnaire.forParameter("questionnaire", questionnaire).id;
        boolean byStatus = statuses != null && !statuses.isEmpty();
        // each lab's first row is kept even outside the page, so that a page past the end still carries the total
        var query = em.createNativeQuery("select id, lab_id, total, rn from (select a.id, a.lab_id, count(*) over (partition by a.lab_id) total,"
                + " row_number() over (partition by a.lab_id order by qn.slug, q.ordinal, a.id) rn"
                + " from answer a join question q on q.id = a.question_id join questionnaire qn on qn.id = q.questionnaire_id"
                + " where a.lab_id in (:labs)" + (questionnaireId != null ? " and q.questionnaire_id = :questionnaire" : "")
                + (byStatus ? " and a.status in (:statuses)" : "")
                + ") t where (rn > :offset and rn <= :upto) or rn = 1 order by lab_id, rn")
                .setParameter("labs", labIds).setParameter("offset", (long) page * size).setParameter("upto", (long) page * size + size);
        if (questionnaireId != null) {
            query.setParameter("questionnaire", questionnaireId);
        }
        if (byStatus) {
            query.setParameter("statuses", statuses.stream().map(Enum::name).toList());
        }
        Map<Long, List<Long>> ids = new java.util.HashMap<>();
        Map<Long, Long> totals = new java.util.HashMap<>();
        for (Object[] r : (List<Object[]>) query.getResultList()) {
            long lab = ((Number) r[1]).longValue();
            long rn = ((Number) r[3]).longValue();
            totals.put(lab, ((Number) r[2]).longValue());
            List<Long> list = ids.computeIfAbsent(lab, k -> new java.util.ArrayList<>());
            if (rn > (long) page * size) {
                list.add(((Number) r[0]).longValue());
            }
        }
        for (Long lab : labIds) {
            out.put(lab, PageResult.of(ids.getOrDefault(lab, List.of()), page, size, totals.getOrDefault(lab, 0L)));
        }
        return out;
    }
}
