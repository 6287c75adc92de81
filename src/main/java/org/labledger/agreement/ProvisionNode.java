package org.labledger.agreement;

import org.labledger.common.Numbers;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import java.math.BigDecimal;

@Name("Provision")
@Description("One term of an agreement (equity, IP rights, exclusivity, the AGI clause, ...), with its figure and validity")
public record ProvisionNode(@Ignore Long id,
                            @NonNull @Description("Stable identifier") String key,
                            @NonNull @Description("What the term is about") ProvisionCategory category,
                            @NonNull @Description("The term, in short") String summary,
                            @Description("The figure in base units of `unit` (USD, PERCENT, YEAR); null when the term has none") BigDecimal value,
                            @Description("The figure's unit: USD, PERCENT or YEAR (null exactly when value is null)") String unit,
                            @Description("Valid from: YYYY, YYYY-MM or YYYY-MM-DD (null when not stated)") String validFrom,
                            @Description("Valid until: YYYY, YYYY-MM or YYYY-MM-DD (null when not stated)") String validUntil,
                            @Description("The condition that ends the term (e.g. AGI declared), null when none is stated") String validUntilCondition,
                            @NonNull @Description("TERM (a term of the agreement) or REMOVAL (a record that this version ends an earlier term)") String kind,
                            @Description("How the provision relates to an earlier provision (null when no lineage is recorded); the details are in `lineage`") ProvisionChange change,
                            @Ignore Long beneficiaryId, @Ignore Long agreementId, @Ignore Long heldEntityId) {

    public static ProvisionNode of(Provision p) {
        return new ProvisionNode(p.id, p.key, p.category, p.summary, Numbers.plain(p.value),
                p.unit, p.validFrom, p.validUntil, p.validUntilCondition, p.kind, p.change,
                p.beneficiary == null ? null : p.beneficiary.id, p.agreement.id, p.heldEntityId);
    }
}
