package org.labledger.entity;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.labledger.common.ApiException;
import org.labledger.common.Batch;
import org.labledger.common.PageInfo;
import org.labledger.common.Paging;
import org.labledger.lab.Lab;
import org.labledger.lab.LabNode;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.SubjectType;

import java.util.List;
import java.util.Map;

/** Named entities over GraphQL; relations resolved in batches. */
@GraphQLApi
public class EntityGraphQL {

    @Inject
    EntityManager em;
    @Inject
    CitationService citations;
    @Inject
    EntityService entities;

    @Query("entities")
    @Description("Named entities by slug, optionally of one kind")
    public @NonNull List<@NonNull EntityNode> entities(@Description("Only entities of this kind") EntityKind kind) {
        String where = kind == null ? "" : " where e.kind = :kind";
        var q = em.createQuery("select distinct e from NamedEntity e left join fetch e.lab left join fetch e.aliases" + where + " order by e.slug",
                NamedEntity.class);
        if (kind != null) {
            q.setParameter("kind", kind);
        }
        return q.getResultList().stream().map(EntityNode::of).toList();
    }

    @Name("EntityEdge")
    @Description("A named entity of a connection, with the cursor after it")
    public record EntityEdge(@NonNull @Description("The cursor after this entity: pass it as `after` for the entities that follow it (opaque)") String cursor,
                             @NonNull @Description("The entity") EntityNode node) {
    }

    @Name("EntityConnection")
    @Description("A page of named entities by keyset (Relay connection), by slug: every page costs what the first does, however deep")
    public record EntityConnection(@NonNull @Description("The entities of this page, by slug, each with its cursor") List<@NonNull EntityEdge> edges,
                                   @NonNull @Description("Whether more entities follow, and the cursor to ask for them with") PageInfo pageInfo,
                                   @Description("How many entities match in all") int totalCount) {
    }

    @Query("entityConnection")
    @Description("Named entities by slug, optionally of one kind, by keyset (Relay connection): `first` entities after the cursor `after`; "
            + "the cursors are those of GET /api/entities (and /api/people: kind PERSON)")
    public @NonNull EntityConnection entityConnection(@Description("Only entities of this kind") EntityKind kind,
                                                      @DefaultValue("50") @Description("How many entities, 1 to 200") int first,
                                                      @Description("The endCursor (or an edge's cursor) of the previous page; from the first entity when absent") String after) {
        return Paging.connection(first, n -> entities.idsAfter(kind, after, n), ids -> Batch.ordered(ids, byIds(em, ids)), EntityEdge::new, EntityConnection::new);
    }

    @Query("entity")
    @Description("One named entity by slug; error NOT_FOUND when there is none")
    public EntityNode entity(@NonNull @Description("The entity's slug") String slug) {
        List<NamedEntity> found = em.createQuery("select distinct e from NamedEntity e left join fetch e.lab left join fetch e.aliases where e.slug = ?1",
                NamedEntity.class).setParameter(1, slug).getResultList();
        if (found.isEmpty()) {
            throw ApiException.notFound("entity", slug);
        }
        return EntityNode.of(found.get(0));
    }

    /** Entities by id (for the claim room's batch resolvers), aliases fetched. */
    public static Map<Long, EntityNode> byIds(EntityManager em, List<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return Batch.index(em.createQuery("select distinct e from NamedEntity e left join fetch e.lab left join fetch e.aliases where e.id in ?1",
                NamedEntity.class).setParameter(1, ids).getResultList().stream().map(EntityNode::of).toList(), EntityNode::id);
    }

    @Description("The lab this entity is, where the identification is unambiguous")
    public List<LabNode> lab(@Source List<EntityNode> entities) {
        List<Long> ids = Batch.keys(entities, EntityNode::labId);
        Map<Long, LabNode> labs = ids.isEmpty() ? Map.of() : Batch.index(Lab.<Lab>list("id in ?1", ids).stream().map(LabNode::of).toList(), LabNode::id);
        return Batch.one(entities, EntityNode::labId, labs);
    }

    @Description("Where the documents name the entity")
    public List<@NonNull List<@NonNull CitationView>> citations(@Source List<EntityNode> entities) {
        return Batch.many(entities, EntityNode::id, citations.forSubjects(SubjectType.ENTITY, Batch.keys(entities, EntityNode::id)));
    }

    // Provision.heldEntity lives here, with the type it returns: the agreement room names no class of this room.
    @Name("heldEntity")
    @Description("The legal entity a stake is held in (e.g. OpenAI Group PBC), only as the document states it; null when none is recorded")
    public List<EntityNode> provisionHeldEntity(@Source List<org.labledger.agreement.ProvisionNode> provisions) {
        return Batch.one(provisions, org.labledger.agreement.ProvisionNode::heldEntityId,
                byIds(em, Batch.keys(provisions, org.labledger.agreement.ProvisionNode::heldEntityId)));
    }
}
