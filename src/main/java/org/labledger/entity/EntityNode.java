package org.labledger.entity;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import java.util.List;

/** A named entity as a GraphQL object; its lab and citations are batch resolvers of {@link EntityGraphQL}, its claims of the claim room. */
@Name("Entity")
@Description("A person, organisation, publication, legal entity, model, product or unnamed commenter the documents name: the claimants of claims")
public record EntityNode(@Ignore Long id,
                         @NonNull @Description("Stable key") String slug,
                         @NonNull @Description("The name as the documents write it (an unnamed commenter: how the document identifies them)") String name,
                         @NonNull @Description("What the entity is") EntityKind kind,
                         @Description("Affiliation, only as a document states it") String affiliation,
                         @Description("Role, only as a document states it") String role,
                         @Description("Whether the identification is the curator's inference rather than a document's statement") boolean inference,
                         @Description("Why the curator made the inference") String rationale,
                         @NonNull @Description("Other names: the documents' spellings and the curator's identifications") List<@NonNull AliasNode> aliases,
                         @Ignore Long labId) {

    @Name("EntityAlias")
    @Description("Another name of an entity")
    public record AliasNode(@NonNull @Description("The other name") String name,
                            @Description("false: a spelling a document uses; true: the curator's identification") boolean inference,
                            @Description("Why the curator identifies this name with the entity") String rationale) {
    }

    public static EntityNode of(NamedEntity e) {
        return new EntityNode(e.id, e.slug, e.name, e.kind, e.affiliation, e.role, e.inference, e.rationale,
                e.aliases.stream().map(a -> new AliasNode(a.name, a.inference, a.rationale)).toList(), e.lab == null ? null : e.lab.id);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof EntityNode n && id != null && id.equals(n.id));
    }

    @Override
    public int hashCode() {
        return id == null ? System.identityHashCode(this) : id.hashCode();
    }
}
