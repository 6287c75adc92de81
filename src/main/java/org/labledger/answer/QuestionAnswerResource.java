package org.labledger.answer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.labledger.common.Preconditions;
import org.labledger.common.PublicUrls;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.labledger.common.OpenApiContract;

/**
 * Recording a lab's answer to a question, under the question's path (tagged with the questions): an answer write,
 * so here with the answers (the question room knows nothing of them). A root class with the full path: Quarkus REST
 * routes to the root class with the longest matching path, which this one is for {@code /api/questions/{key}/answers}.
 */
@Path("/api/questions/{key}/answers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "questions")
public class QuestionAnswerResource {

    @Inject
    AnswerWriteService answers;

    public record NewAnswer(@NotBlank(message = "is required") String lab,
                            @Valid @NotNull(message = "is required") AnswerChange set) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("curator")
    @SecurityRequirement(name = OpenApiContract.BEARER)
    @Operation(operationId = "createQuestionAnswer", summary = "Record the answer of a lab the question was not yet put to (needs evidence); 409 if it has one")
    @APIResponse(responseCode = "201", description = "the answer recorded", headers = {@Header(name = "Location", ref = "Location"), @Header(name = "ETag", ref = "ETag")}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerWriteService.AnswerDetail.class)))
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewAnswer.class),
            examples = @ExampleObject(name = "meta", summary = "record the answer of a lab the question was not yet put to", value = "{\"lab\": \"meta\", \"set\": {\"status\": \"UNANSWERED\", \"delivered\": false, \"reason\": \"question not yet sent to Meta\"}}")))
    public Response addAnswer(@Parameter(description = "a question", example = "alw-multi-staff-safety-concerns-process") @PathParam("key") String key, @Valid @NotNull NewAnswer body, @Context UriInfo uri) {
        AnswerWriteService.AnswerDetail a = answers.create(key, body.lab(), body.set(), "set.", answers::detail);
        return Response.created(PublicUrls.of("api/answers/{id}", a.id()))
                .tag(Preconditions.entityTag(a.version())).entity(a).build();
    }
}
