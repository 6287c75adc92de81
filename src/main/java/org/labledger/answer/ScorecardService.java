package org.labledger.answer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.common.ApiException;
import org.labledger.common.Batch;
import org.labledger.lab.Lab;
import org.labledger.questionnaire.Questionnaire;
import org.labledger.topic.Topic;
import org.labledger.topic.TopicService;

import org.eclipse.microprofile.graphql.Name;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scorecards: how many of the questions put to a lab it left unanswered, answered in part or in full,
 * overall and per topic. Computed by one aggregate query (lab × topic × status), whatever the data size.
 */
@ApplicationScoped
public class ScorecardService {

    @Inject
    EntityManager em;
    @Inject
    TopicService topics;

    /** Counts by status; {@code responseRate} = (PARTIAL + ANSWERED) / total, null when nothing was asked. */
    @Name("StatusCounts")
    public record Counts(long total, long unanswered, long partial, long answered, long notDelivered,
                         BigDecimal responseRate, BigDecimal answeredRate) {

        static Counts of(long unanswered, long partial, long answered, long notDelivered) {
            long total = unanswered + partial + answered;
            return new Counts(total, unanswered, partial, answered, notDelivered,
                    rate(partial + answered, total), rate(answered, total));
        }

        private static BigDecimal rate(long n, long total) {
            return total == 0 ? null : BigDecimal.valueOf(n).divide(BigDecimal.valueOf(total), 4, RoundingMode.HALF_UP);
        }
    }

    public record TopicScore(String topic, String name, List<String> path, Counts counts) {
    }

    public record Scorecard(String lab, String name, Counts counts, List<TopicScore> topics, List<TopicScore> rootTopics) {
    }

    /**
     * Scorecards for the given labs (all labs, by slug, when {@code labIds} is null), in the order given,
     * optionally limited to one topic subtree and one questionnaire (slugs; unknown ones are a client mistake).
     * Labs with no question in scope get an empty scorecard. Three SQL statements, whatever the number of labs.
     */
    public List<Scorecard> scorecards(List<Long> labIds, String topicSlug, String questionnaireSlug) {
        TopicService.Tree tree = topics.tree();
        Topic topic = topicSlug == null ? null : topics.require(tree, "topic", topicSlug);
        Long questionnaireId = null;
        if (questionnaireSlug != null) {
            Questionnaire q = Questionnaire.findBySlug(questionnaireSlug);
            if (q == null) {
                throw ApiException.badParameter("questionnaire", "unknown questionnaire '" + questionnaireSlug + "'");
            }
            questionnaireId = q.id;
        }
        List<Lab> labs = null;
        if (labIds != null) {
            Map<Long, Lab> byId = Batch.index(Lab.<Lab>list("id in ?1", labIds), l -> l.id);
            labs = labIds.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        }
        StringBuilder sql = new StringBuilder("""
                select a.lab_id, q.topic_id, a.status, count(*), count(*) filter (where not a.delivered)
                  from answer a join question q on q.id = a.question_id
                 where 1 = 1""");
        Map<String, Object> params = new LinkedHashMap<>();
        if (labs != null) {
            sql.append(" and a.lab_id in (:labs)");
            params.put("labs", labs.stream().map(l -> l.id).toList());
        }
        if (topic != null) {
            sql.append(" and q.topic_id in (:topics)");
            params.put("topics", tree.subtree(topic));
        }
        if (questionnaireId != null) {
            sql.append(" and q.questionnaire_id = :questionnaire");
            params.put("questionnaire", questionnaireId);
        }
        sql.append(" group by a.lab_id, q.topic_id, a.status");
        var query = em.createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();

        // lab id -> topic id -> [unanswered, partial, answered, notDelivered]
        Map<Long, Map<Long, long[]>> tally = new LinkedHashMap<>();
        for (Object[] r : rows) {
            long lab = ((Number) r[0]).longValue();
            long t = ((Number) r[1]).longValue();
            long[] c = tally.computeIfAbsent(lab, k -> new LinkedHashMap<>()).computeIfAbsent(t, k -> new long[4]);
            c[ResponseStatus.valueOf((String) r[2]).ordinal()] += ((Number) r[3]).longValue();
            c[3] += ((Number) r[4]).longValue();
        }
        List<Lab> scope = labs != null ? labs : Lab.list("order by slug");
        List<Scorecard> out = new ArrayList<>();
        for (Lab lab : scope) {
            out.add(card(lab, tally.getOrDefault(lab.id, Map.of()), tree));
        }
        return out;
    }

    private Scorecard card(Lab lab, Map<Long, long[]> byTopic, TopicService.Tree tree) {
        long[] total = new long[4];
        Map<Topic, long[]> roots = new LinkedHashMap<>();
        List<TopicScore> perTopic = new ArrayList<>();
        for (var e : byTopic.entrySet()) {
            Topic t = tree.get(e.getKey());
            long[] c = e.getValue();
            long[] root = roots.computeIfAbsent(tree.root(t), k -> new long[4]);
            for (int i = 0; i < 4; i++) {
                total[i] += c[i];
                root[i] += c[i];
            }
            perTopic.add(new TopicScore(t.slug, t.name, tree.path(t), Counts.of(c[0], c[1], c[2], c[3])));
        }
        List<TopicScore> perRoot = roots.entrySet().stream()
                .map(e -> new TopicScore(e.getKey().slug, e.getKey().name, tree.path(e.getKey()),
                        Counts.of(e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3])))
                .sorted(Comparator.comparing(TopicScore::topic)).toList();
        perTopic.sort(Comparator.comparing(ts -> String.join(" › ", ts.path())));
        return new Scorecard(lab.slug, lab.name, Counts.of(total[0], total[1], total[2], total[3]), perTopic, perRoot);
    }

}
