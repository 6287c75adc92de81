package org.labledger.importer;

import java.util.List;
import java.util.Map;

/** One FMTI edition as read from its files, checked for consistency, before anything is stored. */
public record FmtiEdition(String edition, String scoresFile, List<Indicator> indicators, List<Developer> developers,
                          List<String> warnings) {

    /** An indicator (a question), with where it stands in the scores file and what the indicators file says of it. */
    public record Indicator(String name, int line, String domain, String subdomain, String definition, String notes) {
    }

    /** A developer (a lab) column: its name as the matrix spells it, its scores, and its report if one was given. */
    public record Developer(String name, int column, Map<String, Integer> scores, String reportFile,
                            Map<String, ReportRow> report) {
    }

    /** One line of a developer's report. */
    public record ReportRow(int line, String disclosure, String justification, String references) {
    }
}
