package org.labledger.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses query parameters and collects every mistake, so that one 400 answer lists all of them
 * instead of making the client fix them one at a time.
 */
public final class Params {

    private final List<Problem.Violation> errors = new ArrayList<>();

    public int integer(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) {
                add(name, "must be between " + min + " and " + max + ", was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            add(name, "'" + value + "' is not a whole number");
            return defaultValue;
        }
    }

    /** Enum values, case-insensitive; repeated parameters and comma-separated lists both work. */
    public <E extends Enum<E>> List<E> enums(String name, List<String> values, Class<E> type) {
        List<E> out = new ArrayList<>();
        for (String v : values == null ? List.<String>of() : values) {
            for (String part : v.split(",")) {
                String s = part.trim();
                if (s.isEmpty()) {
                    continue;
                }
                try {
                    out.add(Enum.valueOf(type, s.toUpperCase()));
                } catch (IllegalArgumentException e) {
                    add(name, "unknown value '" + s + "'; expected one of "
                            + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
                }
            }
        }
        return out;
    }

    public <E extends Enum<E>> E oneEnum(String name, String value, Class<E> type) {
        List<E> list = enums(name, value == null ? List.of() : List.of(value), type);
        if (list.size() > 1) {
            add(name, "takes one value");
        }
        return list.isEmpty() ? null : list.get(0);
    }

    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public void add(String name, String message) {
        errors.add(new Problem.Violation(name, message));
    }

    /** Throws a 400 listing every collected mistake, if there is any. */
    public void check() {
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(v -> "parameter '" + v.field() + "': " + v.message())
                    .reduce((a, b) -> a + "; " + b).orElseThrow();
            throw new ApiException.BadRequest("invalid-parameter", "Invalid Parameter", detail, List.copyOf(errors));
        }
    }
}
