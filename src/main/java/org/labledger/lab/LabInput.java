package org.labledger.lab;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

import java.util.List;

/** A lab as written by admins: the slug is given on create and never changes; {@code parent} is a lab slug. */
@Input("LabInput")
@RegisterForReflection
public record LabInput(
        @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String slug,
        @NotBlank(message = "is required") @Size(max = 200) String name,
        @NotNull(message = "is required") LabKind kind,
        @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String parent,
        @Size(max = 2000) @Pattern(regexp = Writes.URL, message = Writes.URL_MESSAGE) String website,
        @Size(max = 50) List<@Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 200) String> aliases,
        @Size(max = 5000) String reason) {
}
