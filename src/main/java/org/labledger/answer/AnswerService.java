package org.labledger.answer;

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
    @Inject
    org.labledger.history.RevisionService revisions;

    /** One offset page of the answer's history, oldest first; 404 for an answer that neither exists nor ever existed. */
    public org.labledger.common.PageResult<org.labledger.history.RevisionService.RevisionView> history(long id, int page, int size) {
        var h = revisions.history(AnswerWriteService.ENTITY, id);
        requireHistory(id, h.size());
        return org.labledger.common.Paging.slice(h, page, size);
    }

    /** The answer's history after a cursor, oldest first, by keyset; 404 for an answer that neither exists nor ever existed (no revision). */
    public org.labledger.common.KeysetPage<org.labledger.history.RevisionService.RevisionView> historyAfter(long id, String cursor, int size) {
        var h = revisions.historyAfter(AnswerWriteService.ENTITY, id, cursor, size);
        requireHistory(id, h.totalItems());
        return h;
    }

    private static void requireHistory(long id, long revisions) {
        if (revisions == 0 && Answer.findById(id) == null) {
            throw org.labledger.common.ApiException.notFound("answer", String.valueOf(id));
        }
    }

    @Inject
    org.labledger.stream.VersionMemo memo;

    /** A lab's id by its slug, as kept between writes ({@link org.labledger.stream.VersionMemo}). */
    private record LabSlug(String slug) {
    }

    /** The number of answers a tally filter covers, as kept between writes. */
    private record TallyTotal(TallyFilter filter) {
    }

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
        return rows(ids.items(), page, size, ids.totalItems());
    }

    private PageResult<AnswerRow> rows(List<Long> pageIds, int page, int size, long total) {
        PageResult<Long> ids = PageResult.of(pageIds, page, size, total);
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

    /** The list name in answer cursors. */
    static final String CURSOR_LIST = "answers";

    /** One page of answers as rows after a cursor (from the first when null): the same rows and order as {@link #rows}. */
    public CursorPage<AnswerRow> rowsAfter(AnswerFilter f, String cursor, int size) {
        KeysetPage<Long> ids = idsAfter(f, cursor, size);
        PageResult<AnswerRow> rows = rows(ids.items(), 0, size, ids.totalItems());
        return ids.rest(rows.items());
    }

    /**
     * One page of answer ids matching the filter after a cursor, in the order of {@link #searchIds} (lab slug,
     * questionnaire slug, question ordinal: unique, as a lab answers a question once and a questionnaire's ordinals
     * are unique), by keyset: for each lab and questionnaire from the cursor's on, walk the questionnaire's questions
     * by ordinal from the cursor's (the (questionnaire_id, ordinal) index) and probe the lab's answer to each (the
     * (question_id, lab_id) index), stopping once the page is full. No OFFSET: the last page costs what the first does.
     * One more row than the page is read, to know whether there is a next page. {@code cursor}: a nextCursor of the
     * same list and filter; a bad one is a 400.
     */
    public KeysetPage<Long> idsAfter(AnswerFilter f, String cursor, int size) {
        Resolved r = resolve(f);
        Params params = new Params();
        List<String> key = Cursor.decode(params, cursor, CURSOR_LIST, r.scope(), 3);
        Integer ordinal = null;
        if (key != null) {
            try {
                ordinal = Integer.valueOf(key.get(2));
            } catch (NumberFormatException e) {
                params.add("cursor", "is not a cursor of this API; pass the nextCursor of a page unchanged");
            }
        }
        params.check();
        Map<String, Object> p = r.tallied().parameters();
        p.put("afterLab", key == null ? "" : key.get(0));
        p.put("afterQuestionnaire", key == null ? "" : key.get(1));
        p.put("afterOrdinal", ordinal == null ? Integer.MIN_VALUE : ordinal);
        p.put("limit", size + 1);
        if (r.question() != null) {
            p.put("question", r.question());
        }
        TallyFilter t = r.tallied();
        var query = em.createNativeQuery(keysetSql(t, r.question() != null));
        p.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> raw = query.getResultList();
        long total = r.question() == null ? AnswerTally.total(em, t) : count(r);
        List<Object[]> page = raw.subList(0, Math.min(size, raw.size()));
        return new KeysetPage<>(page.stream().map(x -> ((Number) x[0]).longValue()).toList(),
                page.stream().map(x -> Cursor.encode(CURSOR_LIST, r.scope(), List.of(x[1], x[2], ((Number) x[3]).intValue()))).toList(),
                size, total, raw.size() > size);
    }

    /** The keyset statement of {@link #idsAfter}: the same text at every depth, with the cursor as parameters. */
    static String keysetSql(TallyFilter t, boolean byQuestion) {
        return "select x.id, l.slug lab_slug, qn.slug questionnaire_slug, x.ordinal from lab l cross join questionnaire qn cross join lateral ("
                + "select a.id, q.ordinal from question q join answer a on a.question_id = q.id and a.lab_id = l.id" + t.answerConditions("a.")
                + " where q.questionnaire_id = qn.id" + t.topicCondition("q.") + (byQuestion ? " and q.id = :question" : "")
                + " and q.ordinal > (case when l.slug = :afterLab and qn.slug = :afterQuestionnaire then :afterOrdinal else " + Integer.MIN_VALUE + " end)"
                + " order by q.ordinal limit :limit) x"
                + " where (l.slug, qn.slug) >= (:afterLab, :afterQuestionnaire)"
                + (t.lab() != null ? " and l.id = :lab" : "") + (t.questionnaire() != null ? " and qn.id = :questionnaire" : "")
                + " order by l.slug, qn.slug, x.ordinal limit :limit";
    }

    private long count(Resolved r) {
        var count = em.createNativeQuery("select count(*) from answer a join question q on q.id = a.question_id where a.question_id = :question"
                + r.tallied().conditions("a.", "q."));
        r.tallied().parameters().forEach(count::setParameter);
        count.setParameter("question", r.question());
        return ((Number) count.getSingleResult()).longValue();
    }

    /** A filter with its names resolved to ids, and its normal form (the scope its cursors are bound to). */
    record Resolved(TallyFilter tallied, Long question, String scope) {
    }

    private Resolved resolve(AnswerFilter f) {
        Long lab = f.lab() == null ? null : memo.get(new LabSlug(f.lab()), () -> Lab.idForParameter("lab", f.lab()));
        java.util.Set<Long> topicIds = null;
        if (f.topic() != null) {
            TopicService.Tree tree = topics.tree();
            topicIds = tree.subtree(topics.require(tree, "topic", f.topic()));
        }
        List<String> statuses = f.statuses() == null ? null : f.statuses().stream().map(Enum::name).distinct().sorted().toList();
        Long questionnaire = f.questionnaire() == null ? null : Questionnaire.forParameter("questionnaire", f.questionnaire()).id;
        Long question = null;
        if (f.question() != null) {
            Question q = Question.findByKey(f.question());
            if (q == null) {
                throw ApiException.badParameter("question", "unknown question '" + f.question() + "'");
            }
            question = q.id;
        }
        TallyFilter tallied = new TallyFilter(lab, topicIds, statuses, questionnaire, f.delivered());
        return new Resolved(tallied, question, scope(tallied, question));
    }

    /** The normal form of a filter that its cursors are bound to (statuses distinct and sorted, empty as null). */
    private static String scope(TallyFilter t, Long question) {
        return "lab=" + t.lab() + "&topics=" + (t.topics() == null ? null : new java.util.TreeSet<>(t.topics())) + "&statuses=" + t.statuses()
                + "&questionnaire=" + t.questionnaire() + "&question=" + question + "&delivered=" + t.delivered();
    }

    /**
     * The first keyset page of each lab's answers (to one questionnaire when not null, with one of the statuses when
     * not empty), {@code first} rows, with each row's cursor (the cursor of {@link #idsAfter} for that lab's filter) and
     * the lab's total: one statement whatever the number of labs (plus the questionnaire's lookup), for GraphQL's
     * batched {@code Lab.answerConnection}. Labs without a matching answer get an empty page.
     */
    @SuppressWarnings("unchecked")
    public Map<Long, KeysetPage<Long>> firstPagesByLab(java.util.Collection<Long> labIds, String questionnaire, List<ResponseStatus> statuses, int first) {
        Map<Long, KeysetPage<Long>> out = new java.util.HashMap<>();
        if (labIds.isEmpty()) {
            return out;
        }
        Long questionnaireId = questionnaire == null ? null : Questionnaire.forParameter("questionnaire", questionnaire).id;
        List<String> names = statuses == null ? List.of() : statuses.stream().map(Enum::name).distinct().sorted().toList();
        var query = em.createNativeQuery("select id, lab_id, lab_slug, questionnaire_slug, ordinal, total from ("
                + "select a.id, a.lab_id, l.slug lab_slug, qn.slug questionnaire_slug, q.ordinal, count(*) over (partition by a.lab_id) total,"
                + " row_number() over (partition by a.lab_id order by qn.slug, q.ordinal) rn"
                + " from answer a join question q on q.id = a.question_id join questionnaire qn on qn.id = q.questionnaire_id join lab l on l.id = a.lab_id"
                + " where a.lab_id in (:labs)" + (questionnaireId != null ? " and q.questionnaire_id = :questionnaire" : "")
                + (names.isEmpty() ? "" : " and a.status in (:statuses)")
                + ") t where rn <= :upto order by lab_id, rn")
                .setParameter("labs", labIds).setParameter("upto", first + 1L);
        if (questionnaireId != null) {
            query.setParameter("questionnaire", questionnaireId);
        }
        if (!names.isEmpty()) {
            query.setParameter("statuses", names);
        }
        Map<Long, List<Object[]>> rows = new java.util.HashMap<>();
        for (Object[] r : (List<Object[]>) query.getResultList()) {
            rows.computeIfAbsent(((Number) r[1]).longValue(), k -> new java.util.ArrayList<>()).add(r);
        }
        for (Long lab : labIds) {
            List<Object[]> all = rows.getOrDefault(lab, List.of());
            List<Object[]> page = all.subList(0, Math.min(first, all.size()));
            String scope = scope(new TallyFilter(lab, null, names, questionnaireId, null), null);
            out.put(lab, new KeysetPage<>(page.stream().map(x -> ((Number) x[0]).longValue()).toList(),
                    page.stream().map(x -> Cursor.encode(CURSOR_LIST, scope, List.of(x[2], x[3], ((Number) x[4]).intValue()))).toList(),
                    first, all.isEmpty() ? 0 : ((Number) all.get(0)[5]).longValue(), all.size() > first));
        }
        return out;
    }

    /** One page of answer ids matching the filter, ordered by lab, questionnaire and question order. */
    public PageResult<Long> searchIds(AnswerFilter f, int page, int size) {
        TallyFilter tallied = tallied(f);
        Long lab = tallied.lab();
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
        Long total = f.question() == null ? memo.get(new TallyTotal(tallied), () -> AnswerTally.total(em, tallied)) : null;
        if (total != null && lab != null) {
            return byLabInOrder(tallied, total, page, size);
        }
        return NativePage.ids(em, "a.id", from + where, params, "l.slug, qn.slug, q.ordinal, a.id", page, size, total);
    }

    /** The filter's dimensions of answer_tally (every one but the question); unknown slugs are 400s naming the parameter. */
    private TallyFilter tallied(AnswerFilter f) {
        Long lab = f.lab() == null ? null : memo.get(new LabSlug(f.lab()), () -> Lab.idForParameter("lab", f.lab()));
        java.util.Set<Long> topicIds = null;
        if (f.topic() != null) {
            TopicService.Tree tree = topics.tree();
            topicIds = tree.subtree(topics.require(tree, "topic", f.topic()));
        }
        List<String> statuses = f.statuses() == null ? null : f.statuses().stream().map(Enum::name).toList();
        Long questionnaire = f.questionnaire() == null ? null : Questionnaire.forParameter("questionnaire", f.questionnaire()).id;
        // every filter but the question is a dimension of answer_tally: the total is a sum there, not a count of answers
        return new TallyFilter(lab, topicIds, statuses, questionnaire, f.delivered());
    }

    /**
     * One lab's page of {@link #searchIds} as a statement to embed (graphql/GraphQLDirect's plans, AnswerDirect): the
     * SQL that lists the page's ids in order, its parameters, the list's total and the page's offset. Null when the
     * filter names no lab or a question: that page is read by {@link #searchIds} itself.
     */
    public LabPage labPage(AnswerFilter f, int page, int size) {
        if (f.lab() == null || f.question() != null) {
            return null;
        }
        TallyFilter tallied = tallied(f);
        long total = memo.get(new TallyTotal(tallied), () -> AnswerTally.total(em, tallied));
        long offset = (long) page * size;
        Map<String, Object> params = new java.util.HashMap<>(tallied.parameters());
        params.put("upto", offset + size);
        params.put("offset", offset);
        params.put("size", size);
        return new LabPage(byLabInOrderSql(tallied), Map.copyOf(params), total, offset);
    }

    /** A lab's page as SQL (named parameters), with the list's total and the page's offset. */
    public record LabPage(String idsSql, Map<String, Object> parameters, long total, long offset) {
    }

    private static String byLabInOrderSql(TallyFilter f) {
        return "select x.id from questionnaire qn cross join lateral ("
                + "select a.id, q.ordinal from question q join answer a on a.question_id = q.id" + f.answerConditions("a.")
                + " where q.questionnaire_id = qn.id" + f.topicCondition("q.")
                + " order by q.ordinal limit :upto) x"
                + (f.questionnaire() != null ? " where qn.id = :questionnaire" : "")
                + " order by qn.slug, x.ordinal, x.id offset :offset limit :size";
    }

    /**
     * One lab's answers in the general order (questionnaire slug, question ordinal) without sorting them all: walk
     * each questionnaire's questions by ordinal and probe the lab's answer to each (unique index), stopping when the
     * page is full, as QuestionService does for the question list. Same rows and order as the general query.
     */
    private PageResult<Long> byLabInOrder(TallyFilter f, long total, int page, int size) {
        return NativePage.walk(em, byLabInOrderSql(f), f.parameters(), total, page, size);
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
