package org.labledger.lab;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * A lab as a GraphQL object; its relations are resolved in batches by {@link LabGraphQL}, those returning types of
 * higher rooms (answers, questions, agreements, scorecard) by those rooms' GraphQL classes.
 */
@Name("Lab")
@Description("An AI lab or another organisation (a parent company, a partner) that questions are put to or that is party to agreements")
public record LabNode(@Ignore Long id,
                      @NonNull @Description("Stable identifier (anthropic, openai, google-deepmind, ...)") String slug,
                      @NonNull @Description("Display name") String name,
                      @NonNull @Description("What kind of organisation it is") LabKind kind,
                      @Description("Home page (null when not recorded)") String website,
                      @Ignore Long parentId,
                      @Description("True when no document writes the name: it is the curator's identification (see nameRationale)") boolean nameInference,
                      @Description("Why the curator names the lab so, when nameInference is true (null otherwise)") String nameRationale) {

    public static LabNode of(Lab l) {
        return new LabNode(l.id, l.slug, l.name, l.kind, l.website, l.parent == null ? null : l.parent.id, l.nameInference, l.nameRationale);
    }

    /**
     * Equal by id: GraphQL batch loaders key their sources by these nodes, and a record's own hash over every
     * component (texts, lists, timestamps) was a visible share of a dashboard request's time.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof LabNode n && id != null && id.equals(n.id));
    }

    @Override
    public int hashCode() {
        return id == null ? System.identityHashCode(this) : id.hashCode();
    }
}
