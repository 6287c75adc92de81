package org.labledger.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Comparator;
import java.util.List;

/**
 * Turns every exception that reaches the REST layer into an RFC 9457 problem body. Client mistakes get
 * a 4xx naming the problem; anything unexpected becomes a 500 whose body says nothing about internals.
 */
public class ProblemMappers {

    public static final String TYPE_BASE = "https://labledger.org/problems/";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @jakarta.inject.Inject
    AllowedMethods allowed;

    public static Response problem(int status, String type, String title, String detail, String instance,
                                   List<Problem.Violation> errors, String... headers) {
        Response.ResponseBuilder b = Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(TYPE_BASE + type, title, status, detail, instance, errors));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return problem(e.status(), e.type(), e.title(), e.getMessage(), path(uri), e.violations());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = errors.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return problem(400, "invalid-parameter", "Invalid Parameter", detail, path(uri), errors);
    }

    /**
     * A body that is JSON but does not fit (a wrong type, an unknown enum value or field, a refused character, text
     * after the value): a 400 naming the field and what was expected there, in the client's terms. The subclasses
     * are listed because Quarkus REST has a mapper of its own for MismatchedInputException, which is closer to them
     * than JsonMappingException.
     */
    @ServerExceptionMapper({JsonMappingException.class, MismatchedInputException.class, InvalidFormatException.class,
            UnrecognizedPropertyException.class, PropertyBindingException.class, ValueInstantiationException.class})
    public Response mismatch(JsonMappingException e, UriInfo uri) {
        if (e instanceof InvalidDefinitionException) {
            return unexpected(e, uri); // a body type Jackson cannot build: the server's fault
        }
        return api(invalidBody(e), uri);
    }

    /** Not JSON at all. */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return api(malformed(e), uri);
    }

    /**
     * The 400 for a body (or a merge patch read back as its input type) that does not fit, naming the field
     * ({@code items[0].set.status}, {@code body} for the whole body) and what was expected there. The message never
     * carries Jackson's own wording, which names Java types.
     */
    public static ApiException.BadRequest invalidBody(JsonMappingException e) {
        String field = fieldPath(e);
        String message = describe(e);
        if (trailing(e)) {
            return new ApiException.BadRequest("malformed-json", "Malformed JSON", field + ": " + message, List.of(new Problem.Violation(field, message)));
        }
        return new ApiException.BadRequest("invalid-fields", "Invalid Fields", field + ": " + message, List.of(new Problem.Violation(field, message)));
    }

    /** The 400 for a body that is not JSON: the parser's message, where it stopped, nothing about the server. */
    public static ApiException.BadRequest malformed(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !(e instanceof InvalidDefinitionException)) {
            return invalidBody(m);
        }
        String loc = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
        return new ApiException.BadRequest("malformed-json", "Malformed JSON", "the body is not valid JSON: " + loc + clean(e.getOriginalMessage()), null);
    }

    /** What is wrong with the value at the failing field, in JSON terms ("must be an integer", "must be one of [A, B]"). */
    public static String describe(JsonMappingException e) {
        if (e instanceof JacksonConfig.RefusedText) {
            return e.getOriginalMessage();
        }
        if (trailing(e)) {
            return "unexpected text after the JSON value" + at(e.getLocation()) + "; a body is exactly one JSON value";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds() == null ? List.of()
                    : u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return "unknown field" + (known.isEmpty() ? "" : "; the fields are " + known);
        }
        if (e instanceof PropertyBindingException) {
            return "is not accepted here";
        }
        for (Throwable t : causes(e)) {
            if (t instanceof InputCoercionException c && c.getTargetType() != null) {
                String range = range(c.getTargetType());
                return "must be " + expected(c.getTargetType()) + (range == null ? "" : " from " + range) + "; the value is out of range";
            }
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType()
                : e instanceof ValueInstantiationException v && v.getType() != null ? v.getType().getRawClass() : null;
        String expected = target == null ? null : expected(target);
        if (expected == null) {
            return "is not a valid value here";
        }
        Object value = e instanceof InvalidFormatException f ? f.getValue() : null;
        return "must be " + expected + (value == null ? "" : ", was " + abbreviate(value));
    }

    /** A Java type as a JSON client sees it. */
    static String expected(Class<?> t) {
        if (t == String.class || t == char.class || t == Character.class || CharSequence.class.isAssignableFrom(t)) {
            return "a string";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (t == int.class || t == long.class || t == short.class || t == byte.class || t == Integer.class || t == Long.class
                || t == Short.class || t == Byte.class || t == java.math.BigInteger.class) {
            return "an integer";
        }
        if (t == double.class || t == float.class || Number.class.isAssignableFrom(t)) {
            return "a number";
        }
        if (t.isEnum()) {
            return "one of " + java.util.Arrays.stream(t.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
        }
        if (java.time.temporal.TemporalAccessor.class.isAssignableFrom(t)) {
            return "an ISO-8601 date or time";
        }
        if (t.isArray() || java.util.Collection.class.isAssignableFrom(t)) {
            return "an array";
        }
        if (com.fasterxml.jackson.databind.JsonNode.class.isAssignableFrom(t) || t == Object.class) {
            return null;
        }
        return "an object";
    }

    private static String range(Class<?> t) {
        return t == int.class || t == Integer.class ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                : t == long.class || t == Long.class ? Long.MIN_VALUE + " to " + Long.MAX_VALUE
                : t == short.class || t == Short.class ? Short.MIN_VALUE + " to " + Short.MAX_VALUE
                : t == byte.class || t == Byte.class ? Byte.MIN_VALUE + " to " + Byte.MAX_VALUE : null;
    }

    /** Whether Jackson refused text after the value (DeserializationFeature.FAIL_ON_TRAILING_TOKENS). */
    private static boolean trailing(JsonMappingException e) {
        return e instanceof MismatchedInputException && e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token");
    }

    /** "items[0].set.status": the path inside the body; "body" for the body itself. */
    private static String fieldPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : TextRules.xmlSafe(sb.toString());
    }

    private static String at(com.fasterxml.jackson.core.JsonLocation l) {
        return l == null || l.getLineNr() < 0 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    private static String abbreviate(Object value) {
        String s = TextRules.xmlSafe(String.valueOf(value));
        return "'" + (s.length() > 100 ? s.substring(0, 100) + "…" : s) + "'";
    }

    /**
     * A parser message without what it says about the server: the source description Jackson embeds in
     * locations ({@code [Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 1]} becomes
     * {@code line 1, column 1}), back-quoted names and anything shaped like a Java class name.
     */
    public static String clean(String message) {
        if (message == null) {
            return "";
        }
        String s = message.replaceAll("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
                .replaceAll("`[^`]*`", "a value")
                .replaceAll("\\b(?:java|javax|jakarta|com|org|io)\\.[A-Za-z0-9_.$]+", "a value");
        return TextRules.xmlSafe(s);
    }

    @ServerExceptionMapper
    public Response unauthorized(io.quarkus.security.UnauthorizedException e, UriInfo uri) {
        return problem(401, "unauthorized", "Unauthorized", "this operation needs a bearer token (Authorization: Bearer <JWT>)",
                path(uri), null, "WWW-Authenticate", "Bearer");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException e, UriInfo uri) {
        return problem(401, "unauthorized", "Unauthorized", "the bearer token was rejected (bad signature, issuer, audience or expired)",
                path(uri), null, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    /**
     * The version check at flush or commit failed: another client changed the record after this request read it.
     * A request that carried If-Match made its write conditional on the version it named, and that condition
     * failed: 412 (RFC 9110), as when the If-Match check itself sees the newer version. Without If-Match (a batch
     * item's own version) it is a 409 conflict.
     */
    @ServerExceptionMapper({jakarta.persistence.OptimisticLockException.class, org.hibernate.StaleStateException.class})
    public Response staleWrite(Exception e, UriInfo uri, HttpHeaders headers) {
        String ifMatch = headers == null ? null : headers.getHeaderString("If-Match");
        if (ifMatch != null && !ifMatch.isBlank()) {
            return problem(412, "precondition-failed", "Precondition Failed", "the record was changed by someone else while this request "
                    + "was applied (If-Match " + TextRules.xmlSafe(ifMatch.trim()) + " no longer matches); GET it again and reapply your change", path(uri), null);
        }
        return problem(409, "conflict", "Conflict", "the record was changed by someone else at the same time; read it again and reapply your change",
                path(uri), null);
    }

    /** Whether the version check of an update or delete failed (somewhere in the cause chain, e.g. of a failed commit). */
    static boolean staleVersion(Throwable e) {
        return causes(e).stream().anyMatch(t -> t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException);
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return problem(403, "forbidden", "Forbidden", "the token's roles do not allow this operation", path(uri), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException j) {
            // Quarkus REST's JSON reader wraps parse errors (and mapping errors other than mismatches) in a plain 400
            return j instanceof JsonMappingException m ? mismatch(m, uri) : json(j, uri);
        }
        if (status >= 500) {
            LOG.error("server error", e);
        }
        String title = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        String detail = status >= 500 ? "the server could not handle the request" : clientDetail(status, e.getMessage());
        if (status == 405) {
            // RFC 9110 §15.5.6: a 405 MUST say which methods the path takes (Quarkus REST's NotAllowedException names none)
            String allow = allowed.allow(uri == null ? null : uri.getPath());
            if (allow != null) {
                return problem(status, "method-not-allowed", title, "this path takes " + allow, path(uri), null, "Allow", allow);
            }
        }
        return problem(status, title.toLowerCase().replace(' ', '-'), title, detail, path(uri), null);
    }

    /**
     * The detail of a refusal Quarkus REST makes itself (routing, negotiation), in the API's words rather than the
     * framework's ("did not match the value in @Produces", "Unable to find matching target resource method"); a message
     * of the application's own is kept.
     */
    static String clientDetail(int status, String message) {
        String m = message == null ? "" : message;
        boolean framework = m.isEmpty() || m.startsWith("HTTP " + status) || m.contains("@Produces") || m.contains("@Consumes")
                || m.startsWith("Unable to find matching target resource method");
        if (!framework) {
            return m;
        }
        return switch (status) {
            case 404 -> "nothing here: no such endpoint, or a path parameter that is not of its type (an id is a whole number)";
            case 405 -> "this path does not take that method";
            case 406 -> "none of the media types the Accept header names is served here (application/json; some lists also text/csv)";
            case 415 -> "this operation does not read that Content-Type (send application/json)";
            default -> m.isEmpty() ? Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "error" : m;
        };
    }

    /** How Hibernate words every failure to obtain a JDBC connection (JdbcCoordinator / LogicalConnection). */
    static final String UNABLE_TO_ACQUIRE = "Unable to acquire JDBC Connection";

    /** Seconds a client is asked to wait before retrying while the database is unreachable. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response databaseUnavailable(JDBCConnectionException e, UriInfo uri) {
        return unavailable(e, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri, HttpHeaders headers) {
        if (!databaseUnreachable(e) && staleVersion(e)) {
            return staleWrite(e, uri, headers); // surfaced wrapped, e.g. by a failed commit
        }
        return unexpected(e, uri);
    }

    Response unexpected(Exception e, UriInfo uri) {
        if (databaseUnreachable(e)) {
            return unavailable(e, uri);
        }
        if (concurrentConflict(e)) {
            LOG.infof("conflicting concurrent write: %s", sqlRoot(e));
            return problem(409, "conflict", "Conflict", "the change conflicts with a change another client made at the same time "
                    + "(a key or position was taken meanwhile); read the current state and retry", path(uri), null);
        }
        LOG.error("unexpected error", e);
        return problem(500, "internal-error", "Internal Server Error",
                "the server could not handle the request", path(uri), null);
    }

    /**
     * 503 with Retry-After: the database cannot be reached (connection refused, no connection within the
     * acquisition timeout, connection lost). One line in the log, no stack trace: during an outage every
     * request ends here, and readiness already reports the cause.
     */
    private static Response unavailable(Throwable e, UriInfo uri) {
        boolean timedOut = statementTimedOut(e);
        if (timedOut) {
            LOG.warnf("statement cancelled after the statement timeout: %s", sqlRoot(e));
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            LOG.warnf("database unavailable: %s", root.toString());
        }
        return Response.status(503)
                .type(Problem.MEDIA_TYPE)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(new Problem(TYPE_BASE + "service-unavailable", "Service Unavailable", 503,
                        timedOut ? "the database did not answer within the time limit; retry later" : "the database is unavailable; retry later",
                        path(uri), null))
                .build();
    }

    /**
     * Whether a statement was cancelled (SQLState 57014: PostgreSQL's statement_timeout, see StatementTimeouts,
     * or an operator's pg_cancel_backend): nothing was written, and the request may succeed later.
     */
    static boolean statementTimedOut(Throwable e) {
        for (Throwable t : causes(e)) {
            if (t instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an exception (anywhere in its cause chain) says the database cannot be reached: Hibernate's
     * JDBCConnectionException, a transient-connection SQLException (Agroal's acquisition timeout), any
     * SQLException whose SQLState is in class 08 (connection exception) or 57P (server shutting down), or
     * any other failure to get a connection at all (Hibernate's "Unable to acquire JDBC Connection": e.g.
     * the driver's "Interrupted while attempting to connect" when the pool gives up on a connection that a
     * frozen server never completes, which carries no SQLState of its own). A statement cancelled by the
     * statement timeout (57014) counts too: the database could not serve the request in time.
     */
    public static boolean databaseUnreachable(Throwable e) {
        if (statementTimedOut(e)) {
            return true; // (also what GraphQLGuards answers SERVICE_UNAVAILABLE for)
        }
        for (Throwable t : causes(e)) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof org.hibernate.JDBCException j && j.getMessage() != null
                    && j.getMessage().startsWith(UNABLE_TO_ACQUIRE)) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the write lost a race with another transaction: a unique violation (23505, e.g. two clients
     * creating the same key at once; deferred constraints fail only at commit), a serialization failure
     * (40001) or a deadlock (40P01). Nothing was written; the client can read again and retry: 409.
     */
    public static boolean concurrentConflict(Throwable e) {
        for (Throwable t : causes(e)) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("23505") || sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exception, its causes and the exceptions suppressed along the way (each once). A failed commit
     * surfaces as a RollbackException whose cause chain is empty: the driver's SQLException hangs off an
     * XAException in its suppressed list.
     */
    static List<Throwable> causes(Throwable e) {
        List<Throwable> out = new java.util.ArrayList<>();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        if (e != null) {
            todo.add(e);
        }
        while (!todo.isEmpty() && out.size() < 100) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            out.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            for (Throwable s : t.getSuppressed()) {
                todo.add(s);
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
        }
        return out;
    }

    private static String sqlRoot(Throwable e) {
        return causes(e).stream().filter(t -> t instanceof SQLException).reduce((a, b) -> b).map(Throwable::getMessage).orElse(e.toString());
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    /** "put.change.status" → "status", "batch.batch.items[1].set.status" → "items[1].set.status": the path inside the body. */
    private static String field(ConstraintViolation<?> v) {
        String[] parts = v.getPropertyPath().toString().split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
    }
}
