package org.labledger.common;

import jakarta.ws.rs.core.EntityTag;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Optimistic locking over HTTP: entity tags derived from a record's version, If-Match required on writes.
 *
 * <p>A resource tags a writable record with {@link #entityTag(int)} ({@code v<version>}); {@link HttpCaching} then
 * completes the tag with the hash of the body actually sent: {@code "v<version>-<sha256 of the body>"}. The version
 * part is what {@code If-Match} is checked against (the record's own fields are what a write replaces); the hash
 * part makes the tag change whenever anything else in the representation changes (embedded citations, counts,
 * answers of a question), so that {@code If-None-Match} never validates a stale copy.
 */
public final class Preconditions {

    /** {@code v<version>} or {@code v<version>-<hash>}, optionally weak, quoted. */
    private static final Pattern VERSION_TAG = Pattern.compile("^(?:W/)?\"v(\\d{1,10})(?:-[A-Za-z0-9_-]*)?\"$");

    private Preconditions() {
    }

    /** The version part of an entity tag: {@code "v<version>"}. */
    public static String etag(int version) {
        return "\"v" + version + "\"";
    }

    /** The version tag a resource sets ({@code Response.ResponseBuilder.tag} adds the quotes); HttpCaching appends the body hash. */
    public static EntityTag entityTag(int version) {
        return new EntityTag("v" + version);
    }

    /**
     * Checks {@code If-Match} against the record's current version: missing → 428, not matching → 412
     * (the client must GET the record again and redo its change). {@code *} matches any version. A tag matches when
     * its version part is the current version: {@code "v3-…"} as sent by a GET, or a bare {@code "v3"}.
     */
    public static void ifMatch(String ifMatch, int version, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(428, "precondition-required", "Precondition Required",
                    "updating " + what + " needs an If-Match header with its current ETag (GET it first), so that no change is lost", null);
        }
        for (String candidate : ifMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) {
                return;
            }
            Matcher m = VERSION_TAG.matcher(c);
            if (m.matches() && m.group(1).equals(Integer.toString(version))) {
                return;
            }
        }
        throw conflict(412, what + " was changed by someone else (it is at version " + version + ": current ETag \"v" + version
                + "-…\", If-Match " + TextRules.xmlSafe(ifMatch.trim()) + "); GET it again and reapply your change");
    }

    /** A version mismatch: 412 over REST (If-Match), 409 for batch items and GraphQL (CONFLICT). */
    public static ApiException conflict(int status, String detail) {
        return new ApiException.Conflict(status, detail);
    }
}
