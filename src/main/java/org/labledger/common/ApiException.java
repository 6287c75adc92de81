package org.labledger.common;

import io.smallrye.graphql.api.ErrorCode;

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
        return new NotFound(what + " '" + key + "' does not exist");
    }

    public static ApiException badRequest(String detail) {
        return new BadRequest("bad-request", "Bad Request", detail, null);
    }

    public static ApiException badParameter(String parameter, String message) {
        return new BadRequest("invalid-parameter", "Invalid Parameter",
                "parameter '" + parameter + "': " + message, List.of(new Problem.Violation(parameter, message)));
    }

    /** 404 on REST; GraphQL error code NOT_FOUND. */
    @ErrorCode("NOT_FOUND")
    public static class NotFound extends ApiException {
        public NotFound(String detail) {
            super(404, "not-found", "Not Found", detail, null);
        }
    }

    /** 409/412 on REST (a stale version, a record still referred to); GraphQL error code CONFLICT. */
    @ErrorCode("CONFLICT")
    public static class Conflict extends ApiException {
        public Conflict(int status, String detail) {
            super(status, status == 412 ? "precondition-failed" : "conflict", status == 412 ? "Precondition Failed" : "Conflict", detail, null);
        }
    }

    /** 422 on REST (well-formed but not acceptable, e.g. a status change without evidence); GraphQL code UNPROCESSABLE. */
    @ErrorCode("UNPROCESSABLE")
    public static class Unprocessable extends ApiException {
        public Unprocessable(String detail, List<Problem.Violation> violations) {
            super(422, "unprocessable", "Unprocessable Content", detail, violations);
        }
    }

    /** 400 on REST; GraphQL error code BAD_REQUEST. */
    @ErrorCode("BAD_REQUEST")
    public static class BadRequest extends ApiException {
        public BadRequest(String type, String title, String detail, List<Problem.Violation> violations) {
            super(400, type, title, detail, violations);
        }
    }

    public int status() {
        return status;
    }

    /**
     * The GraphQL {@code extensions.code} of this error, from its status: the same for every ApiException, whatever
     * its class (SmallRye would otherwise derive "api" from the class name of a plain ApiException).
     */
    public String code() {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 409, 412 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 422 -> "UNPROCESSABLE";
            case 428 -> "PRECONDITION_REQUIRED";
            case 429 -> "RATE_LIMITED";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
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
