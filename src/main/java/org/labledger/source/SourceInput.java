package org.labledger.source;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.labledger.common.Writes;

/** A source document as written by curators; {@code citedIn} is the key of the source that references it. */
@Input("SourceInput")
@Description("A source document as written by curators")
@RegisterForReflection
public record SourceInput(
        @Description("Stable identifier (lower case, digits, dashes); given on create, never changed (derived when absent)") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String key,
        @Description("Title") @NotBlank(message = "is required") @Size(max = 500) String title,
        @Description("Publisher") @Size(max = 200) String publisher,
        @Description("Author") @Size(max = 200) String author,
        @Description("URL (http or https)") @Size(max = 2000) @Pattern(regexp = Writes.URL, message = Writes.URL_MESSAGE) String url,
        @Description("Publication date: YYYY, YYYY-MM or YYYY-MM-DD") @Pattern(regexp = Writes.PARTIAL_DATE, message = Writes.DATE_MESSAGE) String publishedOn,
        @Description("What kind of document it is") @NotNull(message = "is required") SourceKind kind,
        @Description("The file it was read from") @Size(max = 200) String document,
        @Description("The key of the source that references this one") @Size(max = 100) @Pattern(regexp = Writes.KEY, message = Writes.KEY_MESSAGE) String citedIn,
        @Description("Editorial notes") @Size(max = 10_000) String notes,
        @Description("Why the change was made (recorded in the change history)") @Size(max = 5000) String reason) {
}
