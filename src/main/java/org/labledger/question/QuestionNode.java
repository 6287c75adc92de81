package org.labledger.question;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Question")
public record QuestionNode(@Ignore Long id, @NonNull String key, int ordinal, @NonNull String text, String notes,
                           @Ignore Long questionnaireId, @Ignore Long topicId, @Ignore Long parentId) {

    public static QuestionNode of(Question q) {
        return new QuestionNode(q.id, q.key, q.ordinal, q.text, q.notes, q.questionnaire.id, q.topic.id,
                q.parent == null ? null : q.parent.id);
    }
}
