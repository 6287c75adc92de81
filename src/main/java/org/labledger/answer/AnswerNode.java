package org.labledger.answer;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import java.time.OffsetDateTime;

@Name("Answer")
@Description("How one lab responded to one question put to it, with the evidence")
public record AnswerNode(@NonNull @Id @Description("Stable identifier (for updateAnswer and GET /api/answers/{id})") Long id,
                         @NonNull @Description("How far the lab answered") ResponseStatus status,
                         @Description("Whether the question reached the lab (false: it was put to the lab but not delivered; null: not known, e.g. a question put to \"at least three\" of its candidate labs)") Boolean delivered,
                         @Description("What the lab said, in short (null when it did not answer)") String summary,
                         @Description("Who answered for the lab (null when not known)") String respondent,
                         @Description("In what capacity the respondent answered (null when not known)") String respondentCapacity,
                         @NonNull @Description("What kind of response this is (QUESTIONNAIRE_REPLY unless the data says otherwise)") AnswerKind kind,
                         @NonNull @Description("In what capacity the respondent answered, as the document states it (UNKNOWN when it does not say)") RespondentCapacity capacity,
                         @Description("Whether the answer came after the questions were published (null when not known)") Boolean afterPublication,
                         @Description("When the lab answered: YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source (null when not known)") String answeredOn,
                         @Description("The version to pass to updateAnswer (optimistic locking; REST's ETag \"v<version>\")") int version,
                         @NonNull @Description("When the answer was last changed (ISO-8601)") OffsetDateTime updatedAt,
                         @Ignore Long labId, @Ignore Long questionId) {

    /**
     * The answers with these ids (in no particular order), read as rows: no entity is loaded, which made a page of
     * 100 answers several times cheaper than {@code Answer.list("id in ?1")}.
     */
    @SuppressWarnings("unchecked")
    public static java.util.List<AnswerNode> byIds(jakarta.persistence.EntityManager em, java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.List.of();
        }
        java.util.List<Object[]> rows = em.createNativeQuery("select id, status, delivered, summary, respondent, respondent_capacity,"
                        + " kind, capacity, after_publication, answered_on, version, updated_at, lab_id, question_id from answer where id in (:ids)")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .addScalar("id", Long.class).addScalar("status", String.class).addScalar("delivered", Boolean.class)
                .addScalar("summary", String.class).addScalar("respondent", String.class).addScalar("respondent_capacity", String.class)
                .addScalar("kind", String.class).addScalar("capacity", String.class).addScalar("after_publication", Boolean.class)
                .addScalar("answered_on", String.class).addScalar("version", Integer.class).addScalar("updated_at", OffsetDateTime.class)
                .addScalar("lab_id", Long.class).addScalar("question_id", Long.class)
                .setParameter("ids", ids).getResultList();
        return rows.stream().map(r -> new AnswerNode((Long) r[0], ResponseStatus.valueOf((String) r[1]), (Boolean) r[2], (String) r[3],
                (String) r[4], (String) r[5], AnswerKind.valueOf((String) r[6]), RespondentCapacity.valueOf((String) r[7]), (Boolean) r[8],
                (String) r[9], (Integer) r[10], (OffsetDateTime) r[11], (Long) r[12], (Long) r[13])).toList();
    }

    public static AnswerNode of(Answer a) {
        return new AnswerNode(a.id, a.status, a.delivered, a.summary, a.respondent, a.respondentCapacity, a.kind, a.capacity,
                a.afterPublication, a.answeredOn, a.version, a.updatedAt, a.lab.id, a.question.id);
    }

    /**
     * Equal by id: GraphQL batch loaders key their sources by these nodes, and a record's own hash over every
     * component (texts, lists, timestamps) was a visible share of a dashboard request's time.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof AnswerNode n && id != null && id.equals(n.id));
    }

    @Override
    public int hashCode() {
        return id == null ? System.identityHashCode(this) : id.hashCode();
    }
}
