package org.labledger.agreement;

import org.eclipse.microprofile.graphql.Description;

@Description("What kind of agreement it is")
public enum AgreementKind {
    @Description("An investment with a partnership (e.g. Microsoft in OpenAI, 2019)")
    INVESTMENT_PARTNERSHIP,
    @Description("A definitive agreement that restates an earlier partnership")
    DEFINITIVE_AGREEMENT,
    @Description("A commercial contract (cloud, licensing, ...)")
    COMMERCIAL,
    @Description("A body the parties set up together (e.g. a deployment safety board)")
    JOINT_BODY,
    @Description("A product the parties offer together (e.g. Azure OpenAI Service)")
    PRODUCT,
    @Description("Any other agreement")
    OTHER
}
