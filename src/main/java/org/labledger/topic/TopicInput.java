package org.labledger.topic;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

/** A topic as written by curators; {@code parent} is a topic slug (null: a root topic). */
@Input("TopicInput")
@RegisterForReflection
public record TopicInput(
        @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String slug,
        @NotBlank(message = "is required") @Size(max = 200) String name,
        @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String parent,
        @Size(max = 10_000) String description,
        @Size(max = 5000) String reason) {
}
