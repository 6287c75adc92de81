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
                           @Ignore Long questionnaireId, @Ignore Long topicId, @Ignore Long parentId) {

    /** The questions with these ids (in no particular order), read as rows without loading entities. */
    @SuppressWarnings("unchecked")
    public static java.util.List<QuestionNode> byIds(jakarta.persistence.EntityManager em, java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.List.of();
        }
        java.util.List<Object[]> rows = em.createNativeQuery("select id, key, ordinal, text, notes, questionnaire_id, topic_id, parent_id"
                        + " from question where id in (:ids)")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .addScalar("id", Long.class).addScalar("key", String.class).addScalar("ordinal", Integer.class)
                .addScalar("text", String.class).addScalar("notes", String.class).addScalar("questionnaire_id", Long.class)
                .addScalar("topic_id", Long.class).addScalar("parent_id", Long.class)
                .setParameter("ids", ids).getResultList();
        return rows.stream().map(r -> new QuestionNode((Long) r[0], (String) r[1], (Integer) r[2], (String) r[3], (String) r[4],
                (Long) r[5], (Long) r[6], (Long) r[7])).toList();
    }

    public static QuestionNode of(Question q) {
        return new QuestionNode(q.id, q.key, q.ordinal, q.text, q.notes, q.questionnaire.id, q.topic.id,
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
