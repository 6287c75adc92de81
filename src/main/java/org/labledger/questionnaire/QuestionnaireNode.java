package org.labledger.questionnaire;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Questionnaire")
@Description("A set of questions put to labs (an open letter, an index edition such as FMTI)")
public record QuestionnaireNode(@Ignore Long id,
                                @NonNull @Description("Stable identifier (ailabwatch-questions-to-labs, fmti-dec2025, ...)") String slug,
                                @NonNull @Description("Title") String title,
                                @Description("Who published it (null when not recorded)") String publisher,
                                @Description("Who wrote it (null when not recorded)") String author,
                                @Description("When it was published: YYYY, YYYY-MM or YYYY-MM-DD (null when not known)") String publishedOn,
                                @Description("What it is (null when not recorded)") String description,
                                @NonNull @Description("SENT (put to labs) or SUGGESTED (never sent: its questions have no answers)") QuestionnaireKind kind,
                                @Ignore Long sourceId) {

    public static QuestionnaireNode of(Questionnaire q) {
        return new QuestionnaireNode(q.id, q.slug, q.title, q.publisher, q.author, q.publishedOn, q.description, q.kind,
                q.source == null ? null : q.source.id);
    }
}
