package org.labledger.topic;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

/** A topic as written by curators; {@code parent} is a topic slug (null: a root topic). */
@Input("TopicInput")
@Description("A topic as written by curators")
@RegisterForReflection
public record TopicInput(
        @Description("Stable identifier (lower case, digits, dashes); given on create, never changed (derived from the name/title when absent)") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String slug,
        @Description("Display name") @NotBlank(message = "is required") @Size(max = 200) String name,
        @Description("The parent topic's slug (none: a root topic)") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String parent,
        @Description("What it is or covers") @Size(max = 10_000) String description,
        @Description("Why the change was made (recorded in the change history)") @Size(max = 5000) String reason) {
}
