package org.labledger.agreement;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.ApiException;

import java.util.Arrays;
import java.util.List;

@Path("/api/agreements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agreements")
public class AgreementResource {

    @Inject
    AgreementService service;

    @GET
    @Operation(summary = "Agreements between labs, each version its own entry linked by supersedes/supersededBy")
    public List<AgreementService.AgreementSummary> list(@Parameter(description = "only agreements this lab is party to") @QueryParam("lab") String lab,
                                                        @Parameter(description = "only this kind") @QueryParam("kind") String kind) {
        AgreementKind k = null;
        if (kind != null && !kind.isBlank()) {
            try {
                k = AgreementKind.valueOf(kind.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter("kind", "unknown agreement kind '" + kind + "'; expected one of "
                        + Arrays.stream(AgreementKind.values()).map(Enum::name).toList());
            }
        }
        return service.list(lab == null || lab.isBlank() ? null : lab.trim(), k);
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "One agreement version: parties, provisions with figures and validity, the whole version chain, sources")
    public AgreementService.AgreementDetail get(@PathParam("slug") String slug) {
        return service.get(slug);
    }
}
