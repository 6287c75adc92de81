package org.labledger.source;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

/** A source document as written by curators; {@code citedIn} is the key of the source that references it. */
@Input("SourceInput")
@RegisterForReflection
public record SourceInput(
        @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String key,
        @NotBlank(message = "is required") @Size(max = 500) String title,
        @Size(max = 200) String publisher,
        @Size(max = 200) String author,
        @Size(max = 2000) @Pattern(regexp = Writes.URL, message = Writes.URL_MESSAGE) String url,
        @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String publishedOn,
        @NotNull(message = "is required") SourceKind kind,
        @Size(max = 200) String document,
        @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String citedIn,
        @Size(max = 10_000) String notes,
        @Size(max = 5000) String reason) {
}
