package org.labledger.source;

import org.eclipse.microprofile.graphql.Description;

/** How a document qualifies a figure. */
@Description("How a document qualifies a figure: exact, approximately, about, at least, up to, nearing, or a range")
public enum FigureQualifier {
    @Description("The figure as stated, unqualified (\"$1 billion\")")
    EXACT,
    @Description("\"approximately\" (\"approximately 27%\")")
    APPROXIMATELY,
    @Description("\"about\" / \"around\"")
    ABOUT,
    @Description("\"at least\": a lower bound")
    AT_LEAST,
    @Description("\"up to\": an upper bound")
    UP_TO,
    @Description("\"nearing\" / \"nearly\": just below the value (\"nearing $135 billion\", \"nearly a year\")")
    NEARING,
    @Description("A range from low to high (\"$100B-$1t\"); value is null")
    RANGE
}
