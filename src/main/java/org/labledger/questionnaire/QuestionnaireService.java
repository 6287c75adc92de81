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
                                    String source, String description, QuestionnaireKind kind, long questionCount,
                                    List<String> labs, java.time.LocalDate replyBy) {
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

    private static QuestionnaireView view(Questionnaire q, long count, List<String> labs) {
        return new QuestionnaireView(q.slug, q.title, q.publisher, q.author, q.publishedOn,
                q.source == null ? null : q.source.key, q.description, q.kind, count, labs, q.replyBy);
    }
}
