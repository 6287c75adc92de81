package org.labledger.agreement;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.labledger.lab.LabNode;

@Name("Party")
@Description("A party to an agreement, with its role")
public record PartyNode(@NonNull @Description("The party") LabNode lab,
                        @NonNull @Description("Its role in the agreement (investor, partner, ...)") String role) {
}
