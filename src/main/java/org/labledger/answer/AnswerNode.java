package org.labledger.answer;

import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import java.time.OffsetDateTime;

@Name("Answer")
public record AnswerNode(@NonNull @Id Long id, @NonNull ResponseStatus status, boolean delivered, String summary,
                         String respondent, String respondentCapacity, String answeredOn, int version,
                         OffsetDateTime updatedAt, @Ignore Long labId, @Ignore Long questionId) {

    public static AnswerNode of(Answer a) {
        return new AnswerNode(a.id, a.status, a.delivered, a.summary, a.respondent, a.respondentCapacity, a.answeredOn,
                a.version, a.updatedAt, a.lab.id, a.question.id);
    }
}
