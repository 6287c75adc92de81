package org.labledger.question;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Question")
@Description("A question put to labs, in a questionnaire, under a topic; its answers say how each lab responded")
public record QuestionNode(@Ignore Long id,
                           @NonNull @Description("Stable identifier (alw-multi-staff-safety-concerns-process, ...)") String key,
                           @Description("Position in its questionnaire (from 1)") int ordinal,
                           @NonNull @Description("The question as asked") String text,
                           @Description("Editorial notes (null when none)") String notes,
                           @Description("The document says the question was put to at least this many of the labs it has answers for (its candidates), not which; null when it was put to every one of them") Integer minAddressees,
                           @Description("True for a row that only gives context (e.g. a quoted passage other questions hang from): it was put to no lab and has no answers") boolean context,
                           @Ignore Long questionnaireId, @Ignore Long topicId, @Ignore Long parentId) {

    /** The questions with these ids (in no particular order), read as rows without loading entities. */
    @SuppressWarnings("unchecked")
    public static java.util.List<QuestionNode> byIds(jakarta.persistence.EntityManager em, java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.List.of();
        }
        java.util.List<Object[]> rows = em.createNativeQuery("select id, key, ordinal, text, notes, min_addressees, context, questionnaire_id, topic_id, parent_id"
                        + " from question where id in (:ids)")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .addScalar("id", Long.class).addScalar("key", String.class).addScalar("ordinal", Integer.class)
                .addScalar("text", String.class).addScalar("notes", String.class)
                .addScalar("min_addressees", Integer.class).addScalar("context", Boolean.class).addScalar("questionnaire_id", Long.class)
                .addScalar("topic_id", Long.class).addScalar("parent_id", Long.class)
                .setParameter("ids", ids).getResultList();
        return rows.stream().map(r -> new QuestionNode((Long) r[0], (String) r[1], (Integer) r[2], (String) r[3], (String) r[4],
                (Integer) r[5], (Boolean) r[6], (Long) r[7], (Long) r[8], (Long) r[9])).toList();
    }

    public static QuestionNode of(Question q) {
        return new QuestionNode(q.id, q.key, q.ordinal, q.text, q.notes, q.minAddressees, q.context, q.questionnaire.id, q.topic.id,
                q.parent == null ? null : q.parent.id);
    }

    /**
     * Equal by id: GraphQL batch loaders key their sources by these nodes, and a record's own hash over every
     * component (texts, lists, timestamps) was a visible share of a dashboard request's time.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof QuestionNode n && id != null && id.equals(n.id));
    }

    @Override
    public int hashCode() {
        return id == null ? System.identityHashCode(this) : id.hashCode();
    }
}
