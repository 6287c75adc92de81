package org.labledger.entity;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;
import org.labledger.source.QuoteInput;

import java.util.List;

/** A named entity as written by curators: name, aliases, affiliation and role only as a document writes them. */
@Input("EntityInput")
@Description("A named entity as written by curators; an update replaces every field, its aliases and citations")
@RegisterForReflection
public record EntityInput(
        @Description("Stable identifier (lower case, digits, dashes); given on create, never changed") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String slug,
        @Description("The name, as a document writes it") @NotBlank(message = "is required") @Size(max = 200) String name,
        @Description("What kind of entity it is") @NotNull(message = "is required") EntityKind kind,
        @Description("Affiliation, only as a document states it") @Size(max = 500) String affiliation,
        @Description("Role, only as a document states it") @Size(max = 500) String role,
        @Description("The lab this entity is (slug), only where unambiguous") @Size(max = 100) String lab,
        @Description("Whether the identification is the curator's inference (then a rationale is required)") Boolean inference,
        @Description("Why the curator made the inference") @Size(max = 5000) String rationale,
        @Description("Other names: the documents' spellings, or the curator's identifications (replaces them)") @Size(max = 50) List<@Valid @NotNull(message = "is null") AliasInput> aliases,
        @Description("Where the documents name the entity: at least one citation (replaces them)") @NotNull(message = "is required") @Size(min = 1, max = 20) List<@Valid @NotNull(message = "is null") QuoteInput> citations,
        @Description("Why the change was made (recorded in the change history)") @Size(max = 5000) String reason) {

    @Input("EntityAliasInput")
    @Description("Another name of an entity")
    @RegisterForReflection
    public record AliasInput(@Description("The name") @NotBlank(message = "is required") @Size(max = 200) String name,
                             @Description("true: the curator's identification, not a document's spelling (then a rationale is required)") Boolean inference,
                             @Description("Why the curator made the identification") @Size(max = 5000) String rationale) {
    }
}
