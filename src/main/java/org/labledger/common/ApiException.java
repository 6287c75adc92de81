package org.labledger.common;

import java.util.List;

/** A client-facing error with a status and a problem type; mapped to problem+json by {@link ProblemMappers}. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.Violation> violations;

    public ApiException(int status, String type, String title, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = violations;
    }

    public static ApiException notFound(String what, String key) {
        return new ApiException(404, "not-found", "Not Found", what + " '" + key + "' does not exist", null);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad-request", "Bad Request", detail, null);
    }

    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(400, "invalid-parameter", "Invalid Parameter",
                "query parameter '" + parameter + "': " + message, List.of(new Problem.Violation(parameter, message)));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
