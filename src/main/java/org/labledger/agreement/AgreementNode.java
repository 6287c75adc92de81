package org.labledger.agreement;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Agreement")
public record AgreementNode(@Ignore Long id, @NonNull String slug, @NonNull String title, @NonNull AgreementKind kind,
                            String summary, String announcedOn, String effectiveOn, int version, @Ignore Long supersedesId) {

    public static AgreementNode of(Agreement a) {
        return new AgreementNode(a.id, a.slug, a.title, a.kind, a.summary, a.announcedOn, a.effectiveOn, a.version,
                a.supersedes == null ? null : a.supersedes.id);
    }
}
