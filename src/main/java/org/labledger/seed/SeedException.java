package org.labledger.seed;

import java.util.List;

/** A dataset document that cannot be imported; the message names the file, the record and the field. */
public class SeedException extends RuntimeException {

    private final List<String> problems;

    public SeedException(String file, List<String> problems) {
        super("invalid dataset " + file + ": " + String.join("; ", problems.subList(0, Math.min(problems.size(), 20)))
                + (problems.size() > 20 ? "; … " + (problems.size() - 20) + " more" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
