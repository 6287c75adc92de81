package org.labledger.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;

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
    public Response check(ContainerRequestContext ctx, ResourceInfo resource) {
        UriInfo uri = ctx.getUriInfo();
        Response refused = check(uri, "path parameter", uri.getPathParameters(true));
        refused = refused != null ? refused : check(uri, "query parameter", uri.getQueryParameters(true));
        return refused != null ? refused : unknown(uri, resource);
    }

    /** The query parameters each endpoint method declares (@QueryParam), by method. */
    private static final Map<java.lang.reflect.Method, java.util.Set<String>> DECLARED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A query parameter the endpoint does not declare is a mistake (a misspelt filter would otherwise be ignored and
     * return everything): 400 naming it and the parameters the endpoint takes.
     */
    private static Response unknown(UriInfo uri, ResourceInfo resource) {
        if (uri.getQueryParameters().isEmpty() || resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        java.util.Set<String> declared = DECLARED.computeIfAbsent(resource.getResourceMethod(), RequestGuard::queryParameters);
        List<String> unknown = uri.getQueryParameters().keySet().stream().filter(n -> !declared.contains(n)).sorted().toList();
        if (unknown.isEmpty()) {
            return repeated(uri, resource.getResourceMethod());
        }
        String accepted = declared.isEmpty() ? "it takes no query parameters" : "it takes " + new java.util.TreeSet<>(declared);
        List<Problem.Violation> violations = unknown.stream().map(n -> new Problem.Violation(n, "unknown query parameter; " + accepted)).toList();
        return ProblemMappers.problem(400, "invalid-parameter", "Invalid Parameter",
                "unknown query parameter" + (unknown.size() > 1 ? "s " : " ") + unknown.stream().map(n -> "'" + n + "'").reduce((a, b) -> a + ", " + b).orElse("")
                        + "; " + accepted, uri.getRequestUri().getRawPath(), violations);
    }

    /** The query parameters that take several values (a collection parameter: repeated or comma-separated), by method. */
    private static final Map<java.lang.reflect.Method, java.util.Set<String>> MULTI = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A parameter of one value given more than once ({@code lab=anthropic&lab=openai}) is a mistake too: JAX-RS would
     * take the first and drop the others without a word, so the answer would look like the one asked for and not be.
     */
    private static Response repeated(UriInfo uri, java.lang.reflect.Method m) {
        java.util.Set<String> multi = MULTI.computeIfAbsent(m, RequestGuard::collectionParameters);
        for (Map.Entry<String, List<String>> e : uri.getQueryParameters().entrySet()) {
            if (e.getValue().size() > 1 && !multi.contains(e.getKey())) {
                String name = TextRules.xmlSafe(e.getKey());
                String problem = "is given " + e.getValue().size() + " times; it takes one value";
                return ProblemMappers.problem(400, "invalid-parameter", "Invalid Parameter", "query parameter '" + name + "' " + problem,
                        uri.getRequestUri().getRawPath(), List.of(new Problem.Violation(name, problem)));
            }
        }
        return null;
    }

    private static java.util.Set<String> collectionParameters(java.lang.reflect.Method m) {
        java.util.Set<String> names = new java.util.HashSet<>();
        java.lang.annotation.Annotation[][] annotations = m.getParameterAnnotations();
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < annotations.length; i++) {
            for (java.lang.annotation.Annotation a : annotations[i]) {
                if (a instanceof jakarta.ws.rs.QueryParam q && (java.util.Collection.class.isAssignableFrom(types[i]) || types[i].isArray())) {
                    names.add(q.value());
                }
            }
        }
        return java.util.Set.copyOf(names);
    }

    private static java.util.Set<String> queryParameters(java.lang.reflect.Method m) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (java.lang.annotation.Annotation[] annotations : m.getParameterAnnotations()) {
            for (java.lang.annotation.Annotation a : annotations) {
                if (a instanceof jakarta.ws.rs.QueryParam q) {
                    names.add(q.value());
                }
            }
        }
        return java.util.Set.copyOf(names);
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
