package org.labledger.source;

import org.eclipse.microprofile.graphql.Name;

/** A citation as readers see it: which source, and where in it. */
@Name("Citation")
public record CitationView(String source, String title, String publisher, String url, String quote, String locator) {

    static CitationView of(Citation c) {
        return new CitationView(c.source.key, c.source.title, c.source.publisher, c.source.url, c.quote, c.locator);
    }
}
