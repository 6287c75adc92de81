package org.labledger.source;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

/** One citation of a record written together with it (a claim's, an entity's): the source, and a quote and/or a locator. */
@Input("QuoteInput")
@Description("A citation written with its record: the source, and a short verbatim quote and/or a locator")
@RegisterForReflection
public record QuoteInput(
        @Description("The key of the source cited") @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String source,
        @Description("A short verbatim quote from the source") @Size(max = Writes.MAX_QUOTE) String quote,
        @Description("Where in the source (page, section, comment)") @Size(max = 500) String locator) {
}
