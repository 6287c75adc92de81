package org.labledger.reply;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.labledger.answer.Answer;
import org.labledger.answer.AnswerWriteService;
import org.labledger.answer.RespondentCapacity;
import org.labledger.answer.ResponseStatus;
import org.labledger.claim.Claim;
import org.labledger.common.ApiException;
import org.labledger.common.Cursor;
import org.labledger.common.CursorPage;
import org.labledger.common.KeysetPage;
import org.labledger.common.PageResult;
import org.labledger.common.Preconditions;
import org.labledger.common.PublicUrls;
import org.labledger.common.Writes;
import org.labledger.history.RevisionService;
import org.labledger.lab.Lab;
import org.labledger.question.Question;
import org.labledger.questionnaire.QuestionnaireKind;
import org.labledger.source.SubjectType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The right of reply (issue 17): a lab's inbox, its submissions and their receipts, the curators' review. Every
 * write is one transaction with its revision; a submission is inserted once and never changed but for its review.
 */
@ApplicationScoped
public class ReplyService {

    public static final String ENTITY = "REPLY_SUBMISSION";

    @Inject
    EntityManager em;
    @Inject
    LabCaller caller;
    @Inject
    ReceiptSigner signer;
    @Inject
    RevisionService revisions;
    @Inject
    AnswerWriteService answers;
    @Inject
    Validator validator;

    @ConfigProperty(name = "labledger.reply.max-submission-size", defaultValue = "64K")
    io.quarkus.runtime.configuration.MemorySize maxSize;
    @ConfigProperty(name = "labledger.reply.rate-limit.max", defaultValue = "20")
    int rateMax;
    @ConfigProperty(name = "labledger.reply.rate-limit.window", defaultValue = "1H")
    Duration rateWindow;

    @RegisterForReflection
    public record InboxItem(String question, String text, String questionnaire, String questionnaireTitle, long answerId,
                            ResponseStatus status, String kind, Boolean delivered, LocalDate replyBy, boolean overdue,
                            Long latestSubmission, ReplySubmission.State latestSubmissionState) {
    }

    @RegisterForReflection
    public record VersionRef(long id, int version, OffsetDateTime receivedAt, ReplySubmission.State state) {
    }

    /** A submission as anyone may see it once published (the lab and curators see it while pending). */
    @RegisterForReflection
    public record SubmissionView(long id, String lab, ReplySubmission.Kind kind, String target, String question, Long answer,
                                 String claim, int version, OffsetDateTime receivedAt, ResponseStatus status, String statement,
                                 List<String> links, String respondent, String capacity, String sha256, String canonical,
                                 String receipt, String keyId, String jwks, ReplySubmission.State state, ResponseStatus curatorStatus,
                                 ReplySubmission.Rejection rejection, String decisionReason, OffsetDateTime decidedAt,
                                 boolean withheld, List<VersionRef> versions) {
    }

    /** What a lab gets back for a submission: proof of what it sent and when. */
    @RegisterForReflection
    public record Receipt(long id, String lab, ReplySubmission.Kind kind, String target, int version, OffsetDateTime receivedAt,
                          String canonicalization, String canonical, String sha256, String receipt, String keyId, String jwks,
                          String submission) {
    }

    @RegisterForReflection
    public record Representative(String lab, String subject, String note, String addedBy, OffsetDateTime addedAt) {
    }

    // --- inbox ----------------------------------------------------------------------------------------------------

    /** Where the inbox's questions come from: the lab's answers to the questions of questionnaires that were sent (context rows are not questions). */
    private static final String INBOX_FROM = " from answer a join question q on q.id = a.question_id join questionnaire qn on qn.id = q.questionnaire_id"
            + " where a.lab_id = :lab and qn.kind = :sent and not q.context";
    /** An inbox row, as {@link #inboxItem} reads it; the ordinal last (the cursor's key: questionnaire, ordinal, key). */
    private static final String INBOX_SELECT = "select q.key, q.text, qn.slug, qn.title, a.id, a.status, a.kind, a.delivered, qn.reply_by,"
            + " (select s.id from reply_submission s where s.lab_id = a.lab_id and s.question_id = q.id order by s.received_at desc, s.id desc limit 1),"
            + " (select s.state from reply_submission s where s.lab_id = a.lab_id and s.question_id = q.id order by s.received_at desc, s.id desc limit 1),"
            + " q.ordinal";
    /** The inbox's order: by questionnaire, then question ordinal, then question key (unique). */
    private static final String INBOX_ORDER = " order by qn.slug, q.ordinal, q.key";
    /** The list name in inbox cursors. */
    static final String INBOX_CURSOR = "reply-inbox";

    /** The questions put to the caller's lab, by offset. */
    @SuppressWarnings("unchecked")
    public PageResult<InboxItem> inbox(int page, int size) {
        Lab lab = caller.requireLab();
        long total = ((Number) em.createNativeQuery("select count(*)" + INBOX_FROM).setParameter("lab", lab.id)
                .setParameter("sent", QuestionnaireKind.SENT.name()).getSingleResult()).longValue();
        List<Object[]> rows = em.createNativeQuery(INBOX_SELECT + INBOX_FROM + INBOX_ORDER)
                .setParameter("lab", lab.id).setParameter("sent", QuestionnaireKind.SENT.name())
                .setFirstResult((int) Math.min((long) page * size, Integer.MAX_VALUE)).setMaxResults(size).getResultList();
        return PageResult.of(rows.stream().map(ReplyService::inboxItem).toList(), page, size, total);
    }

    /**
     * The questions put to the caller's lab after a cursor (from the first when null), in the inbox's order, by keyset:
     * no OFFSET (the lab's answers are read by the answer (lab_id, ...) index and the page taken from them). A cursor
     * of another list or another lab's inbox is a 400.
     */
    public KeysetPage<InboxItem> inboxAfter(String cursor, int size) {
        Lab lab = caller.requireLab();
        String scope = "lab=" + lab.id;
        List<Object> after = Cursor.key(cursor, INBOX_CURSOR, scope, 3, k -> List.of(k.get(0), Integer.parseInt(k.get(1)), k.get(2)));
        var rows = em.createNativeQuery(INBOX_SELECT + INBOX_FROM
                + (after != null ? " and (qn.slug, q.ordinal, q.key) > (:afterQuestionnaire, :afterOrdinal, :afterKey)" : "") + INBOX_ORDER);
        if (after != null) {
            rows.setParameter("afterQuestionnaire", after.get(0)).setParameter("afterOrdinal", after.get(1)).setParameter("afterKey", after.get(2));
        }
        return KeysetPage.<Object[]>read(em.createNativeQuery("select count(*)" + INBOX_FROM), rows,
                        Map.of("lab", lab.id, "sent", QuestionnaireKind.SENT.name()), size,
                        r -> Cursor.encode(INBOX_CURSOR, scope, List.of(r[2], r[11], r[0])))
                .map(ReplyService::inboxItem);
    }

    private static InboxItem inboxItem(Object[] r) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ResponseStatus status = ResponseStatus.valueOf((String) r[5]);
        LocalDate replyBy = r[8] == null ? null : r[8] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[8];
        Long latest = r[9] == null ? null : ((Number) r[9]).longValue();
        boolean overdue = replyBy != null && today.isAfter(replyBy) && status == ResponseStatus.UNANSWERED && latest == null;
        return new InboxItem((String) r[0], (String) r[1], (String) r[2], (String) r[3], ((Number) r[4]).longValue(), status,
                (String) r[6], (Boolean) r[7], replyBy, overdue, latest, r[10] == null ? null : ReplySubmission.State.valueOf((String) r[10]));
    }

    // --- submissions ----------------------------------------------------------------------------------------------

    /** The body size limit of a submission, in bytes (REST checks the body, both the canonical form). */
    public long maxBytes() {
        return maxSize.asLongValue();
    }

    /** Stores a submission of the caller's lab (a new version of its earlier ones on the same target) and signs its receipt. */
    @Transactional
    public Receipt submit(ReplyInput in, String field) {
        Lab lab = caller.requireLab();
        Writes.validate(validator, in, field);
        if (in.capacity() != null && in.capacity() != RespondentCapacity.OFFICIAL) {
            throw Writes.unprocessable(field + "capacity", "a lab's submission is its official reply: only OFFICIAL is accepted");
        }
        ReplySubmission s = new ReplySubmission();
        s.lab = lab;
        s.kind = in.kind();
        target(s, lab, in, field);
        s.selfStatus = in.status();
        s.statement = in.statement();
        List<String> links = in.links() == null ? List.of() : in.links();
        s.links = links.isEmpty() ? null : String.join("\n", links);
        s.respondent = Writes.text(in.respondent());
        // the canonical form: the fields as submitted (absent ones left out), with the lab and the target
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("lab", lab.slug);
        fields.put("kind", s.kind.name());
        fields.put("target", s.targetKey);
        if (in.status() != null) {
            fields.put("status", in.status().name());
        }
        fields.put("statement", in.statement());
        if (!links.isEmpty()) {
            fields.put("links", links);
        }
        if (in.respondent() != null) {
            fields.put("respondent", in.respondent());
        }
        fields.put("capacity", RespondentCapacity.OFFICIAL.name());
        s.canonical = Canonical.of(fields);
        if (s.canonical.getBytes(StandardCharsets.UTF_8).length > maxBytes()) {
            throw new ReplyErrors.TooLarge("the submission is larger than the limit of " + maxBytes() + " bytes");
        }
        s.sha256 = Canonical.sha256(s.canonical);
        rateLimit(lab);
        Integer last = em.createQuery("select max(s.version) from ReplySubmission s where s.lab = ?1 and s.kind = ?2 and s.targetKey = ?3", Integer.class)
                .setParameter(1, lab).setParameter(2, s.kind).setParameter(3, s.targetKey).getSingleResult();
        s.version = last == null ? 1 : last + 1;
        s.submittedBy = revisions.actor();
        s.receivedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", PublicUrls.base());
        claims.put("typ", "labledger-reply-receipt");
        claims.put("lab", lab.slug);
        claims.put("kind", s.kind.name());
        claims.put("target", s.targetKey);
        claims.put("version", s.version);
        claims.put("canonicalization", "RFC8785");
        claims.put("sha256", s.sha256);
        claims.put("receivedAt", iso(s.receivedAt));
        claims.put("iat", s.receivedAt.toEpochSecond());
        s.receipt = signer.sign(claims);
        s.keyId = signer.keyId();
        s.persist();
        em.flush();
        revisions.record(ENTITY, key(s), s.id, "CREATE", null, snapshot(s), null, null, null);
        return receipt(s);
    }

    private void target(ReplySubmission s, Lab lab, ReplyInput in, String field) {
        int given = (in.question() != null ? 1 : 0) + (in.answer() != null ? 1 : 0) + (in.claim() != null ? 1 : 0);
        String wanted = switch (in.kind()) {
            case REPLY -> "question";
            case CORRECTION -> "answer";
            case DISPUTE -> "claim";
        };
        if (given != 1 || (wanted.equals("question") ? in.question() : wanted.equals("answer") ? in.answer() : in.claim()) == null) {
            throw ApiException.badParameter(field + wanted, "a " + in.kind() + " names its target in '" + wanted + "' (and no other target)");
        }
        switch (in.kind()) {
            case REPLY -> {
                if (in.status() == null) {
                    throw ApiException.badParameter(field + "status", "a REPLY gives the lab's own assessment of its status");
                }
                Question q = Question.findByKey(in.question());
                if (q == null) {
                    throw ApiException.notFound("question", in.question());
                }
                Answer a = Answer.find("question = ?1 and lab = ?2", q, lab).firstResult();
                if (a == null) {
                    throw new ReplyErrors.Forbidden("question '" + q.key + "' was not put to " + lab.slug + ": a lab replies to its own questions only");
                }
                s.targetKey = q.key;
                s.questionId = q.id;
                s.answerId = a.id;
            }
            case CORRECTION -> {
                Answer a = answers.require(in.answer());
                LabCaller.same(lab, a.lab, "answer " + a.id);
                s.targetKey = String.valueOf(a.id);
                s.answerId = a.id;
                s.questionId = a.question.id;
            }
            case DISPUTE -> {
                Claim c = Claim.findByKey(in.claim());
                if (c == null) {
                    throw ApiException.notFound("claim", in.claim());
                }
                if (!about(c, lab)) {
                    throw new ReplyErrors.Forbidden("claim '" + c.key + "' is not about " + lab.slug + ": a lab disputes what is said about it only");
                }
                s.targetKey = c.key;
                s.claimId = c.id;
            }
        }
    }

    /** Whether a claim is about the lab: about the lab itself or one of its answers, or made by an entity of the lab. */
    boolean about(Claim c, Lab lab) {
        if (c.aboutType == SubjectType.LAB && lab.id.equals(c.aboutId)) {
            return true;
        }
        if (c.aboutType == SubjectType.ANSWER && c.aboutId != null
                && Answer.count("id = ?1 and lab = ?2", c.aboutId, lab) > 0) {
            return true;
        }
        return c.claimant != null && c.claimant.lab != null && lab.id.equals(c.claimant.lab.id);
    }

    /**
     * At most {@code labledger.reply.rate-limit.max} submissions per lab in any {@code window}: counted in the database
     * (so across replicas), under a transaction-scoped advisory lock per lab so that concurrent submissions count in turn.
     */
    private void rateLimit(Lab lab) {
        em.createNativeQuery("select pg_advisory_xact_lock(17017, cast(:lab as integer))").setParameter("lab", lab.id).getSingleResult();
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minus(rateWindow);
        List<OffsetDateTime> recent = em.createQuery("select s.receivedAt from ReplySubmission s where s.lab = ?1 and s.receivedAt > ?2 order by s.receivedAt",
                OffsetDateTime.class).setParameter(1, lab).setParameter(2, since).setMaxResults(rateMax + 1).getResultList();
        if (recent.size() >= rateMax) {
            long wait = Duration.between(OffsetDateTime.now(ZoneOffset.UTC), recent.get(0).plus(rateWindow)).toSeconds() + 1;
            throw new ReplyErrors.RateLimited(lab.slug + " sent " + rateMax + " submissions within " + rateWindow.toMinutes()
                    + " minutes, the most allowed: retry after " + Math.max(wait, 1) + " seconds", Math.max(wait, 1));
        }
    }

    // --- reading submissions --------------------------------------------------------------------------------------

    public ReplySubmission require(long id) {
        ReplySubmission s = ReplySubmission.find("select s from ReplySubmission s join fetch s.lab where s.id = ?1", id).firstResult();
        if (s == null) {
            throw ApiException.notFound("submission", String.valueOf(id));
        }
        return s;
    }

    /** One submission: public once published; before that (and when withheld as abuse) its lab and curators only. */
    public SubmissionView view(long id) {
        ReplySubmission s = require(id);
        boolean insider = caller.curator() || caller.lab() && caller.requireLab().id.equals(s.lab.id);
        if (!s.published() && !insider) {
            if (caller.lab()) {
                throw new ReplyErrors.Forbidden("submission " + id + " belongs to another lab and is not published");
            }
            if (s.state == ReplySubmission.State.PENDING) {
                throw ApiException.notFound("submission", String.valueOf(id)); // not public until reviewed
            }
        }
        return view(s, !insider && s.rejection == ReplySubmission.Rejection.ABUSE);
    }

    SubmissionView view(ReplySubmission s, boolean withheld) {
        List<VersionRef> versions = em.createQuery("select s from ReplySubmission s where s.lab = ?1 and s.kind = ?2 and s.targetKey = ?3 order by s.version",
                        ReplySubmission.class).setParameter(1, s.lab).setParameter(2, s.kind).setParameter(3, s.targetKey).getResultList()
                .stream().map(v -> new VersionRef(v.id, v.version, v.receivedAt, v.state)).toList();
        String question = s.questionId == null ? null : em.createQuery("select q.key from Question q where q.id = ?1", String.class)
                .setParameter(1, s.questionId).getResultStream().findFirst().orElse(null);
        String claim = s.kind == ReplySubmission.Kind.DISPUTE ? s.targetKey : null;
        return new SubmissionView(s.id, s.lab.slug, s.kind, s.targetKey, question, s.answerId, claim, s.version, s.receivedAt,
                withheld ? null : s.selfStatus, withheld ? null : s.statement, withheld ? null : links(s), withheld ? null : s.respondent,
                s.capacity, s.sha256, withheld ? null : s.canonical, s.receipt, s.keyId, PublicUrls.base() + JwksResource.PATH, s.state,
                s.curatorStatus, s.rejection, s.decisionReason, s.decidedAt, withheld, versions);
    }

    static List<String> links(ReplySubmission s) {
        return s.links == null ? List.of() : Arrays.asList(s.links.split("\n"));
    }

    /** Submissions, newest first, by offset: a curator sees every lab's (or one lab's), a lab its own only. */
    public PageResult<SubmissionView> list(ReplySubmission.State state, String labSlug, int page, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = submissionsWhere(state, labSlug, params);
        var count = em.createQuery("select count(s) from ReplySubmission s" + where, Long.class);
        var list = em.createQuery("select s from ReplySubmission s join fetch s.lab" + where + SUBMISSION_ORDER, ReplySubmission.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            list.setParameter(k, v);
        });
        long total = count.getSingleResult();
        List<SubmissionView> items = list.setFirstResult((int) Math.min((long) page * size, Integer.MAX_VALUE)).setMaxResults(size)
                .getResultList().stream().map(s -> view(s, false)).toList();
        return PageResult.of(items, page, size, total);
    }

    /** The submissions' order: newest first, then by id (unique), descending. */
    private static final String SUBMISSION_ORDER = " order by s.receivedAt desc, s.id desc";
    /** The list name in submission cursors. */
    static final String SUBMISSION_CURSOR = "reply-submissions";

    /**
     * Submissions after a cursor (from the newest when null), in the order of {@link #list}, by keyset on
     * (received_at, id), with a lab or a state on (lab_id | state, received_at, id) (V19): no OFFSET. The same rules
     * of who sees what; a cursor of another list, another lab or state is a 400.
     */
    public CursorPage<SubmissionView> listAfter(ReplySubmission.State state, String labSlug, String cursor, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = submissionsWhere(state, labSlug, params);
        String scope = "state=" + state + "&lab=" + (params.get("lab") instanceof Lab l ? l.id : null);
        List<Object> after = Cursor.key(cursor, SUBMISSION_CURSOR, scope, 2,
                k -> List.of(java.time.Instant.parse(k.get(0)).atOffset(ZoneOffset.UTC), Long.parseLong(k.get(1))));
        var rows = em.createQuery("select s from ReplySubmission s join fetch s.lab" + where
                + (after != null ? " and (s.receivedAt, s.id) < (:afterAt, :afterId)" : "") + SUBMISSION_ORDER, ReplySubmission.class);
        if (after != null) {
            rows.setParameter("afterAt", after.get(0)).setParameter("afterId", after.get(1));
        }
        return KeysetPage.<ReplySubmission>read(em.createQuery("select count(s) from ReplySubmission s" + where), rows, params, size,
                s -> Cursor.encode(SUBMISSION_CURSOR, scope, List.of(s.receivedAt.toInstant(), s.id))).map(s -> view(s, false)).rest();
    }

    /** The where clause of a submission list (" where ..."), its parameters put in {@code params}: a lab token is held to its own lab. */
    private String submissionsWhere(ReplySubmission.State state, String labSlug, Map<String, Object> params) {
        Lab own = caller.curator() ? null : caller.requireLab();
        Lab lab = own;
        if (labSlug != null) {
            Lab asked = Lab.forParameter("lab", labSlug);
            if (own != null) {
                LabCaller.same(own, asked, "lab '" + asked.slug + "'");
            }
            lab = asked;
        }
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (lab != null) {
            where.append(" and s.lab = :lab");
            params.put("lab", lab);
        }
        if (state != null) {
            where.append(" and s.state = :state");
            params.put("state", state);
        }
        return where.toString();
    }

    /** The published submissions on one answer (replies and corrections) or one claim (disputes), newest first, at most 100. */
    public List<SubmissionView> published(String column, long id) {
        return em.createQuery("select s from ReplySubmission s join fetch s.lab where s." + ("claim".equals(column) ? "claimId" : "answerId")
                        + " = ?1 and s.state <> ?2 order by s.receivedAt desc, s.id desc", ReplySubmission.class)
                .setParameter(1, id).setParameter(2, ReplySubmission.State.PENDING).setMaxResults(100).getResultList().stream()
                .map(s -> view(s, s.rejection == ReplySubmission.Rejection.ABUSE)).toList();
    }

    // --- review ---------------------------------------------------------------------------------------------------

    /**
     * A curator's decision, once per submission: ACCEPT or JUDGE a reply or correction writes the lab's answer through
     * the answer write path (its revision), and every decision is a revision of the submission.
     */
    @Transactional
    public SubmissionView decide(long id, DecisionInput in, String field) {
        Writes.validate(validator, in, field);
        ReplySubmission s = require(id);
        if (s.state != ReplySubmission.State.PENDING) {
            throw Preconditions.conflict(409, "submission " + id + " was already decided (" + s.state + "); the lab may submit a new version");
        }
        Map<String, Object> before = snapshot(s);
        String reason = Writes.text(in.reason());
        switch (in.decision()) {
            case ACCEPT, JUDGE -> {
                if (in.rejection() != null) {
                    throw ApiException.badParameter(field + "rejection", "only a REJECT names a rejection");
                }
                boolean judge = in.decision() == DecisionInput.Decision.JUDGE;
                if (judge && in.status() == null) {
                    throw ApiException.badParameter(field + "status", "a JUDGE records the curator's own status");
                }
                if (!judge && in.status() != null) {
                    throw ApiException.badParameter(field + "status", "an ACCEPT takes the lab's own status; JUDGE records a status of the curator's");
                }
                if (s.kind != ReplySubmission.Kind.DISPUTE) {
                    if (s.answerId == null) {
                        throw Preconditions.conflict(409, "the answer submission " + id + " was about no longer exists");
                    }
                    Answer a = answers.require(s.answerId);
                    ResponseStatus status = judge ? in.status() : s.selfStatus != null ? s.selfStatus : a.status;
                    String justification = judge ? "The curators' judgement: " + in.status() + "; the lab's own assessment: "
                            + (s.selfStatus == null ? "none given" : s.selfStatus) + (reason == null ? "" : ". " + reason) : null;
                    answers.recordLabReply(a.id, status, s.statement, s.links, s.respondent, s.receivedAt.toLocalDate().toString(),
                            justification, s.id, "lab reply " + key(s) + " " + (judge ? "accepted with the curators' judgement" : "accepted")
                                    + " (receipt sha256 " + s.sha256 + ")" + (reason == null ? "" : ": " + reason));
                } else if (judge) {
                    throw ApiException.badParameter(field + "decision", "a DISPUTE is accepted or rejected: a claim has no status to judge");
                }
                s.state = judge ? ReplySubmission.State.JUDGED : ReplySubmission.State.ACCEPTED;
                s.curatorStatus = judge ? in.status() : null;
            }
            case REJECT -> {
                if (in.rejection() == null) {
                    throw ApiException.badParameter(field + "rejection", "a REJECT says why: ABUSE or OFF_TOPIC");
                }
                if (reason == null) {
                    throw ApiException.badParameter(field + "reason", "a rejection gives a public reason");
                }
                if (in.status() != null) {
                    throw ApiException.badParameter(field + "status", "a REJECT records no status");
                }
                s.state = ReplySubmission.State.REJECTED;
                s.rejection = in.rejection();
            }
        }
        s.decisionReason = reason;
        s.decidedBy = revisions.actor();
        s.decidedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        em.flush();
        revisions.record(ENTITY, key(s), s.id, "UPDATE", before, snapshot(s), reason, null, null);
        return view(s, false);
    }

    // --- representatives ------------------------------------------------------------------------------------------

    public List<Representative> representatives(String slug) {
        Lab lab = requireLabBySlug(slug);
        return LabRepresentative.<LabRepresentative>list("lab = ?1 order by subject", lab).stream().limit(1000)
                .map(r -> new Representative(lab.slug, r.subject, r.note, r.addedBy, r.createdAt)).toList();
    }

    @Transactional
    public Representative addRepresentative(String slug, RepresentativeInput in) {
        Writes.validate(validator, in, "");
        Lab lab = requireLabBySlug(slug);
        String subject = in.subject().trim();
        if (LabRepresentative.count("lab = ?1 and subject = ?2", lab, subject) > 0) {
            throw Writes.exists("representative of " + lab.slug, subject);
        }
        LabRepresentative r = new LabRepresentative();
        r.lab = lab;
        r.subject = subject;
        r.note = Writes.text(in.note());
        r.addedBy = revisions.actor();
        r.persist();
        em.flush();
        revisions.record("LAB_REPRESENTATIVE", lab.slug + "/" + subject, r.id, "CREATE", null, repSnapshot(r), r.note, null, null);
        return new Representative(lab.slug, r.subject, r.note, r.addedBy, r.createdAt);
    }

    @Transactional
    public void removeRepresentative(String slug, String subject, String reason) {
        Lab lab = requireLabBySlug(slug);
        LabRepresentative r = LabRepresentative.find("lab = ?1 and subject = ?2", lab, subject).firstResult();
        if (r == null) {
            throw ApiException.notFound("representative of " + lab.slug, subject);
        }
        Map<String, Object> before = repSnapshot(r);
        r.delete();
        revisions.record("LAB_REPRESENTATIVE", lab.slug + "/" + subject, r.id, "DELETE", before, null, Writes.text(reason), null, null);
    }

    private static Map<String, Object> repSnapshot(LabRepresentative r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lab", r.lab.slug);
        m.put("subject", r.subject);
        m.put("note", r.note);
        return m;
    }

    private static Lab requireLabBySlug(String slug) {
        Lab lab = Lab.findBySlug(slug);
        if (lab == null) {
            throw ApiException.notFound("lab", slug);
        }
        return lab;
    }

    // --- feed -----------------------------------------------------------------------------------------------------

    @RegisterForReflection
    public record FeedEntry(String id, String title, OffsetDateTime at, String link, String content) {
    }

    /** The lab's feed: questions put to it and decisions on its submissions, newest first, at most {@code limit}. */
    @SuppressWarnings("unchecked")
    public List<FeedEntry> feed(String slug, int limit) {
        Lab lab = requireLabBySlug(slug);
        List<FeedEntry> out = new ArrayList<>();
        List<Object[]> questions = em.createNativeQuery("select a.id, q.key, q.text, qn.title, a.created_at, qn.reply_by from answer a"
                        + " join question q on q.id = a.question_id join questionnaire qn on qn.id = q.questionnaire_id"
                        + " where a.lab_id = :lab and qn.kind = 'SENT' and not q.context order by a.created_at desc, a.id desc")
                .setParameter("lab", lab.id).setMaxResults(limit).getResultList();
        for (Object[] r : questions) {
            OffsetDateTime at = r[4] instanceof OffsetDateTime t ? t : ((java.time.Instant) r[4]).atOffset(ZoneOffset.UTC);
            out.add(new FeedEntry("urn:labledger:question-put:" + r[0], "Question put to " + lab.name + ": " + r[1], at,
                    "/api/questions/" + r[1], r[2] + "\n(" + r[3] + (r[5] == null ? "" : "; reply by " + r[5]) + ")"));
        }
        List<ReplySubmission> decided = ReplySubmission.find("lab = ?1 and state <> ?2 order by decidedAt desc, id desc", lab,
                ReplySubmission.State.PENDING).page(0, limit).list();
        for (ReplySubmission s : decided) {
            out.add(new FeedEntry("urn:labledger:reply-decision:" + s.id, s.state + " " + s.kind.name().toLowerCase() + " " + key(s),
                    s.decidedAt, "/api/reply/submissions/" + s.id, s.state + (s.curatorStatus == null ? "" : " (curators' status " + s.curatorStatus
                    + ", the lab's " + s.selfStatus + ")") + (s.rejection == null ? "" : " as " + s.rejection)
                    + (s.decisionReason == null ? "" : "\nreason: " + s.decisionReason) + "\nreceipt sha256 " + s.sha256));
        }
        out.sort((a, b) -> b.at().compareTo(a.at()));
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    // --- shapes ---------------------------------------------------------------------------------------------------

    static String key(ReplySubmission s) {
        return s.lab.slug + "/" + s.kind.name().toLowerCase() + "/" + s.targetKey + "/v" + s.version;
    }

    static Map<String, Object> snapshot(ReplySubmission s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lab", s.lab.slug);
        m.put("kind", s.kind.name());
        m.put("target", s.targetKey);
        m.put("version", s.version);
        m.put("status", s.selfStatus == null ? null : s.selfStatus.name());
        m.put("sha256", s.sha256);
        m.put("state", s.state.name());
        m.put("curatorStatus", s.curatorStatus == null ? null : s.curatorStatus.name());
        m.put("rejection", s.rejection == null ? null : s.rejection.name());
        return m;
    }

    Receipt receipt(ReplySubmission s) {
        return new Receipt(s.id, s.lab.slug, s.kind, s.targetKey, s.version, s.receivedAt, "RFC8785", s.canonical, s.sha256, s.receipt,
                s.keyId, PublicUrls.base() + JwksResource.PATH, PublicUrls.base() + "/api/reply/submissions/" + s.id);
    }

    static String iso(OffsetDateTime t) {
        return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
