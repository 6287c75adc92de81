package org.labledger.agreement;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import java.util.List;

@Name("AgreementDiff")
@Description("What changed from one version of an agreement to a later one, read from the provisions' lineage links")
public record AgreementDiffNode(@NonNull @Description("The earlier version's slug") String from,
                                @NonNull @Description("The later version's slug") String to,
                                @NonNull @Description("The versions after `from` up to `to`, oldest first") List<@NonNull String> versions,
                                @NonNull @Description("New terms (ADDS, or provisions with no lineage recorded)") List<@NonNull ProvisionChangeNode> added,
                                @NonNull @Description("Removals (REMOVES): `after` is the removal record, `before` the removed term when one is recorded") List<@NonNull ProvisionChangeNode> removed,
                                @NonNull @Description("Modifications and replacements (MODIFIES, REPLACES), before and after") List<@NonNull ProvisionChangeNode> modified,
                                @NonNull @Description("Terms a later version keeps in force (CONTINUES)") List<@NonNull ProvisionChangeNode> continued,
                                @NonNull @Description("Provisions of `from` that no later provision names (not mentioned again; the documents do not say they ended)") List<@NonNull ProvisionNode> unchanged) {

    @Name("ProvisionChangeEntry")
    @Description("One change: the later provision (after) and the earlier provision it names (before, null when none is recorded)")
    public record ProvisionChangeNode(@NonNull @Description("How `after` relates to `before`") ProvisionChange change,
                                      @NonNull @Description("The version `after` belongs to") String version,
                                      @Description("The earlier provision (null for an added term, or when the documents imply an earlier term no provision records)") ProvisionNode before,
                                      @NonNull @Description("The later provision") ProvisionNode after) {
    }
}
