package org.labledger.agreement;

import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.labledger.lab.LabNode;

@Name("Party")
public record PartyNode(@NonNull LabNode lab, @NonNull String role) {
}
