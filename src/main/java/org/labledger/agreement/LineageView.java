package org.labledger.agreement;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.labledger.source.CitationView;

/** How a provision relates to an earlier provision, with the one quote that says so. */
@RegisterForReflection
@Name("ProvisionLineage")
@Description("How a provision relates to an earlier provision of an earlier version of the same agreement, with the quote that says so")
public record LineageView(@NonNull @Description("How the provision relates to the earlier one") ProvisionChange change,
                          @Description("The earlier provision's key; null when the documents imply an earlier term that no recorded provision holds (e.g. a right that is relinquished but was never recorded)") String of,
                          @Description("The agreement version the earlier provision belongs to (null with `of`)") String ofAgreement,
                          @Description("The quote that says how the provision relates to the earlier one (null only if its source was deleted)") CitationView citation,
                          @NonNull @Description("True when the link is the curator's reading, not stated by the document") Boolean inference,
                          @Description("Why the curator reads the link so (set when inference is true)") String rationale) {

    static LineageView of(Provision p) {
        if (p.change == null) {
            return null;
        }
        // a Citation always names its source; should the source be deleted (change_source_id set null), the link keeps
        // its change and earlier provision but shows no citation rather than one without a source
        CitationView c = p.changeSource == null ? null
                : new CitationView(p.changeSource.key, p.changeSource.title, p.changeSource.publisher, p.changeSource.url,
                p.changeQuote, p.changeLocator);
        return new LineageView(p.change, p.predecessor == null ? null : p.predecessor.key,
                p.predecessor == null ? null : p.predecessor.agreement.slug, c, p.changeInference, p.changeRationale);
    }
}
