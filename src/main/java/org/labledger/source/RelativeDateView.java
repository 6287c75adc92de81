package org.labledger.source;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** A relative date as readers see it. */
@Name("RelativeDate")
@Description("A date a document gives relative to itself (\"later this year\"), kept as its words with the anchor it is relative to; a date is derived only from an anchor's stated publication date")
@RegisterForReflection
public record RelativeDateView(@NonNull @Description("What the words date, e.g. \"the release of Microsoft's models as an API\"") String dates,
                               @NonNull @Description("The document's words, e.g. \"later this year\"") String text,
                               @NonNull @Description("The key of the anchor: the source whose publication date the words are relative to") String anchor,
                               @Description("The anchor's publication date as the anchor states it (null when it states none)") String anchorDate,
                               @Description("The date derived from the anchor's publication date: YYYY, YYYY-MM or YYYY-MM-DD; null when the anchor states no date") String derivedOn,
                               @Description("True when derivedOn is set: the date is the curator's derivation, not written in the document") boolean derived,
                               @NonNull @Description("The citation whose verbatim quote holds the words") CitationView citation) {

    static RelativeDateView of(RelativeDate r) {
        return new RelativeDateView(r.dates, r.text, r.anchor.key, r.anchor.publishedOn, r.derivedOn, r.derivedOn != null,
                new CitationView(r.source.key, r.source.title, r.source.publisher, r.source.url, r.quote, r.locator));
    }
}
