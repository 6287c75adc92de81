package org.labledger.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Rejects query parameters PostgreSQL could never store or compare (NUL characters) and absurdly long
 * ones before they reach a query, with a 400 problem instead of a database error.
 */
public class RequestGuard {

    static final int MAX_PARAMETER_LENGTH = 1000;

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext ctx) {
        for (Map.Entry<String, List<String>> e : ctx.getUriInfo().getQueryParameters().entrySet()) {
            for (String v : e.getValue()) {
                String problem = v.indexOf('\u0000') >= 0 ? "must not contain NUL characters"
                        : v.length() > MAX_PARAMETER_LENGTH ? "is longer than " + MAX_PARAMETER_LENGTH + " characters" : null;
                if (problem != null) {
                    return ProblemMappers.problem(400, "invalid-parameter", "Invalid Parameter",
                            "query parameter '" + e.getKey() + "' " + problem, ctx.getUriInfo().getRequestUri().getRawPath(),
                            List.of(new Problem.Violation(e.getKey(), problem)));
                }
            }
        }
        return null;
    }
}
