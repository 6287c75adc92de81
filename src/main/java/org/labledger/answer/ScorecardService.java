package org.labledger.answer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.common.Numbers;
import org.labledger.common.Batch;
import org.labledger.history.RevisionService;
import org.labledger.questionnaire.Questionnaire;
import org.labledger.topic.Topic;
import org.labledger.topic.TopicService;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scorecards: how many of the questions put to a lab it left unanswered, answered in part or in full,
 * overall and per topic. Read from answer_tally (V6), so the cost depends on labs × topics, not on the number of answers;
 * without the per-topic breakdown, from answer_rollup (V16), so it depends on labs × root topics.
 */
@ApplicationScoped
public class ScorecardService {

    @Inject
    EntityManager em;
    @Inject
    TopicService topics;
    @Inject
    RevisionService revisions;

    /**
     * Counts by status; {@code responseRate} = (PARTIAL + ANSWERED) / total, null when nothing was asked. Only answers
     * whose delivery is known count (V9): those whose delivery is not known (a question put to "at least three" of
     * its candidate labs, not said which) are counted apart in {@code unknownDelivery}, never as unanswered.
     */
    @Name("StatusCounts")
    @Description("Answers counted by status")
    public record Counts(@Description("Questions known to have been put to the lab (answers of any status whose delivery is known; see unknownDelivery)") long total,
                         @Description("Answers UNANSWERED") long unanswered,
                         @Description("Answers PARTIAL") long partial,
                         @Description("Answers ANSWERED") long answered,
                         @Description("Questions put to the lab but not delivered to it") long notDelivered,
                         @Description("(partial + answered) / total, rounded to 4 decimals, trailing zeros dropped (0.5, 0.0909, 0); null when total is 0") BigDecimal responseRate,
                         @Description("answered / total, rounded to 4 decimals, trailing zeros dropped; null when total is 0") BigDecimal answeredRate,
                         @Description("Answers (of any status) whose delivery is not known, e.g. to a question put to \"at least three\" of its candidate labs without saying which: not in total, unanswered, partial, answered or the rates") long unknownDelivery,
                         @Description("Of partial + answered: those the lab answered itself through LabLedger's right of reply (kind LAB_REPLY, accepted by a curator)") long answeredByLab,
                         @Description("Of partial + answered: those recorded per the curators' reading of a source (every other kind of answer)") long answeredPerCurator) {

        /** c: [unanswered, partial, answered (delivery known), notDelivered, unknownDelivery, partial or answered by the lab itself]. */
        static Counts of(long[] c) {
            long total = c[0] + c[1] + c[2];
            return new Counts(total, c[0], c[1], c[2], c[3],
                    rate(c[1] + c[2], total), rate(c[2], total), c[4], c[5], c[1] + c[2] - c[5]);
        }

        private static BigDecimal rate(long n, long total) {
            // one decimal format for REST, GraphQL and CSV: 4 decimals at most, no trailing zeros (0.5, 0.0909, 0)
            return total == 0 ? null : Numbers.plain(BigDecimal.valueOf(n).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP));
        }
    }

    @Description("A lab's counts for one topic")
    public record TopicScore(@NonNull @Description("The topic's slug") String topic,
                             @NonNull @Description("The topic's name") String name,
                             @NonNull @Description("Names from the root topic down to this one") List<@NonNull String> path,
                             @NonNull @Description("The counts of the questions under the topic") Counts counts) {
    }

    @Description("How one lab responded: counts by status and response rates, overall, per topic and per root topic")
    public record Scorecard(@NonNull @Description("The lab's slug") String lab,
                            @NonNull @Description("The lab's name") String name,
                            @NonNull @Description("Counts over all questions in scope") Counts counts,
                            @NonNull @Description("Counts per topic that has questions in scope, in topic-tree order") List<@NonNull TopicScore> topics,
                            @NonNull @Description("Counts per root topic (its subtopics included), by slug") List<@NonNull TopicScore> rootTopics) {
    }

    /**
     * Scorecards for the given labs (all labs, by slug, when {@code labIds} is null), in the order given,
     * optionally limited to one topic subtree and one questionnaire (slugs; unknown ones are a client mistake).
     * Labs with no question in scope get an empty scorecard. Three SQL statements, whatever the number of labs.
     */
    public List<Scorecard> scorecards(List<Long> labIds, String topicSlug, String questionnaireSlug) {
        return scorecards(labIds, topicSlug, questionnaireSlug, null);
    }

    /**
     * The same, as they stood at {@code asOf} (null: now), reconstructed from the answers' revisions: an
     * answer counts with the state its last revision up to {@code asOf} gave it; with no revision by then,
     * with the state before its first later revision, or its current state; answers created later do not count.
     */
    public List<Scorecard> scorecards(List<Long> labIds, String topicSlug, String questionnaireSlug, java.time.OffsetDateTime asOf) {
        return scorecards(labIds, topicSlug, questionnaireSlug, asOf, true);
    }

    /**
     * The same; with {@code perTopic} false, each scorecard's {@code topics} is left empty (its counts and root
     * topics are the same), for a caller that does not read it: then the counts of now, for all topics or one root
     * topic's subtree, come from answer_rollup (V16), which keeps them per root topic already, instead of summing
     * answer_tally over labs × topics (the all-labs dashboard: 1.5k rows instead of 76k at bench size l).
     */
    public List<Scorecard> scorecards(List<Long> labIds, String topicSlug, String questionnaireSlug, java.time.OffsetDateTime asOf,
                                      boolean perTopic) {
        TopicService.Tree tree = topics.tree();
        Topic topic = topicSlug == null ? null : topics.require(tree, "topic", topicSlug);
        Long questionnaireId = null;
        if (questionnaireSlug != null) {
            questionnaireId = Questionnaire.forParameter("questionnaire", questionnaireSlug).id;
        }
        List<LabRef> labs = null;
        if (labIds != null) {
            Map<Long, LabRef> byId = Batch.index(labRefs(" where id in (:ids)", labIds), LabRef::id);
            labs = labIds.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        }
        // the same filter over the live answers (asOf), over their running tally and over its roll-up (now)
        StringBuilder where = new StringBuilder(" where 1 = 1");
        StringBuilder rollupWhere = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Object> rollupParams = new LinkedHashMap<>();
        if (labs != null) {
            where.append(" and #.lab_id in (:labs)");
            rollupWhere.append(" and r.lab_id in (:labs)");
            params.put("labs", labs.stream().map(LabRef::id).toList());
            rollupParams.put("labs", params.get("labs"));
        }
        if (topic != null) {
            where.append(" and #.topic_id in (:topics)");
            params.put("topics", tree.subtree(topic));
            rollupWhere.append(" and r.root_topic_id = :root");
            rollupParams.put("root", topic.id);
        }
        if (questionnaireId != null) {
            where.append(" and #.questionnaire_id = :questionnaire");
            rollupWhere.append(" and r.questionnaire_id = :questionnaire");
            params.put("questionnaire", questionnaireId);
            rollupParams.put("questionnaire", questionnaireId);
        }
        // the roll-up holds whole root topics: it answers for all topics, or for one root topic's subtree
        boolean rolledUp = !perTopic && asOf == null && (topic == null || topic.parent == null);
        List<Object[]> rows;
        if (asOf != null) {
            rows = asOf(where.toString(), params, asOf);
        } else {
            rows = rolledUp ? rollup(rollupWhere.toString(), rollupParams) : tally(where.toString(), params);
            rows.addAll(ownReplies(where.toString(), params));
        }

        // lab id -> topic id (a root topic's id for rows of the roll-up) -> [unanswered, partial, answered (delivery
        // known), notDelivered, unknownDelivery, by the lab]
        Map<Long, Map<Long, long[]>> tally = new LinkedHashMap<>();
        for (Object[] r : rows) {
            long lab = ((Number) r[0]).longValue();
            long t = ((Number) r[1]).longValue();
            long[] c = tally.computeIfAbsent(lab, k -> new LinkedHashMap<>()).computeIfAbsent(t, k -> new long[6]);
            c[ResponseStatus.valueOf((String) r[2]).ordinal()] += ((Number) r[3]).longValue();
            c[3] += ((Number) r[4]).longValue();
            c[4] += ((Number) r[5]).longValue();
            c[5] += ((Number) r[6]).longValue();
        }
        List<LabRef> scope = labs != null ? labs : asOf != null ? labsAt(asOf) : labRefs(" order by slug", null);
        List<Scorecard> out = new ArrayList<>(scope.size());
        for (LabRef lab : scope) {
            out.add(card(lab, tally.getOrDefault(lab.id(), Map.of()), tree, perTopic));
        }
        return out;
    }

    /** What a scorecard needs of a lab, read without loading the entity. */
    private record LabRef(long id, String slug, String name) {
    }

    /**
     * The labs the ledger held at {@code t}, from the row history (V17: every committed row of lab, deletions marked),
     * so that an as-of matrix neither gains the labs created since nor loses those deleted since. Before the history
     * began (a database older than V17, up to its migration) nothing is known: no lab.
     */
    @SuppressWarnings("unchecked")
    private List<LabRef> labsAt(java.time.OffsetDateTime t) {
        List<Object[]> rows = em.createNativeQuery("select (h.rec ->> 'id')::bigint, h.rec ->> 'slug', h.rec ->> 'name' from ("
                + "select distinct on (h.rec -> 'id') h.deleted, h.rec from row_history_lab h join tx_commit c on c.txid = h.txid"
                + " where c.committed_at <= :t order by h.rec -> 'id', c.version desc, h.stmt desc) h"
                + " where not h.deleted order by h.rec ->> 'slug'").setParameter("t", t).getResultList();
        return rows.stream().map(r -> new LabRef(((Number) r[0]).longValue(), (String) r[1], (String) r[2])).toList();
    }

    @SuppressWarnings("unchecked")
    private List<LabRef> labRefs(String tail, List<Long> ids) {
        var query = em.createNativeQuery("select id, slug, name from lab" + tail);
        if (ids != null) {
            query.setParameter("ids", ids);
        }
        return ((List<Object[]>) query.getResultList()).stream()
                .map(r -> new LabRef(((Number) r[0]).longValue(), (String) r[1], (String) r[2])).toList();
    }

    /**
     * Rows (lab, topic, status, count with known delivery, notDelivered, unknownDelivery, 0) from answer_tally, which
     * triggers keep exact (V6, V9).
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> tally(String where, Map<String, Object> params) {
        var query = em.createNativeQuery("select t.lab_id, t.topic_id, t.status, coalesce(sum(t.n) filter (where t.delivered is not null), 0),"
                + " coalesce(sum(t.n) filter (where not t.delivered), 0), coalesce(sum(t.n) filter (where t.delivered is null), 0), 0"
                + " from answer_tally t" + where.replace("#.", "t.") + " group by t.lab_id, t.topic_id, t.status");
        params.forEach(query::setParameter);
        return new ArrayList<>(query.getResultList());
    }

    /** The same rows per root topic (lab, root topic, status, …) from answer_rollup, which triggers keep equal to answer_tally rolled up (V16). */
    @SuppressWarnings("unchecked")
    private List<Object[]> rollup(String where, Map<String, Object> params) {
        var query = em.createNativeQuery("select r.lab_id, r.root_topic_id, r.status, coalesce(sum(r.n) filter (where r.delivered is not null), 0),"
                + " coalesce(sum(r.n) filter (where not r.delivered), 0), coalesce(sum(r.n) filter (where r.delivered is null), 0), 0"
                + " from answer_rollup r" + where + " group by r.lab_id, r.root_topic_id, r.status");
        params.forEach(query::setParameter);
        return new ArrayList<>(query.getResultList());
    }

    /**
     * The lab's own replies, read from the answers themselves: there are few (accepted submissions, V13), a partial
     * index holds them (V16), and the tallies do not keep the kind. Rows (lab, topic, PARTIAL, 0, 0, 0, n) add to the
     * by-the-lab count only.
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> ownReplies(String where, Map<String, Object> params) {
        var own = em.createNativeQuery("select a.lab_id, q.topic_id, 'PARTIAL', 0, 0, 0, count(*) from answer a join question q on q.id = a.question_id"
                + where.replace("#.lab_id", "a.lab_id").replace("#.", "q.")
                + " and a.kind = 'LAB_REPLY' and a.status <> 'UNANSWERED' and a.delivered is not null group by a.lab_id, q.topic_id");
        params.forEach(own::setParameter);
        return own.getResultList();
    }

    /** Rows (lab, topic, status, known 0/1, notDelivered 0/1, unknownDelivery 0/1) for each answer as it stood at {@code asOf}. */
    @SuppressWarnings("unchecked")
    private List<Object[]> asOf(String where, Map<String, Object> params, java.time.OffsetDateTime asOf) {
        String sql = "select a.id, a.lab_id, q.topic_id, a.status, a.delivered, a.created_at <= :asOf, a.kind = 'LAB_REPLY'"
                + " from answer a join question q on q.id = a.question_id"
                + where.replace("#.lab_id", "a.lab_id").replace("#.", "q.");
        var query = em.createNativeQuery(sql);
        params.forEach(query::setParameter);
        query.setParameter("asOf", asOf);
        List<Object[]> answers = query.getResultList();
        Map<Long, RevisionService.PastState> past = revisions.statesAt("ANSWER",
                answers.stream().map(r -> ((Number) r[0]).longValue()).toList(), List.of("status", "delivered", "kind"), asOf);
        List<Object[]> out = new ArrayList<>();
        for (Object[] a : answers) {
            String status = (String) a[3];
            Boolean delivered = (Boolean) a[4];
            boolean existed = (Boolean) a[5];
            boolean byLab = (Boolean) a[6];
            RevisionService.PastState then = past.get(((Number) a[0]).longValue());
            if (then != null) {
                if (then.fields() == null || then.fromLater() && !existed) {
                    continue; // deleted by then, or created after asOf
                }
                status = then.fields().get("status");
                String was = then.fields().get("delivered");
                delivered = was == null || was.equals("null") ? null : Boolean.valueOf(was);
                // a lab reply's snapshot carries its kind (V13); every earlier snapshot has none
                byLab = "LAB_REPLY".equals(then.fields().get("kind"));
            } else if (!existed) {
                continue;
            }
            out.add(new Object[]{a[1], a[2], status, delivered == null ? 0L : 1L, Boolean.FALSE.equals(delivered) ? 1L : 0L,
                    delivered == null ? 1L : 0L, byLab && delivered != null && !"UNANSWERED".equals(status) ? 1L : 0L});
        }
        return out;
    }

    /** With {@code perTopic} false, the topics are left out (byTopic may then be keyed by root topics, V16). */
    private Scorecard card(LabRef lab, Map<Long, long[]> byTopic, TopicService.Tree tree, boolean perTopic) {
        long[] total = new long[6];
        Map<Topic, long[]> roots = new LinkedHashMap<>();
        List<TopicScore> perTopicScores = new ArrayList<>();
        for (var e : byTopic.entrySet()) {
            Topic t = tree.get(e.getKey());
            long[] c = e.getValue();
            long[] root = roots.computeIfAbsent(tree.root(t), k -> new long[6]);
            for (int i = 0; i < 6; i++) {
                total[i] += c[i];
                root[i] += c[i];
            }
            if (perTopic) {
                perTopicScores.add(new TopicScore(t.slug, t.name, tree.path(t), Counts.of(c)));
            }
        }
        List<TopicScore> perRoot = roots.entrySet().stream()
                .map(e -> new TopicScore(e.getKey().slug, e.getKey().name, tree.path(e.getKey()),
                        Counts.of(e.getValue())))
                .sorted(Comparator.comparing(TopicScore::topic)).toList();
        if (perTopic) {
            Map<String, String> sortKey = new java.util.HashMap<>();
            perTopicScores.forEach(ts -> sortKey.put(ts.topic(), String.join(" › ", ts.path())));
            perTopicScores.sort(Comparator.comparing(ts -> sortKey.get(ts.topic())));
        }
        return new Scorecard(lab.slug(), lab.name(), Counts.of(total), perTopic ? perTopicScores : List.of(), perRoot);
    }

}
