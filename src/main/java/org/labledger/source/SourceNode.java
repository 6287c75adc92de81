package org.labledger.source;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Source")
public record SourceNode(@Ignore Long id, @NonNull String key, @NonNull String title, String publisher, String author,
                         String url, String publishedOn, @NonNull SourceKind kind, String document, String notes) {

    public static SourceNode of(Source s) {
        return new SourceNode(s.id, s.key, s.title, s.publisher, s.author, s.url, s.publishedOn, s.kind, s.document, s.notes);
    }
}
