package org.labledger.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.labledger.answer.Answer;
import org.labledger.answer.ScorecardService;
import org.labledger.history.RevisionService;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.SubjectType;
import org.labledger.topic.Topic;
import org.labledger.topic.TopicService;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The site's view models, read through the other rooms' services (nothing is written): the scorecard matrix, a
 * lab's answers with their evidence, changes as fields before and after.
 */
@ApplicationScoped
public class SiteData {

    /** Answers shown per page on a lab's page (every request bounded). */
    static final int LAB_ANSWERS_PAGE = 100;

    @Inject
    ScorecardService scorecards;
    @Inject
    TopicService topics;
    @Inject
    CitationService citations;
    @Inject
    ObjectMapper mapper;

    /** The lab × root topic matrix of the scorecards (all labs), optionally for one questionnaire, as they stood at {@code asOf}. */
    SiteViews.Matrix matrix(String questionnaire, String questionnaireTitle, String asOfParam) {
        OffsetDateTime asOf = RevisionService.timestamp("asOf", asOfParam);
        // root topics only: the per-topic breakdown is not read, so the counts come rolled up (V16)
        List<ScorecardService.Scorecard> cards = scorecards.scorecards(null, null, questionnaire, asOf, false);
        TopicService.Tree tree = topics.tree();
        // the columns: the root topics with any question in scope, in tree order (roots by name), as matrix.js builds them
        Set<String> used = new LinkedHashSet<>();
        cards.forEach(c -> c.rootTopics().forEach(t -> used.add(t.topic())));
        List<SiteViews.Column> columns = new ArrayList<>();
        for (Topic t : tree.all()) {
            if (t.parent == null && used.contains(t.slug)) {
                columns.add(new SiteViews.Column(t.slug, t.name));
            }
        }
        List<SiteViews.Row> rows = new ArrayList<>();
        for (ScorecardService.Scorecard card : cards) {
            Map<String, ScorecardService.Counts> byRoot = new LinkedHashMap<>();
            card.rootTopics().forEach(t -> byRoot.put(t.topic(), t.counts()));
            String labHref = "/labs/" + enc(card.lab());
            List<SiteViews.Cell> cells = new ArrayList<>();
            for (SiteViews.Column col : columns) {
                cells.add(cell(col.slug(), card.name() + ", " + col.name(), byRoot.get(col.slug()),
                        questionsHref(card.lab(), col.slug(), questionnaire)));
            }
            rows.add(new SiteViews.Row(card.lab(), card.name(), labHref,
                    cell("", card.name() + ", all topics", card.counts(), questionsHref(card.lab(), null, questionnaire)), cells));
        }
        return new SiteViews.Matrix(questionnaire == null ? "" : questionnaire, questionnaireTitle,
                asOf == null ? "" : asOfParam.trim(), columns, rows);
    }

    static String questionsHref(String lab, String topic, String questionnaire) {
        StringBuilder q = new StringBuilder("/questions?lab=").append(enc(lab));
        if (topic != null) {
            q.append("&topic=").append(enc(topic));
        }
        if (questionnaire != null) {
            q.append("&questionnaire=").append(enc(questionnaire));
        }
        return q.toString();
    }

    /** A cell: counts, colour band (0-4 by response rate; "none" when nothing known was asked) and the cell in words. */
    static SiteViews.Cell cell(String topic, String what, ScorecardService.Counts c, String href) {
        if (c == null) {
            return new SiteViews.Cell(topic, 0, 0, 0, 0, 0, "", "none", what + ": no question asked", href);
        }
        BigDecimal rate = c.responseRate();
        // none of the lab's questions reached it ("I failed to reach Microsoft"): not a 0 % it could be blamed for
        boolean undelivered = c.total() > 0 && c.notDelivered() == c.total();
        String band = undelivered ? "nd" : rate == null ? "none" : String.valueOf(band(rate.doubleValue()));
        String pct = undelivered || rate == null ? "" : percent(rate);
        StringBuilder label = new StringBuilder(what).append(": ");
        if (c.total() == 0) {
            label.append("no question known to have reached the lab");
        } else {
            label.append(c.answered()).append(" answered, ").append(c.partial()).append(" partial, ")
                    .append(c.unanswered()).append(" unanswered of ").append(c.total());
            if (undelivered) {
                label.append(", none of which reached the lab (not delivered)");
            } else {
                label.append(" (response rate ").append(pct).append(")");
                if (c.notDelivered() > 0) {
                    label.append(", ").append(c.notDelivered()).append(" of them never reached the lab (not delivered)");
                }
            }
        }
        if (c.unknownDelivery() > 0) {
            label.append("; ").append(c.unknownDelivery()).append(" more whose delivery to the lab is not known");
        }
        return new SiteViews.Cell(topic, c.total(), c.answered(), c.partial(), c.unanswered(), c.unknownDelivery(), pct, band,
                label.toString(), href);
    }

    /** Five bands of response rate: 0, up to 25 %, up to 50 %, up to 75 %, above. */
    static int band(double rate) {
        return rate <= 0 ? 0 : rate <= 0.25 ? 1 : rate <= 0.5 ? 2 : rate <= 0.75 ? 3 : 4;
    }

    static String percent(BigDecimal rate) {
        return rate.multiply(BigDecimal.valueOf(100)).setScale(0, java.math.RoundingMode.HALF_UP).toPlainString() + " %";
    }

    /** One page of the lab's answers, by questionnaire and question order, with their evidence; and the total. */
    Map.Entry<List<SiteViews.LabAnswer>, Long> labAnswers(long labId, int page) {
        long total = Answer.count("lab.id", labId);
        List<Answer> answers = Answer.<Answer>find("select a from Answer a join fetch a.question q join fetch q.questionnaire qn join fetch q.topic"
                        + " where a.lab.id = ?1 order by qn.slug, q.ordinal, q.key", labId)
                .page(page, LAB_ANSWERS_PAGE).list();
        Map<Long, List<CitationView>> cites = citations.forSubjects(SubjectType.ANSWER, answers.stream().map(a -> a.id).toList());
        List<SiteViews.LabAnswer> out = new ArrayList<>();
        for (Answer a : answers) {
            out.add(new SiteViews.LabAnswer(a.question.key, a.question.text, "/questions/" + enc(a.question.key),
                    a.question.questionnaire.title, a.question.topic.name, a.status.name(),
                    a.delivered == null ? "not known" : a.delivered ? "yes" : "no", a.summary, a.respondent,
                    a.respondentCapacity, a.kind.name(), a.capacity.name(), a.answeredOn, cites.getOrDefault(a.id, List.of())));
        }
        return Map.entry(out, total);
    }

    /** A revision as the change feed shows it: the fields that differ, before and after, as text. */
    SiteViews.Change change(RevisionService.RevisionView r) {
        Map<String, Object> before = r.before() == null ? Map.of() : r.before();
        Map<String, Object> after = r.after() == null ? Map.of() : r.after();
        Set<String> fields = new TreeSet<>(before.keySet());
        fields.addAll(after.keySet());
        List<SiteViews.FieldChange> changed = new ArrayList<>();
        for (String f : fields) {
            Object b = before.get(f);
            Object a = after.get(f);
            if (!Objects.equals(b, a)) {
                changed.add(new SiteViews.FieldChange(f, text(b), text(a)));
            }
        }
        // a deleted record has no page to link to any more
        return new SiteViews.Change(r.id(), r.entity(), r.key(), "DELETE".equals(r.action()) ? null : href(r.entity(), r.key()), r.action(), r.actor(),
                r.at() == null ? "" : r.at().withOffsetSameInstant(ZoneOffset.UTC).toString(), r.reason(), r.sourceUrl(), r.sourceKey(), changed);
    }

    /**
     * The changes of a page with links only to records that still exist: a change of a record deleted since (an
     * UPDATE before its DELETE) keeps its text, without a link to a page that is gone. One query per linked type.
     */
    List<SiteViews.Change> linkingLiveRecords(List<SiteViews.Change> items) {
        Map<String, java.util.Set<String>> keys = new java.util.HashMap<>();
        for (SiteViews.Change c : items) {
            if (c.href() != null) {
                keys.computeIfAbsent(c.entity(), k -> new java.util.HashSet<>()).add(c.key());
            }
        }
        Map<String, java.util.Set<String>> live = new java.util.HashMap<>();
        keys.forEach((entity, ks) -> live.put(entity, switch (entity) {
            case "LAB" -> org.labledger.lab.Lab.<org.labledger.lab.Lab>list("slug in ?1", ks).stream().map(l -> l.slug).collect(java.util.stream.Collectors.toSet());
            case "QUESTION" -> org.labledger.question.Question.<org.labledger.question.Question>list("key in ?1", ks).stream().map(q -> q.key).collect(java.util.stream.Collectors.toSet());
            case "AGREEMENT" -> org.labledger.agreement.Agreement.<org.labledger.agreement.Agreement>list("slug in ?1", ks).stream().map(a -> a.slug).collect(java.util.stream.Collectors.toSet());
            default -> ks;
        }));
        return items.stream().map(c -> c.href() == null || live.getOrDefault(c.entity(), java.util.Set.of()).contains(c.key()) ? c
                : new SiteViews.Change(c.id(), c.entity(), c.key(), null, c.action(), c.actor(), c.at(), c.reason(), c.sourceUrl(),
                        c.sourceKey(), c.fields())).toList();
    }

    /** The site page of a changed record, when it has one. */
    static String href(String entity, String key) {
        if (key == null) {
            return null;
        }
        return switch (entity) {
            case "LAB" -> "/labs/" + enc(key);
            case "QUESTION" -> "/questions/" + enc(key);
            case "AGREEMENT" -> "/agreements/" + enc(key);
            default -> null;
        };
    }

    private String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        try {
            return mapper.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            return String.valueOf(v);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
