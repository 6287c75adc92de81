package org.labledger.questionnaire;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.common.ApiException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class QuestionnaireService {

    @Inject
    EntityManager em;

    public record QuestionnaireView(String slug, String title, String publisher, String author, String publishedOn,
                                    String source, String description, long questionCount, List<String> labs) {
    }

    public List<QuestionnaireView> list() {
        List<Questionnaire> all = Questionnaire.list("select q from Questionnaire q left join fetch q.source order by q.slug");
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] r : em.createQuery("select q.questionnaire.id, count(q) from Question q group by q.questionnaire.id", Object[].class).getResultList()) {
            counts.put((Long) r[0], (Long) r[1]);
        }
        Map<Long, List<String>> labs = new HashMap<>();
        for (Object[] r : em.createQuery("select distinct q.questionnaire.id, a.lab.slug from Answer a join a.question q order by 2", Object[].class).getResultList()) {
            labs.computeIfAbsent((Long) r[0], k -> new java.util.ArrayList<>()).add((String) r[1]);
        }
        return all.stream().map(q -> view(q, counts.getOrDefault(q.id, 0L), labs.getOrDefault(q.id, List.of()))).toList();
    }

    public QuestionnaireView get(String slug) {
        return list().stream().filter(q -> q.slug().equals(slug)).findFirst()
                .orElseThrow(() -> ApiException.notFound("questionnaire", slug));
    }

    public record QuestionRef(String key, String text) {
    }

    /** One lab's answered counts over the questions both editions share. */
    public record LabDelta(String lab, boolean inA, boolean inB, long answeredA, long answeredB, long delta) {
    }

    public record Comparison(String a, String b, int sharedQuestions, List<LabDelta> labs, List<QuestionRef> onlyInA,
                             List<QuestionRef> onlyInB) {
    }

    /** Lower case, anything but letters and digits as one space: how question texts are matched across editions. */
    public static String normaliseText(String text) {
        return text == null ? "" : text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    /**
     * Compares two questionnaires (e.g. two FMTI editions) over the questions they share, matched by normalised
     * text: per lab, how many shared questions it answered in each and the change; and the questions only in one.
     */
    public Comparison compare(String a, String b) {
        Questionnaire qa = Questionnaire.findBySlug(a);
        if (qa == null) {
            throw ApiException.notFound("questionnaire", a);
        }
        Questionnaire qb = Questionnaire.findBySlug(b);
        if (qb == null) {
            throw ApiException.notFound("questionnaire", b);
        }
        Map<String, org.labledger.question.Question> byTextA = byText(qa);
        Map<String, org.labledger.question.Question> byTextB = byText(qb);
        java.util.Set<String> shared = new java.util.TreeSet<>(byTextA.keySet());
        shared.retainAll(byTextB.keySet());
        Map<String, long[]> counts = new java.util.TreeMap<>();
        Map<String, boolean[]> present = new java.util.TreeMap<>();
        for (Object[] r : em.createQuery("select a.lab.slug, a.question.questionnaire.id, a.question.text, a.status from Answer a"
                + " where a.question.questionnaire.id in (?1, ?2)", Object[].class).setParameter(1, qa.id).setParameter(2, qb.id).getResultList()) {
            String lab = (String) r[0];
            boolean inA = r[1].equals(qa.id);
            present.computeIfAbsent(lab, k -> new boolean[2])[inA ? 0 : 1] = true;
            long[] c = counts.computeIfAbsent(lab, k -> new long[2]);
            if (shared.contains(normaliseText((String) r[2])) && r[3] == org.labledger.answer.ResponseStatus.ANSWERED) {
                c[inA ? 0 : 1]++;
            }
        }
        List<LabDelta> labs = counts.entrySet().stream().map(e -> new LabDelta(e.getKey(), present.get(e.getKey())[0],
                present.get(e.getKey())[1], e.getValue()[0], e.getValue()[1], e.getValue()[1] - e.getValue()[0])).toList();
        return new Comparison(a, b, shared.size(), labs, only(byTextA, byTextB), only(byTextB, byTextA));
    }

    private static Map<String, org.labledger.question.Question> byText(Questionnaire q) {
        Map<String, org.labledger.question.Question> m = new java.util.LinkedHashMap<>();
        for (org.labledger.question.Question question : org.labledger.question.Question.<org.labledger.question.Question>list("questionnaire = ?1 order by ordinal", q)) {
            m.putIfAbsent(normaliseText(question.text), question);
        }
        return m;
    }

    private static List<QuestionRef> only(Map<String, org.labledger.question.Question> in, Map<String, org.labledger.question.Question> notIn) {
        return in.entrySet().stream().filter(e -> !notIn.containsKey(e.getKey()))
                .map(e -> new QuestionRef(e.getValue().key, e.getValue().text)).toList();
    }

    private static QuestionnaireView view(Questionnaire q, long count, List<String> labs) {
        return new QuestionnaireView(q.slug, q.title, q.publisher, q.author, q.publishedOn,
                q.source == null ? null : q.source.key, q.description, count, labs);
    }
}
