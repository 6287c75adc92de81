package org.labledger.questionnaire;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Questionnaire")
public record QuestionnaireNode(@Ignore Long id, @NonNull String slug, @NonNull String title, String publisher,
                                String author, String publishedOn, String description, @Ignore Long sourceId) {

    public static QuestionnaireNode of(Questionnaire q) {
        return new QuestionnaireNode(q.id, q.slug, q.title, q.publisher, q.author, q.publishedOn, q.description,
                q.source == null ? null : q.source.id);
    }
}
