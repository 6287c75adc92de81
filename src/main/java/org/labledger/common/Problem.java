package org.labledger.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}.
 *
 * @param type     a URI naming the kind of problem
 * @param title    short, human-readable summary of the kind of problem
 * @param status   the HTTP status code
 * @param detail   what went wrong in this occurrence
 * @param instance the request path
 * @param errors   individual violations (parameter or field and message), when there are several
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // built by the exception mappers into a Response (with its nested Violation)
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One mistake: the parameter, field or form part it concerns, and for files where in the file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Violation(String field, String message, String file, Integer line, Integer column) {

        public Violation(String field, String message) {
            this(field, message, null, null, null);
        }
    }
}
