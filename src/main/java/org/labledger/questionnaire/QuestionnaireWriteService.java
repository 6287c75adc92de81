package org.labledger.questionnaire;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.labledger.common.Writes;
import org.labledger.history.Curated;
import org.labledger.history.CuratedWrites;
import org.labledger.source.Citation;
import org.labledger.source.Source;
import org.labledger.source.SubjectType;

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

    static final Curated<Questionnaire> QUESTIONNAIRES = new Curated<>(ENTITY, "questionnaire", "slug", Questionnaire::findBySlug,
            q -> q.slug, q -> q.version, QuestionnaireWriteService::snapshot);
    private static final List<Curated.Reference> REFERENCES = List.of(
            new Curated.Reference("questions", "select count(x) from Question x where x.questionnaire = ?1"));

    @Inject
    CuratedWrites writes;

    public Questionnaire require(String slug) {
        return writes.require(QUESTIONNAIRES, slug);
    }

    @Transactional
    public <T> T create(QuestionnaireInput in, String field, Function<Questionnaire, T> view) {
        writes.validate(in, field);
        Questionnaire q = new Questionnaire();
        q.slug = in.slug();
        return view.apply(writes.create(QUESTIONNAIRES, q, x -> apply(x, in), in.reason(), null, null));
    }

    @Transactional
    public <T> T update(String slug, QuestionnaireInput in, String field, String ifMatch, Integer expectedVersion,
                        Function<Questionnaire, T> view) {
        writes.validate(in, field);
        Questionnaire q = require(slug);
        writes.checkVersion(QUESTIONNAIRES, q, ifMatch, expectedVersion, false);
        Writes.sameKey("slug", slug, in.slug());
        return view.apply(writes.update(QUESTIONNAIRES, q, x -> apply(x, in), in.reason(), null, null));
    }

    @Transactional
    public void delete(String slug, String ifMatch, Integer expectedVersion, String reason) {
        Questionnaire q = require(slug);
        writes.checkVersion(QUESTIONNAIRES, q, ifMatch, expectedVersion, true);
        writes.delete(QUESTIONNAIRES, q, REFERENCES,
                () -> Citation.delete("subjectType = ?1 and subjectId = ?2", SubjectType.QUESTIONNAIRE, q.id), reason, null);
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
        try {
            q.replyBy = in.replyBy() == null ? null : java.time.LocalDate.parse(in.replyBy());
        } catch (java.time.format.DateTimeParseException e) {
            throw Writes.unprocessable("replyBy", "'" + in.replyBy() + "' is not a date of the calendar");
        }
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
        if (q.replyBy != null) {
            m.put("replyBy", q.replyBy.toString()); // V13; absent from the revisions of questionnaires that set none
        }
        return m;
    }
}
