package org.labledger.common;

import jakarta.ws.rs.core.HttpHeaders;

/** Content negotiation for endpoints that serve JSON (default) and CSV. */
public final class Negotiation {

    private Negotiation() {
    }

    /** CSV only when the client asks for text/csv and not for JSON: browsers and curl (*\/*) get JSON. */
    public static boolean wantsCsv(HttpHeaders headers) {
        String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/csv") && !accept.contains("application/json");
    }
}
