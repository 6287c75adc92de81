package org.labledger.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Rejects path parameters and query parameters (names and values, decoded) that break {@link TextRules}, and
 * absurdly long ones, with a 400 problem naming the parameter, before they reach a query: PostgreSQL cannot
 * even compare text holding NUL (a 500 otherwise), and the other refused characters could never match stored
 * text. It runs after matching, so that a path parameter is named as its endpoint declares it ({@code slug}).
 */
public class RequestGuard {

    static final int MAX_PARAMETER_LENGTH = 1000;

    @ServerRequestFilter
    public Response check(ContainerRequestContext ctx) {
        UriInfo uri = ctx.getUriInfo();
        Response refused = check(uri, "path parameter", uri.getPathParameters(true));
        return refused != null ? refused : check(uri, "query parameter", uri.getQueryParameters(true));
    }

    private static Response check(UriInfo uri, String kind, MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
            String problem = TextRules.problem(e.getKey()) != null ? "has a name that " + TextRules.problem(e.getKey()) : null;
            for (String v : e.getValue()) {
                if (problem == null) {
                    problem = TextRules.problem(v) != null ? TextRules.problem(v)
                            : v.length() > MAX_PARAMETER_LENGTH ? "is longer than " + MAX_PARAMETER_LENGTH + " characters" : null;
                }
            }
            if (problem != null) {
                String name = TextRules.xmlSafe(e.getKey());
                return ProblemMappers.problem(400, "invalid-parameter", "Invalid Parameter", kind + " '" + name + "' " + problem,
                        uri.getRequestUri().getRawPath(), List.of(new Problem.Violation(name, problem)));
            }
        }
        return null;
    }
}
