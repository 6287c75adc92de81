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
import org.labledger.common.Params;

import java.util.List;

@Path("/api/agreements")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agreements")
public class AgreementResource {

    @Inject
    AgreementService service;

    @GET
    @Operation(summary = "Agreements between labs as a timeline of version chains (each version its own entry, linked by supersedes/supersededBy; chains by earliest known date)")
    public List<AgreementService.AgreementSummary> list(@Parameter(description = "only agreements this lab is party to") @QueryParam("lab") String lab,
                                                        @Parameter(description = "only this kind") @QueryParam("kind") String kind) {
        Params params = new Params();
        AgreementKind k = params.oneEnum("kind", kind, AgreementKind.class);
        params.check();
        return service.list(Params.text(lab), k);
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "One agreement version: parties, provisions with figures and validity, the whole version chain, sources")
    public AgreementService.AgreementDetail get(@PathParam("slug") String slug) {
        return service.get(slug);
    }
}
