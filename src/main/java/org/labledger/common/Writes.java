package org.labledger.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Shared rules of the curation write API: field formats, version checks, merge patches, problems. */
public final class Writes {

    /** Slugs and keys: lower-case letters and digits, words joined by single hyphens. */
    public static final String KEY = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
    public static final String KEY_MESSAGE = "must be lower-case letters and digits joined by single hyphens (e.g. my-key-2)";
    /** The longest citation quote, for every write path (REST, GraphQL, dataset import) and the dataset's JSON Schema. */
    public static final int MAX_QUOTE = 2000;
    /** Partial ISO dates; the same rule is in seeds/schema (partialDate) and the database (is_partial_date), checked by SeedSchemaTest. */
    public static final String PARTIAL_DATE = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$";
    public static final String DATE_MESSAGE = "must be a partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD";
    public static final String URL = "^https?://[^\\s]+$";
    public static final String URL_MESSAGE = "must be an http(s) URL";

    private Writes() {
    }

    public static ApiException.Unprocessable unprocessable(String field, String message) {
        return new ApiException.Unprocessable(field + ": " + message, List.of(new Problem.Violation(field, message)));
    }

    /** A referenced slug or key that does not exist: 422 naming the field. */
    public static ApiException.Unprocessable unknown(String field, String what, String key) {
        return unprocessable(field, "unknown " + what + " '" + key + "'");
    }

    public static ApiException required(String field) {
        return new ApiException.BadRequest("invalid-parameter", "Invalid Parameter", field + ": is required",
                List.of(new Problem.Violation(field, "is required")));
    }

    /** 409: the slug or key is taken. */
    public static ApiException exists(String what, String key) {
        return new ApiException.Conflict(409, what + " '" + key + "' already exists");
    }

    /** 409: the record is still referred to and cannot be deleted. */
    public static ApiException referenced(String what, List<String> reasons) {
        return new ApiException.Conflict(409, what + " cannot be deleted: " + String.join(", ", reasons) + " refer to it");
    }

    /** Adds "n things" to the reasons when n > 0. */
    public static void count(List<String> reasons, long n, String things) {
        if (n > 0) {
            reasons.add(n + " " + things);
        }
    }

    /**
     * The version check of a write: {@code expected} (GraphQL; mismatch → 409 CONFLICT) when given,
     * otherwise the If-Match header (REST; missing → 428, stale → 412). {@code optional}: no header is fine (DELETE).
     */
    public static void version(String ifMatch, Integer expected, int current, String what, boolean optional) {
        if (expected != null) {
            if (expected != current) {
                throw Preconditions.conflict(409, what + " is at version " + current + ", not " + expected + "; read it again and reapply your change");
            }
            return;
        }
        if (optional && (ifMatch == null || ifMatch.isBlank())) {
            return;
        }
        Preconditions.ifMatch(ifMatch, current, what);
    }

    /** The key of a record is not changed by an update: the body may repeat it, not change it. */
    public static void sameKey(String field, String current, String given) {
        if (given != null && !given.equals(current)) {
            throw unprocessable(field, "cannot be changed (is '" + current + "'); create a new record instead");
        }
    }

    /** Bean Validation of an input (GraphQL, merge patches): 400 listing every violation. */
    public static <T> void validate(Validator validator, T input, String prefix) {
        if (input == null) {
            throw required(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            List<Problem.Violation> list = violations.stream()
                    .map(v -> new Problem.Violation(prefix + v.getPropertyPath(), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.Violation::field)).toList();
            throw new ApiException.BadRequest("invalid-parameter", "Invalid Parameter",
                    list.stream().map(v -> v.field() + ": " + v.message()).reduce((x, y) -> x + "; " + y).orElse(""), list);
        }
    }

    /** RFC 7396 merge patch of {@code patch} onto {@code current}, read back as the input type and validated. */
    public static <T> T merge(ObjectMapper mapper, Validator validator, T current, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("a merge patch must be a JSON object");
        }
        ObjectNode node = mapper.valueToTree(current);
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                node.remove(e.getKey());
            } else {
                node.set(e.getKey(), e.getValue());
            }
        });
        T merged;
        try {
            // the application mapper refuses unknown fields and checks every string (JacksonConfig)
            merged = mapper.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw ProblemMappers.invalidBody(e);
        } catch (JsonProcessingException e) {
            throw ProblemMappers.malformed(e);
        }
        validate(validator, merged, "");
        return merged;
    }

    public static String text(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
