package org.labledger.agreement;

import org.eclipse.microprofile.graphql.Description;

@Description("What a term of an agreement is about")
public enum ProvisionCategory {
    @Description("A stake in a party (PERCENT or USD)")
    EQUITY,
    @Description("Money invested (USD)")
    INVESTMENT,
    @Description("Rights to intellectual property (often until a YEAR)")
    IP_RIGHTS,
    @Description("Exclusive rights (cloud, API, ...)")
    EXCLUSIVITY,
    @Description("What changes when AGI is declared")
    AGI_CLAUSE,
    @Description("Compute bought or promised (USD)")
    COMPUTE_COMMITMENT,
    @Description("A share of revenue (PERCENT)")
    REVENUE_SHARE,
    @Description("Access for governments")
    GOVERNMENT_ACCESS,
    @Description("Release of model weights")
    OPEN_WEIGHTS,
    @Description("Access to models")
    MODEL_ACCESS,
    @Description("Safety review of models or deployments")
    SAFETY_REVIEW,
    @Description("Any other term")
    OTHER
}
