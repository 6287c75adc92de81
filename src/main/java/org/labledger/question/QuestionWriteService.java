package org.labledger.question;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import org.labledger.common.Writes;
import org.labledger.history.Curated;
import org.labledger.history.CuratedWrites;
import org.labledger.lab.Lab;
import org.labledger.questionnaire.Questionnaire;
import org.labledger.source.Citation;
import org.labledger.source.SubjectType;
import org.labledger.topic.Topic;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Curators' writes to questions (deletes: admins); a new question's labs get UNANSWERED answers with its evidence.
 * REST and GraphQL take the same path, each write in one transaction with its read-back: validate (fields named under
 * {@code field}: "" over REST, "input." over GraphQL) → check the version → apply → revision → the caller's
 * {@code view} of the written question.
 */
@ApplicationScoped
public class QuestionWriteService {

    public static final String ENTITY = "QUESTION";

    @Inject
    EntityManager em;
    @Inject
    CuratedWrites writes;
    @Inject
    QuestionAnswers answers;
    @Inject
    ObjectMapper mapper;
    @Inject
    Validator validator;

    static final Curated<Question> QUESTIONS = new Curated<>(ENTITY, "question", "key", Question::findByKey, q -> q.key, q -> q.version,
            QuestionWriteService::snapshot);
    private static final List<Curated.Reference> REFERENCES = List.of(
            new Curated.Reference("answers", "select count(a) from Answer a where a.question = ?1"),
            new Curated.Reference("sub-questions", "select count(c) from Question c where c.parent = ?1"));

    public Question require(String key) {
        return writes.require(QUESTIONS, key);
    }

    @Transactional
    public <T> T create(QuestionInput in, String field, Function<Question, T> view) {
        writes.validate(in, field);
        List<String> labs = in.addressedTo() == null ? List.of() : in.addressedTo();
        Question q = new Question();
        q.key = in.key();
        writes.create(QUESTIONS, q, x -> {
            checkAddressedTo(labs, in);
            apply(x, in);
        }, in.reason(), in.sourceUrl(), in.sourceKey());
        answers.putTo(q, labs, in);
        return view.apply(q);
    }

    /** The labs a new question is put to: known, each once, and with evidence (a source or at least a reason). */
    private static void checkAddressedTo(List<String> labs, QuestionInput in) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labs.size(); i++) {
            if (Lab.findBySlug(labs.get(i)) == null) {
                throw Writes.unknown("addressedTo[" + i + "]", "lab", labs.get(i));
            }
            if (!seen.add(labs.get(i))) {
                throw Writes.unprocessable("addressedTo[" + i + "]", "'" + labs.get(i) + "' is given twice");
            }
        }
        boolean evidence = Writes.text(in.reason()) != null || Writes.text(in.sourceUrl()) != null || Writes.text(in.sourceKey()) != null;
        if (!labs.isEmpty() && !evidence) {
            throw Writes.unprocessable("sourceUrl", "putting the question to labs (addressedTo) needs evidence: a sourceUrl, the sourceKey of a known source, or at least a reason");
        }
    }

    @Transactional
    public <T> T update(String key, QuestionInput in, String field, String ifMatch, Integer expectedVersion, Function<Question, T> view) {
        writes.validate(in, field);
        Question q = require(key);
        writes.checkVersion(QUESTIONS, q, ifMatch, expectedVersion, false);
        return view.apply(replace(q, in));
    }

    @Transactional
    public <T> T patch(String key, JsonNode patch, String ifMatch, Function<Question, T> view) {
        Question q = require(key);
        writes.checkVersion(QUESTIONS, q, ifMatch, null, false);
        QuestionInput current = new QuestionInput(q.key, q.questionnaire.slug, q.topic.slug, q.parent == null ? null : q.parent.key,
                q.ordinal, q.text, q.notes, null, null, null, null, null, null);
        return view.apply(replace(q, Writes.merge(mapper, validator, current, patch, QuestionInput.class)));
    }

    private Question replace(Question q, QuestionInput in) {
        Writes.sameKey("key", q.key, in.key());
        if (in.addressedTo() != null) {
            throw Writes.unprocessable("addressedTo", "only on create; record further labs' answers with POST /api/questions/{key}/answers");
        }
        return writes.update(QUESTIONS, q, x -> apply(x, in), in.reason(), in.sourceUrl(), in.sourceKey());
    }

    @Transactional
    public void delete(String key, String ifMatch, Integer expectedVersion, String reason) {
        Question q = require(key);
        writes.checkVersion(QUESTIONS, q, ifMatch, expectedVersion, true);
        writes.delete(QUESTIONS, q, REFERENCES,
                () -> Citation.delete("subjectType = ?1 and subjectId = ?2", SubjectType.QUESTION, q.id), reason, null);
    }

    private void apply(Question q, QuestionInput in) {
        Questionnaire questionnaire = Questionnaire.findBySlug(in.questionnaire());
        if (questionnaire == null) {
            throw Writes.unknown("questionnaire", "questionnaire", in.questionnaire());
        }
        Topic topic = Topic.findBySlug(in.topic());
        if (topic == null) {
            throw Writes.unknown("topic", "topic", in.topic());
        }
        Question parent = null;
        if (in.parent() != null) {
            parent = Question.findByKey(in.parent());
            if (parent == null) {
                throw Writes.unknown("parent", "question", in.parent());
            }
            if (!parent.questionnaire.id.equals(questionnaire.id)) {
                throw Writes.unprocessable("parent", "'" + in.parent() + "' belongs to another questionnaire");
            }
            for (Question p = parent; p != null; p = p.parent) {
                if (p == q) {
                    throw Writes.unprocessable("parent", "'" + in.parent() + "' would make the question its own ancestor");
                }
            }
        }
        int ordinal;
        if (in.ordinal() != null) {
            ordinal = in.ordinal();
            List<String> taken = em.createQuery("select x.key from Question x where x.questionnaire = ?1 and x.ordinal = ?2 and x.key <> ?3", String.class)
                    .setParameter(1, questionnaire).setParameter(2, ordinal).setParameter(3, q.key).getResultList();
            if (!taken.isEmpty()) {
                throw Writes.unprocessable("ordinal", "ordinal " + ordinal + " of '" + questionnaire.slug + "' is taken by '" + taken.get(0) + "'");
            }
        } else if (q.id != null && q.questionnaire.id.equals(questionnaire.id)) {
            ordinal = q.ordinal;
        } else {
            lockOrdinals(questionnaire);
            Integer max = em.createQuery("select max(x.ordinal) from Question x where x.questionnaire = ?1", Integer.class)
                    .setParameter(1, questionnaire).getSingleResult();
            ordinal = max == null ? 1 : max + 1;
        }
        q.questionnaire = questionnaire;
        q.topic = topic;
        q.parent = parent;
        q.ordinal = ordinal;
        q.text = in.text().trim();
        q.notes = Writes.text(in.notes());
    }

    /** Advisory lock namespace (first key of the two-int form) for "next ordinal of a questionnaire". */
    static final int ORDINAL_LOCK = 0x4C4C_514F; // "LLQO"

    /**
     * Serialises "next free ordinal" per questionnaire until this transaction ends: two curators creating
     * questions at the same time would otherwise both read the same max(ordinal) and the second commit
     * would fail on unique (questionnaire_id, ordinal) (a deferred constraint: checked only at commit). The
     * max is read after the lock is granted, so it sees the question the previous holder committed. A
     * transaction-level advisory lock, not a row lock on the questionnaire: it does not block the key-share
     * locks other inserts take on the questionnaire row, nor edits of the questionnaire.
     */
    private void lockOrdinals(Questionnaire questionnaire) {
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1, ?2)) as l")
                .setParameter(1, ORDINAL_LOCK)
                .setParameter(2, Math.toIntExact(questionnaire.id))
                .getSingleResult();
    }

    public static Map<String, Object> snapshot(Question q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", q.key);
        m.put("questionnaire", q.questionnaire.slug);
        m.put("topic", q.topic.slug);
        m.put("parent", q.parent == null ? null : q.parent.key);
        m.put("ordinal", q.ordinal);
        m.put("text", q.text);
        m.put("notes", q.notes);
        return m;
    }
}
