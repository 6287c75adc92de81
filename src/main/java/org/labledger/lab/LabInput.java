package org.labledger.lab;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

import java.util.List;

/** A lab as written by admins: the slug is given on create and never changes; {@code parent} is a lab slug. */
@Input("LabInput")
@Description("A lab as written by admins")
@RegisterForReflection
public record LabInput(
        @Description("Stable identifier (lower case, digits, dashes); given on create, never changed (derived from the name/title when absent)") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String slug,
        @Description("Display name") @NotBlank(message = "is required") @Size(max = 200) String name,
        @Description("What kind of organisation it is") @NotNull(message = "is required") LabKind kind,
        @Description("The slug of the organisation the lab belongs to") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String parent,
        @Description("Home page URL") @Size(max = 2000) @Pattern(regexp = Writes.URL, message = Writes.URL_MESSAGE) String website,
        @Description("Other names the lab is known by") @Size(max = 50) List<@Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 200) String> aliases,
        @Description("Why the change was made (recorded in the change history)") @Size(max = 5000) String reason) {
}
