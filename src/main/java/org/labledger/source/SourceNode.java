package org.labledger.source;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Source")
@Description("A document that evidences facts (an article, a company statement, a dataset)")
public record SourceNode(@Ignore Long id,
                         @NonNull @Description("Stable identifier") String key,
                         @NonNull @Description("Title") String title,
                         @Description("Who published it (null when not recorded)") String publisher,
                         @Description("Who wrote it (null when not recorded)") String author,
                         @Description("Where it is (null for documents without a URL)") String url,
                         @Description("When it was published: YYYY, YYYY-MM or YYYY-MM-DD (null when not known)") String publishedOn,
                         @NonNull @Description("What kind of document it is") SourceKind kind,
                         @Description("The file it was read from, in seeds/ (null when none)") String document,
                         @Description("Editorial notes (null when none)") String notes) {

    public static SourceNode of(Source s) {
        return new SourceNode(s.id, s.key, s.title, s.publisher, s.author, s.url, s.publishedOn, s.kind, s.document, s.notes);
    }
}
