package org.labledger.agreement;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Agreement")
@Description("One dated version of an agreement between labs and partners; versions are linked by supersedes/supersededBy")
public record AgreementNode(@Ignore Long id,
                            @NonNull @Description("Stable identifier (microsoft-openai-2019, ...)") String slug,
                            @NonNull @Description("Title") String title,
                            @NonNull @Description("What kind of agreement it is") AgreementKind kind,
                            @Description("What was agreed, in short (null when not recorded)") String summary,
                            @Description("When it was announced: YYYY, YYYY-MM or YYYY-MM-DD (null when the documents do not say)") String announcedOn,
                            @Description("When it took effect: YYYY, YYYY-MM or YYYY-MM-DD (null when the documents do not say)") String effectiveOn,
                            @Description("The version to pass to updateAgreement (optimistic locking)") int version,
                            @Ignore Long supersedesId) {

    public static AgreementNode of(Agreement a) {
        return new AgreementNode(a.id, a.slug, a.title, a.kind, a.summary, a.announcedOn, a.effectiveOn, a.version,
                a.supersedes == null ? null : a.supersedes.id);
    }
}
