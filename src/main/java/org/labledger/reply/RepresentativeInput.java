package org.labledger.reply;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An operator adds a token subject as one of a lab's representatives. */
@RegisterForReflection
public record RepresentativeInput(@NotBlank(message = "is required") @Size(max = 200) String subject, @Size(max = 500) String note) {
}
