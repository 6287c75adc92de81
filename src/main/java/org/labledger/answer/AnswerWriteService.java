package org.labledger.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import org.labledger.common.ApiException;
import org.labledger.common.Preconditions;
import org.labledger.common.Problem;
import org.labledger.common.Writes;
import org.labledger.history.RevisionService;
import org.labledger.lab.Lab;
import org.labledger.question.Question;
import org.labledger.source.Citation;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.Source;
import org.labledger.source.SourceWriteService;
import org.labledger.source.SubjectType;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Curators' writes to answers: every change validated, evidenced, version-checked and recorded as a revision. */
@ApplicationScoped
public class AnswerWriteService {

    public static final String ENTITY = "ANSWER";

    @Inject
    EntityManager em;
    @Inject
    RevisionService revisions;
    @Inject
    CitationService citations;
    @Inject
    SourceWriteService sources;
    @Inject
    Validator validator;
    @Inject
    ObjectMapper mapper;
    @Inject
    org.labledger.source.SupportingClaims supports;

    public record AnswerDetail(long id, String question, String questionnaire, String lab, ResponseStatus status, Boolean delivered,
                               String summary, String respondent, String respondentCapacity, AnswerKind kind,
                               RespondentCapacity capacity, Boolean afterPublication, String answeredOn,
                               String justification, String references, int version, OffsetDateTime updatedAt,
                               List<CitationView> citations, List<org.labledger.source.SupportingClaim> claims,
                               @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "the lab's own submission this answer was accepted from (kind LAB_REPLY): GET it for the verbatim text and its signed receipt; null for other answers", example = "/api/reply/submissions/1")
                               String labReply) {
    }

    /** One item of a batch: the answer (by id, or by question key and lab slug), the version it was read at, the new state. */
    public record BatchItem(Long id, String question, String lab, Integer version, AnswerChange set) {
    }

    public record BatchResult(int applied, List<AnswerDetail> answers) {
    }

    public Answer require(long id) {
        Answer a = Answer.find("select a from Answer a join fetch a.lab join fetch a.question q join fetch q.questionnaire where a.id = ?1", id).firstResult();
        if (a == null) {
            throw ApiException.notFound("answer", String.valueOf(id));
        }
        return a;
    }

    public AnswerDetail detail(long id) {
        return detail(require(id));
    }

    /** The REST view of an answer, read back after a write. */
    public AnswerDetail detail(Answer a) {
        return new AnswerDetail(a.id, a.question.key, a.question.questionnaire.slug, a.lab.slug, a.status, a.delivered, a.summary,
                a.respondent, a.respondentCapacity, a.kind, a.capacity, a.afterPublication, a.answeredOn, a.justification,
                a.references, a.version, a.updatedAt, citations.forSubject(SubjectType.ANSWER, a.id),
                supports.forRecords(SubjectType.ANSWER, List.of(a.id)).getOrDefault(a.id, List.of()),
                a.replySubmissionId == null ? null : "/api/reply/submissions/" + a.replySubmissionId);
    }

    /*
     * Every write of an answer takes one path here, in one transaction with its read-back: validate the change
     * (fields named under {@code field}, e.g. "change." over GraphQL, "" over REST) → check the version (If-Match over
     * REST, the version read over GraphQL and in batches: Writes.version) → apply → revision → read back once, by the
     * caller's {@code view} (the REST detail, the GraphQL node). Resources and resolvers only translate.
     */

    /** Replaces the answer's state. */
    @Transactional
    public <T> T update(long id, AnswerChange change, String field, String ifMatch, Integer version, Function<Answer, T> view) {
        Writes.validate(validator, change, field);
        return write(require(id), change, ifMatch, version, view);
    }

    /** RFC 7396 merge patch onto the answer's current state, then the same checks as a full update. */
    @Transactional
    public <T> T patch(long id, JsonNode patch, String ifMatch, Function<Answer, T> view) {
        Answer a = require(id);
        AnswerChange current = new AnswerChange(a.status, a.delivered, a.summary, a.respondent, a.respondentCapacity,
                a.answeredOn, a.justification, a.references, null, null, null, null, null, a.kind, a.capacity, a.afterPublication);
        return write(a, Writes.merge(mapper, validator, current, patch, AnswerChange.class), ifMatch, null, view);
    }

    private <T> T write(Answer a, AnswerChange change, String ifMatch, Integer version, Function<Answer, T> view) {
        Writes.version(ifMatch, version, a.version, "answer " + a.id, false);
        apply(a, change, "UPDATE");
        return view.apply(a);
    }

    /** Records the answer of a lab the question was not yet put to. */
    @Transactional
    public <T> T create(String questionKey, String labSlug, AnswerChange change, String field, Function<Answer, T> view) {
        Writes.validate(validator, change, field);
        return view.apply(create(questionKey, labSlug, change));
    }

    /** Adds an answer for a lab the question was not yet put to; the change is valid (checked by the caller's input). */
    @Transactional
    Answer create(String questionKey, String labSlug, AnswerChange change) {
        Question q = Question.findByKey(questionKey);
        if (q == null) {
            throw ApiException.notFound("question", questionKey);
        }
        if (labSlug == null || labSlug.isBlank()) {
            throw ApiException.badParameter("lab", "is required");
        }
        Lab lab = Lab.findBySlug(labSlug);
        if (lab == null) {
            throw new ApiException.Unprocessable("unknown lab '" + labSlug + "'", List.of(new Problem.Violation("lab", "unknown lab '" + labSlug + "'")));
        }
        if (Answer.count("question = ?1 and lab = ?2", q, lab) > 0) {
            throw Preconditions.conflict(409, "question '" + questionKey + "' already has an answer for '" + labSlug + "'; update that one");
        }
        Answer a = new Answer();
        a.question = q;
        a.lab = lab;
        a.status = change.status();
        if (!change.hasEvidence()) {
            throw noEvidence("recording an answer");
        }
        a.persist();
        apply(a, change, "CREATE");
        return a;
    }

    @Transactional
    public void delete(long id, String ifMatch, String reason) {
        Answer a = require(id);
        Writes.version(ifMatch, null, a.version, "answer " + a.id, false);
        Map<String, Object> before = snapshot(a);
        Citation.delete("subjectType = ?1 and subjectId = ?2", SubjectType.ANSWER, a.id);
        a.delete();
        revisions.record(ENTITY, key(a), a.id, "DELETE", before, null, reason, null, null);
    }

    /**
     * A lab's own reply, accepted by a curator (issue 17, the reply room's review): the answer becomes the lab's
     * (kind LAB_REPLY, capacity OFFICIAL, delivered), its text the lab's verbatim statement, linked to the submission
     * and its receipt. The same path as every other answer write (one revision, the tally kept by its triggers); in
     * the reviewing caller's transaction, which also records the review.
     *
     * @param status the status the answer gets: the lab's self-assessment, or the curator's own judgement
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Answer recordLabReply(long answerId, ResponseStatus status, String statement, String references, String respondent,
                                 String answeredOn, String justification, long submissionId, String reason) {
        Answer a = require(answerId);
        AnswerChange change = new AnswerChange(status, Boolean.TRUE, statement, respondent, "official reply of the lab (LabLedger right of reply)",
                answeredOn, justification, references, reason, null, null, null, null, null, null, null);
        apply(a, change, "UPDATE", x -> {
            x.kind = AnswerKind.LAB_REPLY;
            x.capacity = RespondentCapacity.OFFICIAL;
            x.replySubmissionId = submissionId;
        });
        return a;
    }

    /** Applies every item or none: the first bad item aborts the batch with its index in the problem. */
    @Transactional
    public <T> List<T> batch(List<BatchItem> items, Function<Answer, T> view) {
        if (items == null || items.isEmpty()) {
            throw ApiException.badParameter("items", "a batch needs at least one item");
        }
        if (items.size() > 1000) {
            throw ApiException.badParameter("items", "at most 1000 items per batch, was " + items.size());
        }
        List<T> out = new ArrayList<>();
        Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            String at = "items[" + i + "]";
            try {
                if (item == null || item.set() == null) {
                    throw ApiException.badParameter(at + ".set", "is required");
                }
                Writes.validate(validator, item.set(), at + ".set.");
                Answer a = resolve(item);
                if (!seen.add(a.id)) {
                    throw ApiException.badParameter(at, "answer " + a.id + " appears twice in the batch");
                }
                if (item.version() == null) {
                    throw ApiException.badParameter(at + ".version", "is required: the version the answer was read at");
                }
                out.add(write(a, item.set(), null, item.version(), view));
            } catch (ApiException e) {
                throw prefixed(e, at);
            }
        }
        return out;
    }

    private Answer resolve(BatchItem item) {
        if (item.id() != null) {
            return require(item.id());
        }
        if (item.question() == null || item.lab() == null) {
            throw ApiException.badParameter("id", "give the answer's id, or its question key and lab slug");
        }
        Answer a = Answer.find("select a from Answer a join fetch a.lab join fetch a.question q join fetch q.questionnaire where q.key = ?1 and a.lab.slug = ?2",
                item.question(), item.lab()).firstResult();
        if (a == null) {
            throw ApiException.notFound("answer", item.question() + "/" + item.lab());
        }
        return a;
    }

    private static ApiException prefixed(ApiException e, String at) {
        List<Problem.Violation> v = e.violations() == null ? List.of(new Problem.Violation(at, e.getMessage()))
                : e.violations().stream().map(x -> new Problem.Violation(x.field().startsWith(at) ? x.field() : at + "." + x.field(), x.message())).toList();
        return new ApiException(e.status(), e.type(), e.title(), at + ": " + e.getMessage() + " (nothing in the batch was applied)", v);
    }

    private void apply(Answer a, AnswerChange c, String action) {
        apply(a, c, action, x -> {
        });
    }

    /** {@code also}: what the write sets beyond the change (a lab reply's kind, capacity and submission), after the before-state is read. */
    private void apply(Answer a, AnswerChange c, String action, java.util.function.Consumer<Answer> also) {
        Map<String, Object> before = "CREATE".equals(action) ? null : snapshot(a);
        if (c.status() != a.status && !c.hasEvidence()) {
            throw noEvidence("changing the status from " + a.status + " to " + c.status());
        }
        if (c.kind() != null && c.kind() != a.kind) {
            if (c.kind() == AnswerKind.LAB_REPLY) {
                throw Writes.unprocessable("kind", "LAB_REPLY is a lab's own reply: it comes only through the right of reply (POST /api/reply), not a curator's write");
            }
            if (a.replySubmissionId != null) {
                throw Writes.unprocessable("kind", "this answer is a lab's own reply (LAB_REPLY): its kind stays");
            }
        }
        Source source = evidenceSource(c);
        if (c.kind() != null) {
            a.kind = c.kind();
        }
        if (c.capacity() != null) {
            a.capacity = c.capacity();
        }
        if (c.afterPublication() != null) {
            a.afterPublication = c.afterPublication();
        }
        a.status = c.status();
        a.delivered = c.delivered() == null ? a.delivered : c.delivered();
        a.summary = c.summary();
        a.respondent = c.respondent();
        a.respondentCapacity = c.respondentCapacity();
        a.answeredOn = c.answeredOn();
        a.justification = c.justification();
        a.references = c.references();
        also.accept(a);
        if (source != null) {
            Integer max = em.createQuery("select max(c.ordinal) from Citation c where c.subjectType = ?1 and c.subjectId = ?2", Integer.class)
                    .setParameter(1, SubjectType.ANSWER).setParameter(2, a.id).getSingleResult();
            Citation cite = new Citation();
            cite.subjectType = SubjectType.ANSWER;
            cite.subjectId = a.id;
            cite.ordinal = max == null ? 1 : max + 1;
            cite.source = source;
            cite.quote = AnswerChange.notBlank(c.quote()) ? c.quote() : null;
            cite.locator = AnswerChange.notBlank(c.locator()) ? c.locator() : "evidence recorded with this change";
            cite.persist();
        }
        Map<String, Object> after = snapshot(a);
        if (before != null && before.equals(after) && source == null) {
            return; // nothing changed: no revision
        }
        em.flush(); // the new version
        revisions.record(ENTITY, key(a), a.id, action, before, after, c.reason(),
                c.sourceUrl(), source == null ? null : source.key);
    }

    private static ApiException noEvidence(String what) {
        String msg = what + " needs evidence: a sourceUrl, the sourceKey of a known source, or at least a reason";
        return new ApiException.Unprocessable(msg, List.of(new Problem.Violation("sourceUrl", msg)));
    }

    /** The source a change cites: a known one by key, or one found or created by URL. */
    private Source evidenceSource(AnswerChange c) {
        if (AnswerChange.notBlank(c.sourceKey())) {
            Source s = Source.findByKey(c.sourceKey().trim());
            if (s == null) {
                throw new ApiException.Unprocessable("unknown source '" + c.sourceKey() + "'",
                        List.of(new Problem.Violation("sourceKey", "unknown source '" + c.sourceKey() + "'")));
            }
            return s;
        }
        if (AnswerChange.notBlank(c.sourceUrl())) {
            return sources.findOrCreateByUrl("sourceUrl", c.sourceUrl().trim(), "as evidence for an answer");
        }
        return null;
    }

    static String key(Answer a) {
        return a.question.key + "/" + a.lab.slug;
    }

    /** The answer's state as stored in revisions. */
    public static Map<String, Object> snapshot(Answer a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("question", a.question.key);
        m.put("lab", a.lab.slug);
        m.put("status", a.status.name());
        m.put("delivered", a.delivered);
        m.put("summary", a.summary);
        m.put("respondent", a.respondent);
        m.put("respondentCapacity", a.respondentCapacity);
        m.put("answeredOn", a.answeredOn);
        m.put("justification", a.justification);
        m.put("references", a.references);
        // kind, capacity and afterPublication only when not the defaults (and always for a lab's own reply, V13), so
        // the snapshots of plain answers stay as they were
        if (a.replySubmissionId != null || a.kind != AnswerKind.QUESTIONNAIRE_REPLY) {
            m.put("kind", a.kind.name());
        }
        if (a.replySubmissionId != null || a.capacity != RespondentCapacity.UNKNOWN) {
            m.put("capacity", a.capacity.name());
        }
        if (a.afterPublication != null) {
            m.put("afterPublication", a.afterPublication);
        }
        if (a.replySubmissionId != null) {
            m.put("labReply", a.replySubmissionId);
        }
        return m;
    }
}
