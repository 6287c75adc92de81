package org.labledger.seed;

import org.labledger.common.ApiException;
import org.labledger.common.Problem;

import java.util.List;

/**
 * A dataset document that cannot be imported; the message names the file, the record and the field. Over REST
 * (POST /api/imports/dataset) it is a 400 problem of type invalid-dataset listing each problem as a violation:
 * a problem "answers[3].status: must be one of …" names the field before its first ": ".
 */
public class SeedException extends ApiException {

    private final List<String> problems;

    public SeedException(String file, List<String> problems) {
        super(400, "invalid-dataset", "Invalid Dataset",
                "invalid dataset " + file + ": " + String.join("; ", problems.subList(0, Math.min(problems.size(), 20)))
                        + (problems.size() > 20 ? "; … " + (problems.size() - 20) + " more" : ""),
                violations(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static List<Problem.Violation> violations(List<String> problems) {
        return problems.stream().limit(100).map(p -> {
            int colon = p.indexOf(": ");
            return colon > 0 ? new Problem.Violation(p.substring(0, colon), p.substring(colon + 2)) : new Problem.Violation("document", p);
        }).toList();
    }
}
