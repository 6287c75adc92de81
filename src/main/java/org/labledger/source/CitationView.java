package org.labledger.source;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** A citation as readers see it: which source, and where in it. */
@Name("Citation")
@Description("Evidence for a record: a source, with a short quote and/or a locator (at least one of the two)")
public record CitationView(@NonNull @Description("The source's key") String source,
                           @NonNull @Description("The source's title") String title,
                           @Description("The source's publisher (null when not recorded)") String publisher,
                           @Description("The source's URL (null for documents without one)") String url,
                           @Description("A short quote from the source (null when a locator is given instead)") String quote,
                           @Description("Where in the source (page, section; null when a quote is given instead)") String locator) {

    static CitationView of(Citation c) {
        return new CitationView(c.source.key, c.source.title, c.source.publisher, c.source.url, c.quote, c.locator);
    }
}
