package org.labledger.question;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.common.ApiException;
import org.labledger.common.Cursor;
import org.labledger.common.CursorPage;
import org.labledger.common.KeysetPage;
import org.labledger.common.Params;
import org.labledger.common.NativePage;
import org.labledger.common.PageResult;
import org.labledger.lab.Lab;
import org.labledger.questionnaire.Questionnaire;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.SubjectType;
import org.labledger.topic.Topic;
import org.labledger.topic.TopicService;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
public class QuestionService {

    /** Sort keys accepted by {@link #search}; prefix with '-' for descending. */
    public static final Map<String, String> SORTS = Map.of(
            "ordinal", "qn.slug %1$s, q.ordinal %1$s",
            "key", "q.key %1$s",
            "topic", "t.slug %1$s, q.key %1$s",
            "questionnaire", "qn.slug %1$s, q.ordinal %1$s",
            "relevance", "ts_rank(q.search, websearch_to_tsquery('english', :text)) %1$s");

    @Inject
    EntityManager em;
    @Inject
    TopicService topics;
    @Inject
    CitationService citations;
    @Inject
    QuestionAnswers answers;

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Ref(String slug, String name) {
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record TopicRef(String slug, String name, List<String> path) {
    }

    /**
     * A lab's answer as a question list shows it; {@code status}: the name of the answer's ResponseStatus;
     * {@code delivered}: null when it is not known whether the question reached the lab.
     */
    @RegisterForReflection // serialised inside PageResult (a Response entity)
    public record AnswerStatus(String lab, String status, Boolean delivered) {
    }

    @RegisterForReflection // serialised inside PageResult (a Response entity)
    public record QuestionSummary(String key, Ref questionnaire, TopicRef topic, String parent, int ordinal, String text,
                                  List<AnswerStatus> answers) {
    }

    /**
     * A lab's answer as a question's page shows it; {@code status}, {@code kind}, {@code capacity}: the names of the
     * answer's ResponseStatus, AnswerKind and RespondentCapacity (the question room sits below the answer room).
     */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record AnswerView(long id, String lab, String labName, String status, Boolean delivered, String summary,
                             String respondent, String respondentCapacity, String kind, String capacity,
                             Boolean afterPublication, String answeredOn, int version,
                             OffsetDateTime updatedAt, List<CitationView> citations, List<org.labledger.source.SupportingClaim> claims) {
    }

    @io.quarkus.runtime.annotations.RegisterForReflection
    public record QuestionDetail(String key, Ref questionnaire, TopicRef topic, String parent, List<String> children,
                                 int ordinal, String text, String notes, Integer minAddressees, boolean context,
                                 List<CitationView> citations, List<AnswerView> answers) {
    }

    public PageResult<QuestionSummary> search(QuestionFilter f, String sort, int page, int size) {
        TopicService.Tree tree = topics.tree();
        Long labId = labId(f);
        PageResult<Long> ids = searchIds(f, labId, sort, page, size, tree);
        return PageResult.of(summaries(ids.items(), tree, labId), page, size, ids.totalItems());
    }

    /** The ids of one page of questions matching the filter, in order, with the total: two SQL statements. */
    public PageResult<Long> searchIds(QuestionFilter f, String sort, int page, int size, TopicService.Tree tree) {
        return searchIds(f, labId(f), sort, page, size, tree);
    }

    private static Long labId(QuestionFilter f) {
        return f.lab() == null ? null : Lab.idForParameter("lab", f.lab());
    }

    private PageResult<Long> searchIds(QuestionFilter f, Long labId, String sort, int page, int size, TopicService.Tree tree) {
        java.util.Set<Long> topicIds = f.topic() == null ? null : tree.subtree(topics.require(tree, "topic", f.topic()));
        Long questionnaire = f.questionnaire() == null ? null : Questionnaire.forParameter("questionnaire", f.questionnaire()).id;
        TallyFilter answered = new TallyFilter(labId, topicIds, f.statuses(), questionnaire, null);
        Map<String, Object> params = answered.parameters();
        StringBuilder where = new StringBuilder(" where 1 = 1").append(answered.questionConditions("q."));
        if (labId != null) {
            // one answer per (question, lab): the lab's answers name the questions, read from (lab_id, status, question_id)
            where.append(" and q.id in (select a.question_id from answer a where true").append(answered.answerConditions("a.")).append(")");
        } else if (answered.statuses() != null) {
            where.append(" and exists (select 1 from answer a where a.question_id = q.id").append(answered.answerConditions("a.")).append(")");
        }
        boolean hasText = f.text() != null && !f.text().isBlank();
        if (hasText) {
            where.append(" and q.search @@ websearch_to_tsquery('english', :text)");
            params.put("text", f.text());
        }
        String order = orderBy(sort, hasText);

        String from = " from question q join questionnaire qn on qn.id = q.questionnaire_id join topic t on t.id = q.topic_id";
        // with a lab and no text, the total is a sum over the lab's rows of answer_tally instead of a count of questions
        Long total = labId != null && !hasText ? answers.count(answered) : null;
        String s = sort == null || sort.isBlank() ? "ordinal" : sort.trim();
        if (total != null && List.of("ordinal", "questionnaire", "-ordinal", "-questionnaire").contains(s)) {
            return byLabInOrder(answered, s.startsWith("-") ? "desc" : "asc", total, page, size);
        }
        return NativePage.ids(em, "q.id", from + where, params, order + ", q.id", page, size, total);
    }

    /**
     * A lab's questions in questionnaire order, without sorting all of them: for each questionnaire (by slug), walk
     * its questions by ordinal (the unique index) and keep those the lab's answer index confirms, stopping once
     * the page is full. Page 0 costs the same whether the lab was asked 50 questions or 10,000 (bench/README.md);
     * page n reads n pages' worth, as any offset does. Same order and rows as the general query.
     */
    private PageResult<Long> byLabInOrder(TallyFilter f, String dir, long total, int page, int size) {
        return NativePage.walk(em, "select x.id from questionnaire qn cross join lateral ("
                + "select q.id, q.ordinal from question q where q.questionnaire_id = qn.id" + f.topicCondition("q.")
                + " and exists (select 1 from answer a where a.question_id = q.id" + f.answerConditions("a.") + ")"
                + " order by q.ordinal " + dir + " limit :upto) x"
                + (f.questionnaire() != null ? " where qn.id = :questionnaire" : "")
                + " order by qn.slug " + dir + ", x.ordinal " + dir + ", x.id offset :offset limit :size", f.parameters(), total, page, size);
    }

    /** The list name in question cursors. */
    static final String CURSOR_LIST = "questions";

    /** Whether a sort is the questionnaire order that keyset pages follow (ordinal or questionnaire, ascending; the default without q). */
    public static boolean keysetSort(String sort, String text) {
        String s = sort == null || sort.isBlank() ? (text != null && !text.isBlank() ? "relevance" : "ordinal") : sort.trim();
        return s.equals("ordinal") || s.equals("questionnaire");
    }

    /** One page of question summaries after a cursor (from the first when null), in questionnaire order. */
    public CursorPage<QuestionSummary> searchAfter(QuestionFilter f, String sort, String cursor, int size) {
        TopicService.Tree tree = topics.tree();
        Long labId = labId(f);
        KeysetPage<Long> ids = idsAfter(f, labId, sort, cursor, size, tree);
        return ids.rest(summaries(ids.items(), tree, labId));
    }

    /** The ids of one keyset page of questions: see {@link #idsAfter(QuestionFilter, Long, String, String, int, TopicService.Tree)}. */
    public KeysetPage<Long> idsAfter(QuestionFilter f, String sort, String cursor, int size, TopicService.Tree tree) {
        return idsAfter(f, labId(f), sort, cursor, size, tree);
    }

    /**
     * Questions after a cursor in questionnaire order (questionnaire slug, ordinal: unique), by keyset: for each
     * questionnaire from the cursor's on, walk its questions by ordinal from the cursor's (the unique index) and keep
     * those the filters (and the lab's answer index) confirm, stopping once the page is full. No OFFSET: the last page
     * costs what the first does. Same rows and order as {@link #searchIds} with sort ordinal.
     */
    private KeysetPage<Long> idsAfter(QuestionFilter f, Long labId, String sort, String cursor, int size, TopicService.Tree tree) {
        Params errors = new Params();
        if (!keysetSort(sort, f.text())) {
            errors.add("cursor", "pages the questionnaire order only (sort ordinal or questionnaire); use page with sort '" + sort + "'"
                    + (sort == null ? " (the default with q: relevance)" : ""));
            errors.check();
        }
        java.util.Set<Long> topicIds = f.topic() == null ? null : tree.subtree(topics.require(tree, "topic", f.topic()));
        Long questionnaire = f.questionnaire() == null ? null : Questionnaire.forParameter("questionnaire", f.questionnaire()).id;
        List<String> statuses = f.statuses() == null ? null : f.statuses().stream().distinct().sorted().toList();
        TallyFilter answered = new TallyFilter(labId, topicIds, statuses, questionnaire, null);
        boolean hasText = f.text() != null && !f.text().isBlank();
        String scope = "lab=" + labId + "&topics=" + (topicIds == null ? null : new java.util.TreeSet<>(topicIds)) + "&statuses=" + answered.statuses()
                + "&questionnaire=" + questionnaire + "&q=" + (hasText ? f.text().trim() : null);
        List<String> key = Cursor.decode(errors, cursor, CURSOR_LIST, scope, 2);
        Integer ordinal = null;
        if (key != null) {
            try {
                ordinal = Integer.valueOf(key.get(1));
            } catch (NumberFormatException e) {
                errors.add("cursor", "is not a cursor of this API; pass the nextCursor of a page unchanged");
            }
        }
        errors.check();
        Map<String, Object> params = answered.parameters();
        String filters = answered.topicCondition("q.")
                + (answered.lab() != null || answered.statuses() != null
                ? " and exists (select 1 from answer a where a.question_id = q.id" + answered.answerConditions("a.") + ")" : "")
                + (hasText ? " and q.search @@ websearch_to_tsquery('english', :text)" : "");
        if (hasText) {
            params.put("text", f.text());
        }
        Long total = labId != null && !hasText ? answers.count(answered) : null;
        if (total == null) {
            var count = em.createNativeQuery("select count(*) from question q where true" + answered.questionConditions("q.") + filters.substring(answered.topicCondition("q.").length()));
            params.forEach(count::setParameter);
            total = ((Number) count.getSingleResult()).longValue();
        }
        params.put("afterQuestionnaire", key == null ? "" : key.get(0));
        params.put("afterOrdinal", ordinal == null ? Integer.MIN_VALUE : ordinal);
        params.put("limit", size + 1);
        var query = em.createNativeQuery(keysetSql(filters, questionnaire != null));
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> raw = query.getResultList();
        List<Object[]> page = raw.subList(0, Math.min(size, raw.size()));
        return new KeysetPage<>(page.stream().map(x -> ((Number) x[0]).longValue()).toList(),
                page.stream().map(x -> Cursor.encode(CURSOR_LIST, scope, List.of(x[1], ((Number) x[2]).intValue()))).toList(),
                size, total, raw.size() > size);
    }

    /** The keyset statement of the question list: the same text at every depth, the cursor in parameters. */
    public static String keysetSql(String filters, boolean byQuestionnaire) {
        return "select x.id, qn.slug questionnaire_slug, x.ordinal from questionnaire qn cross join lateral ("
                + "select q.id, q.ordinal from question q where q.questionnaire_id = qn.id" + filters
                + " and q.ordinal > (case when qn.slug = :afterQuestionnaire then :afterOrdinal else " + Integer.MIN_VALUE + " end)"
                + " order by q.ordinal limit :limit) x where qn.slug >= :afterQuestionnaire"
                + (byQuestionnaire ? " and qn.id = :questionnaire" : "")
                + " order by qn.slug, x.ordinal limit :limit";
    }

    private static String orderBy(String sort, boolean hasText) {
        String s = sort == null || sort.isBlank() ? (hasText ? "relevance" : "ordinal") : sort.trim();
        boolean desc = s.startsWith("-");
        String field = desc ? s.substring(1) : s;
        String template = SORTS.get(field);
        if (template == null) {
            throw ApiException.badParameter("sort", "unknown sort '" + s + "'; expected one of "
                    + SORTS.keySet().stream().sorted().toList() + ", optionally prefixed with '-'");
        }
        if (field.equals("relevance") && !hasText) {
            throw ApiException.badParameter("sort", "'relevance' needs a text query (parameter q)");
        }
        // relevance: best match first unless reversed
        boolean descending = field.equals("relevance") ? !desc : desc;
        return String.format(template, descending ? "desc" : "asc");
    }

    /**
     * Summaries for question ids, in the given order, in two native queries. With a lab filter, each summary lists
     * that lab's answer only (a page of 50 questions put to 500 labs would otherwise carry 25,000 statuses).
     */
    @SuppressWarnings("unchecked")
    private List<QuestionSummary> summaries(List<Long> ids, TopicService.Tree tree, Long labId) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Object[]> byId = new HashMap<>();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("""
                        select q.id, q.key, qn.slug, qn.title, q.topic_id, p.key, q.ordinal, q.text
                          from question q join questionnaire qn on qn.id = q.questionnaire_id left join question p on p.id = q.parent_id
                         where q.id in (:ids)""").setParameter("ids", ids).getResultList()) {
            byId.put(((Number) r[0]).longValue(), r);
        }
        Map<Long, List<AnswerStatus>> listed = answers.listed(ids, labId);
        return ids.stream().map(id -> {
            Object[] q = byId.get(id);
            Topic t = tree.get(((Number) q[4]).longValue());
            return new QuestionSummary((String) q[1], new Ref((String) q[2], (String) q[3]), new TopicRef(t.slug, t.name, tree.path(t)),
                    (String) q[5], ((Number) q[6]).intValue(), (String) q[7], listed.getOrDefault(id, List.of()));
        }).toList();
    }

    private static TopicRef topicRef(TopicService.Tree tree, Question q) {
        Topic t = tree.get(q.topic.id);
        return new TopicRef(t.slug, t.name, tree.path(t));
    }

    public QuestionDetail get(String key) {
        Question q = Question.find("select q from Question q join fetch q.questionnaire left join fetch q.parent where q.key = ?1", key).firstResult();
        if (q == null) {
            throw ApiException.notFound("question", key);
        }
        TopicService.Tree tree = topics.tree();
        List<String> children = em.createQuery("select c.key from Question c where c.parent = ?1 order by c.ordinal", String.class)
                .setParameter(1, q).getResultList();
        List<AnswerView> views = answers.views(q);
        return new QuestionDetail(q.key, new Ref(q.questionnaire.slug, q.questionnaire.title), topicRef(tree, q),
                q.parent == null ? null : q.parent.key, children, q.ordinal, q.text, q.notes,
                q.minAddressees, q.context, citations.forSubject(SubjectType.QUESTION, q.id), views);
    }
}
