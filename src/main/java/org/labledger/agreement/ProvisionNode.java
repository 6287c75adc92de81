package org.labledger.agreement;

import org.labledger.common.Numbers;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import java.math.BigDecimal;

@Name("Provision")
public record ProvisionNode(@Ignore Long id, @NonNull String key, @NonNull ProvisionCategory category, @NonNull String summary,
                            @Description("figure in base units of `unit` (USD, PERCENT, YEAR)") BigDecimal value, String unit,
                            String validFrom, String validUntil, String validUntilCondition,
                            @Ignore Long beneficiaryId, @Ignore Long agreementId) {

    public static ProvisionNode of(Provision p) {
        return new ProvisionNode(p.id, p.key, p.category, p.summary, Numbers.plain(p.value),
                p.unit, p.validFrom, p.validUntil, p.validUntilCondition,
                p.beneficiary == null ? null : p.beneficiary.id, p.agreement.id);
    }
}
