package org.labledger.event;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/** An event as a GraphQL object; labs, agreement, citations and claims are batch resolvers (EventGraphQL, ClaimGraphQL). */
@Name("Event")
@Description("A reported fact about labs that is not an agreement: a launch, a model shared, a public statement")
public record EventNode(@Ignore Long id,
                        @NonNull @Description("Stable identifier") String slug,
                        @NonNull @Description("Short title") String title,
                        @NonNull @Description("What kind of event it is") EventKind kind,
                        @Description("When it happened: YYYY, YYYY-MM or YYYY-MM-DD (null when the documents do not date it)") String occurredOn,
                        @Description("What happened, in the curator's words, with the documents' hedges (null when none)") String summary,
                        @Ignore Long agreementId) {

    public static EventNode of(Event e) {
        return new EventNode(e.id, e.slug, e.title, e.kind, e.occurredOn, e.summary, e.agreement == null ? null : e.agreement.id);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof EventNode n && id != null && id.equals(n.id));
    }

    @Override
    public int hashCode() {
        return id == null ? System.identityHashCode(this) : id.hashCode();
    }
}
