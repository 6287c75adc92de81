package org.labledger.site;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.labledger.common.Problem;

/**
 * A page of the site that fails with a client mistake (an unknown lab, a bad page number, an unknown query parameter)
 * answers with the same status as the API would (404, 400), as an HTML page a reader can follow, instead of the API's
 * problem+json: the problem (written by the common ProblemMappers and RequestGuard) is rendered with the error template.
 */
public class SiteErrors {

    @Inject
    @Location("site/error.html")
    Template error;

    @ServerResponseFilter
    public void html(jakarta.ws.rs.container.ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        if (!(response.getEntity() instanceof Problem p)) {
            return;
        }
        boolean matched = resource != null && resource.getResourceClass() != null;
        boolean sitePage = matched ? resource.getResourceClass().getPackageName().equals(SiteErrors.class.getPackageName()) : browsing(request);
        if (!sitePage) {
            return;
        }
        String html = error.data("status", p.status()).data("title", p.title()).data("detail", p.detail())
                .data("errors", p.errors() == null ? java.util.List.of() : p.errors()).data("alternates", java.util.List.of()).render();
        response.getHeaders().remove("Content-Type");
        response.setEntity(html, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    /**
     * A path no resource takes, asked for by a browser: outside the API's own prefixes ({@code /api}, {@code /graphql},
     * {@code /q}), with an Accept that prefers HTML (a browser's; a script's {@code *}{@code /*} or JSON keeps the problem).
     */
    static boolean browsing(jakarta.ws.rs.container.ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path == null || path.startsWith("/api") || path.startsWith("/graphql") || path.startsWith("/q/") || path.equals("/q")) {
            return false;
        }
        java.util.List<MediaType> accepted = request.getAcceptableMediaTypes();
        return !accepted.isEmpty() && accepted.get(0).isCompatible(MediaType.TEXT_HTML_TYPE) && !accepted.get(0).isWildcardType();
    }
}
