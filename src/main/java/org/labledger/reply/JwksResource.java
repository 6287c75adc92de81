package org.labledger.reply;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public key that verifies receipts, as a JWK Set (RFC 7517) at a well-known URL. */
@Path(JwksResource.PATH)
@Tag(name = "reply")
public class JwksResource {

    public static final String PATH = "/.well-known/jwks.json";

    @Inject
    ReceiptSigner signer;

    @GET
    @Produces("application/jwk-set+json")
    @Operation(operationId = "getReceiptKeys", summary = "The public key(s) that verify the receipts' signatures (JWK Set; a receipt's JWS header names its key by kid)")
    @APIResponse(responseCode = "200", description = "the JWK Set", content = @Content(mediaType = "application/jwk-set+json", schema = @Schema(type = SchemaType.OBJECT)))
    public Response jwks() {
        return Response.ok(signer.jwks(), "application/jwk-set+json").header("Cache-Control", "public, max-age=300").build();
    }
}
