package org.labledger.source;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.labledger.common.Numbers;

import java.math.BigDecimal;

/** A figure as readers see it. */
@Name("Figure")
@Description("A number as a document writes it: what it measures, how the document qualifies it, its value in base units and the document's words, with their citation")
@RegisterForReflection
public record FigureView(@NonNull @Description("What the figure measures, e.g. \"Microsoft's ownership in OpenAI Group PBC\"") String measure,
                         @NonNull @Description("How the document qualifies it (EXACT, APPROXIMATELY, ABOUT, AT_LEAST, UP_TO, NEARING, RANGE)") FigureQualifier qualifier,
                         @Description("The value in base units of `unit`; null for a RANGE") BigDecimal value,
                         @Description("A RANGE's lower end (null otherwise)") BigDecimal low,
                         @Description("A RANGE's upper end (null otherwise)") BigDecimal high,
                         @NonNull @Description("The unit or currency: USD, PERCENT, YEAR (a calendar year), MONTHS or YEARS (durations)") String unit,
                         @NonNull @Description("The document's own words for the figure, e.g. \"nearing $135 billion\"") String text,
                         @NonNull @Description("The citation whose verbatim quote holds the words") CitationView citation) {

    static FigureView of(Figure f) {
        return new FigureView(f.measure, f.qualifier, Numbers.plain(f.value), Numbers.plain(f.low), Numbers.plain(f.high), f.unit, f.text,
                new CitationView(f.source.key, f.source.title, f.source.publisher, f.source.url, f.quote, f.locator));
    }
}
