package org.labledger.questionnaire;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import org.labledger.common.ApiException;
import org.labledger.common.Writes;
import org.labledger.history.RevisionService;
import org.labledger.source.Citation;
import org.labledger.source.Source;
import org.labledger.source.SubjectType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Admins' writes to questionnaires, REST and GraphQL alike, each in one transaction with its read-back: validate
 * (fields named under {@code field}: "" over REST, "input." over GraphQL) → check the version → apply → revision →
 * the caller's {@code view} of the written questionnaire.
 */
@ApplicationScoped
public class QuestionnaireWriteService {

    public static final String ENTITY = "QUESTIONNAIRE";

    @Inject
    EntityManager em;
    @Inject
    RevisionService revisions;
    @Inject
    Validator validator;

    public Questionnaire require(String slug) {
        Questionnaire q = Questionnaire.findBySlug(slug);
        if (q == null) {
            throw ApiException.notFound("questionnaire", slug);
        }
        return q;
    }

    @Transactional
    public <T> T create(QuestionnaireInput in, String field, Function<Questionnaire, T> view) {
        Writes.validate(validator, in, field);
        if (in.slug() == null) {
            throw Writes.required("slug");
        }
        if (Questionnaire.findBySlug(in.slug()) != null) {
            throw Writes.exists("questionnaire", in.slug());
        }
        Questionnaire q = new Questionnaire();
        q.slug = in.slug();
        apply(q, in);
        q.persist();
        em.flush();
        revisions.record(ENTITY, q.slug, q.id, "CREATE", null, snapshot(q), in.reason(), null, null);
        return view.apply(q);
    }

    @Transactional
    public <T> T update(String slug, QuestionnaireInput in, String field, String ifMatch, Integer expectedVersion,
                        Function<Questionnaire, T> view) {
        Writes.validate(validator, in, field);
        Questionnaire q = require(slug);
        Writes.version(ifMatch, expectedVersion, q.version, "questionnaire " + slug, false);
        Writes.sameKey("slug", slug, in.slug());
        Map<String, Object> before = snapshot(q);
        apply(q, in);
        em.flush();
        Map<String, Object> after = snapshot(q);
        revisions.recordUpdate(ENTITY, q.slug, q.id, before, after, in.reason(), null, null);
        return view.apply(q);
    }

    @Transactional
    public void delete(String slug, String ifMatch, Integer expectedVersion, String reason) {
        Questionnaire q = require(slug);
        Writes.version(ifMatch, expectedVersion, q.version, "questionnaire " + slug, true);
        List<String> refs = new ArrayList<>();
        Writes.count(refs, em.createQuery("select count(x) from Question x where x.questionnaire = ?1", Long.class).setParameter(1, q).getSingleResult(), "questions");
        if (!refs.isEmpty()) {
            throw Writes.referenced("questionnaire '" + slug + "'", refs);
        }
        Map<String, Object> before = snapshot(q);
        Citation.delete("subjectType = ?1 and subjectId = ?2", SubjectType.QUESTIONNAIRE, q.id);
        q.delete();
        revisions.record(ENTITY, q.slug, q.id, "DELETE", before, null, reason, null, null);
    }

    private void apply(Questionnaire q, QuestionnaireInput in) {
        Source source = null;
        if (in.source() != null) {
            source = Source.findByKey(in.source());
            if (source == null) {
                throw Writes.unknown("source", "source", in.source());
            }
        }
        q.title = in.title().trim();
        q.publisher = Writes.text(in.publisher());
        q.author = Writes.text(in.author());
        q.publishedOn = Writes.text(in.publishedOn());
        q.source = source;
        q.description = Writes.text(in.description());
    }

    public static Map<String, Object> snapshot(Questionnaire q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", q.slug);
        m.put("title", q.title);
        m.put("publisher", q.publisher);
        m.put("author", q.author);
        m.put("publishedOn", q.publishedOn);
        m.put("source", q.source == null ? null : q.source.key);
        m.put("description", q.description);
        return m;
    }
}
