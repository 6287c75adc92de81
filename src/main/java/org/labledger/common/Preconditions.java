package org.labledger.common;

import jakarta.ws.rs.core.EntityTag;

/** Optimistic locking over HTTP: entity tags derived from a record's version, If-Match required on writes. */
public final class Preconditions {

    private Preconditions() {
    }

    /** The entity tag of a versioned record: {@code "v<version>"}. */
    public static String etag(int version) {
        return "\"v" + version + "\"";
    }

    /** The same entity tag as {@link #etag(int)}, for {@code Response.ResponseBuilder.tag} (which adds the quotes). */
    public static EntityTag entityTag(int version) {
        return new EntityTag("v" + version);
    }

    /**
     * Checks {@code If-Match} against the record's current version: missing → 428, not matching → 412
     * (the client must GET the record again and redo its change). {@code *} matches any version.
     */
    public static void ifMatch(String ifMatch, int version, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(428, "precondition-required", "Precondition Required",
                    "updating " + what + " needs an If-Match header with its current ETag (GET it first), so that no change is lost", null);
        }
        String current = etag(version);
        for (String candidate : ifMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(current) || c.equals("W/" + current)) {
                return;
            }
        }
        throw conflict(412, what + " was changed by someone else (current ETag " + current + ", If-Match " + ifMatch.trim() + "); GET it again and reapply your change");
    }

    /** A version mismatch: 412 over REST (If-Match), 409 for batch items and GraphQL (CONFLICT). */
    public static ApiException conflict(int status, String detail) {
        return new ApiException.Conflict(status, detail);
    }
}
