package org.labledger.common;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAPI document's {@code servers}: the public base URL ({@code labledger.http.public-base-url}), the same base
 * as every {@code Link} and {@code Location}. It is run-time configuration (a deployment sets it by environment
 * variable), so this is the one filter that runs at start-up; the rest of the document's shared rules are applied at
 * build time by {@link OpenApiContract}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class OpenApiServers implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        String base = ConfigProvider.getConfig().getOptionalValue(PublicUrls.KEY, String.class).orElse(PublicUrls.DEFAULT).trim();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        openAPI.setServers(new ArrayList<>(List.of(OASFactory.createServer().url(base)
                .description("this service (" + PublicUrls.KEY + ")"))));
    }
}
