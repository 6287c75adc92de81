package org.labledger.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The methods a path takes, for the {@code Allow} header a {@code 405} must carry (RFC 9110 §15.5.6) and an
 * {@code OPTIONS} answers with. Quarkus REST refuses a method with a {@code NotAllowedException} that names none, and
 * its own {@code OPTIONS} lists every method of the resource class, sub-paths included ({@code DELETE} on
 * {@code /api/labs}, which only {@code /api/labs/{slug}} takes). Read once, from the JAX-RS annotations of the
 * application's resource classes (the CDI beans annotated {@code @Path}): each method's path template, made a pattern.
 */
@ApplicationScoped
public class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})*))?}");

    record Route(Pattern path, String method) {
    }

    @Inject
    BeanManager beans;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    /**
     * {@code OPTIONS} on a REST path, answered here with the methods it takes (a CORS preflight is answered before, by
     * {@link Cors} at -300); a path no route takes is a 404 problem (Quarkus REST answered 200 for any path under a
     * resource class's prefix).
     */
    void routes(@jakarta.enterprise.event.Observes io.vertx.ext.web.Router router) {
        router.routeWithRegex("/api(?:/.*)?").method(io.vertx.core.http.HttpMethod.OPTIONS).order(-90).handler(rc -> {
            String allow = allow(rc.normalizedPath());
            if (allow == null && routes().isEmpty()) {
                rc.next(); // no annotations to read (a native image registers none for reflection): Quarkus REST answers
                return;
            }
            if (allow == null) {
                try {
                    rc.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("X-Content-Type-Options", "nosniff")
                            .end(mapper.writeValueAsString(new Problem(ProblemMappers.TYPE_BASE + "not-found", "Not Found", 404,
                                    "nothing here: no such endpoint", rc.request().path(), null)));
                } catch (Exception e) {
                    rc.fail(e);
                }
                return;
            }
            rc.response().setStatusCode(204).putHeader("Allow", allow).end();
        });
    }

    private volatile List<Route> routes;

    /** The methods that {@code path} (as requested, without the query) takes, HEAD and OPTIONS included; empty when none. */
    public Set<String> of(String path) {
        String p = path == null || path.isEmpty() ? "/" : (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        Set<String> methods = new TreeSet<>();
        for (Route r : routes()) {
            if (r.path().matcher(p).matches()) {
                methods.add(r.method());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        if (!methods.isEmpty()) {
            methods.add("OPTIONS");
        }
        return methods;
    }

    /** The {@code Allow} header's value for {@code path}, or null when no route takes it. */
    public String allow(String path) {
        Set<String> methods = of(path);
        return methods.isEmpty() ? null : String.join(", ", methods);
    }

    private List<Route> routes() {
        List<Route> r = routes;
        if (r == null) {
            r = new ArrayList<>();
            for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
                Class<?> type = bean.getBeanClass();
                Path base = type.getAnnotation(Path.class);
                if (base == null || !type.getName().startsWith("org.labledger.")) {
                    continue;
                }
                for (Method m : type.getMethods()) {
                    String verb = verb(m);
                    if (verb != null) {
                        Path sub = m.getAnnotation(Path.class);
                        r.add(new Route(pattern(base.value() + "/" + (sub == null ? "" : sub.value())), verb));
                    }
                }
            }
            routes = List.copyOf(r);
        }
        return r;
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** A JAX-RS path template as a pattern: {@code {name}} one segment, {@code {name: regex}} its regex, the rest literal. */
    static Pattern pattern(String template) {
        String t = ("/" + template).replaceAll("/{2,}", "/");
        if (t.length() > 1 && t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAMETER.matcher(t);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(t.substring(at, m.start())));
            regex.append(m.group(1) == null ? "[^/]+" : "(?:" + m.group(1).trim() + ")");
            at = m.end();
        }
        regex.append(Pattern.quote(t.substring(at)));
        return Pattern.compile(regex.toString());
    }
}
