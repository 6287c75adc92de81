package org.labledger.answer;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.common.ApiException;
import org.labledger.question.Question;
import org.labledger.questionnaire.Questionnaire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Two questionnaires (e.g. FMTI editions) compared: per lab, how many of the questions they share it answered in
 * each. A comparison of answers, so it lives with them (the questionnaire and question rooms know nothing of answers);
 * served by {@link QuestionnaireComparisonResource} and {@link QuestionnaireComparisonGraphQL}.
 */
@ApplicationScoped
public class QuestionnaireComparison {

    @Inject
    EntityManager em;

    @Description("A question, by key and text")
    public record QuestionRef(@NonNull @Description("The question's key") String key, @NonNull @Description("The question's text") String text) {
    }

    /** One lab's answered counts over the questions both editions share. */
    @Description("One lab's answered counts over the questions both questionnaires share")
    public record LabDelta(@NonNull @Description("The lab's slug") String lab,
                           @Description("Whether questionnaire a was put to the lab") boolean inA,
                           @Description("Whether questionnaire b was put to the lab") boolean inB,
                           @Description("Shared questions the lab answered (ANSWERED) in a") long answeredA,
                           @Description("Shared questions the lab answered (ANSWERED) in b") long answeredB,
                           @Description("answeredB - answeredA") long delta) {
    }

    @Description("Two questionnaires compared over the questions they share (matched by normalised text)")
    public record Comparison(@NonNull @Description("The first questionnaire's slug") String a,
                             @NonNull @Description("The second questionnaire's slug") String b,
                             @Description("How many questions both share") int sharedQuestions,
                             @NonNull @Description("Each lab's counts, by slug") List<@NonNull LabDelta> labs,
                             @NonNull @Description("Questions only a asks") List<@NonNull QuestionRef> onlyInA,
                             @NonNull @Description("Questions only b asks") List<@NonNull QuestionRef> onlyInB) {
    }

    /** Lower case, anything but letters and digits as one space: how question texts are matched across editions. */
    public static String normaliseText(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
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
        if (qa.id.equals(qb.id)) {
            // a questionnaire against itself: every shared question would be counted on one side (as the agreement diff)
            throw new ApiException.Unprocessable("'" + a + "' and '" + b + "' are the same questionnaire: nothing to compare",
                    List.of(new org.labledger.common.Problem.Violation("b", "must be another questionnaire than a")));
        }
        Map<String, Question> byTextA = byText(qa);
        Map<String, Question> byTextB = byText(qb);
        Set<String> shared = new TreeSet<>(byTextA.keySet());
        shared.retainAll(byTextB.keySet());
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, boolean[]> present = new TreeMap<>();
        for (Object[] r : em.createQuery("select a.lab.slug, a.question.questionnaire.id, a.question.text, a.status from Answer a"
                + " where a.question.questionnaire.id in (?1, ?2)", Object[].class).setParameter(1, qa.id).setParameter(2, qb.id).getResultList()) {
            String lab = (String) r[0];
            boolean inA = r[1].equals(qa.id);
            present.computeIfAbsent(lab, k -> new boolean[2])[inA ? 0 : 1] = true;
            long[] c = counts.computeIfAbsent(lab, k -> new long[2]);
            if (shared.contains(normaliseText((String) r[2])) && r[3] == ResponseStatus.ANSWERED) {
                c[inA ? 0 : 1]++;
            }
        }
        List<LabDelta> labs = counts.entrySet().stream().map(e -> new LabDelta(e.getKey(), present.get(e.getKey())[0],
                present.get(e.getKey())[1], e.getValue()[0], e.getValue()[1], e.getValue()[1] - e.getValue()[0])).toList();
        return new Comparison(a, b, shared.size(), labs, only(byTextA, byTextB), only(byTextB, byTextA));
    }

    private static Map<String, Question> byText(Questionnaire q) {
        Map<String, Question> m = new LinkedHashMap<>();
        for (Question question : Question.<Question>list("questionnaire = ?1 order by ordinal", q)) {
            m.putIfAbsent(normaliseText(question.text), question);
        }
        return m;
    }

    private static List<QuestionRef> only(Map<String, Question> in, Map<String, Question> notIn) {
        return in.entrySet().stream().filter(e -> !notIn.containsKey(e.getKey()))
                .map(e -> new QuestionRef(e.getValue().key, e.getValue().text)).toList();
    }
}
