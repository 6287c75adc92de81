package org.labledger.lab;

import org.eclipse.microprofile.graphql.Description;

@Description("What kind of organisation a lab is")
public enum LabKind {
    @Description("A lab developing frontier AI models (Anthropic, OpenAI, Google DeepMind, ...)")
    FRONTIER_LAB,
    @Description("A large technology company (Microsoft, Meta, Amazon, ...)")
    BIG_TECH,
    @Description("Any other organisation")
    OTHER
}
