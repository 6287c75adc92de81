package org.labledger.source;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import java.util.List;

/**
 * Sources over GraphQL. (The other reference lists a dashboard needs for its filters are served by their own rooms:
 * TopicGraphQL, QuestionnaireGraphQL; Questionnaire.source by QuestionnaireGraphQL, since questionnaires point at
 * sources and not the other way.)
 */
@GraphQLApi
public class SourceGraphQL {

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    @org.eclipse.microprofile.graphql.Input("SourceFilter")
    @Description("All given conditions must hold")
    public record SourceFilterInput(@Description("Any of these kinds") List<SourceKind> kinds,
                                    @Description("Only sources of this publisher (exact, ignoring case)") String publisher) {
    }

    @org.eclipse.microprofile.graphql.Name("SourcePage")
    @Description("One page of sources")
    public record SourcePage(@NonNull @Description("The sources of this page, by key") List<@NonNull SourceNode> items,
                             @Description("Page number, from 0") int page,
                             @Description("Page size") int size,
                             @Description("Matching sources in all") int totalItems,
                             @Description("Pages in all") int totalPages) {
    }

    @Query("sources")
    @Description("All sources, by key (kept as it was for existing clients; sourcePage filters and pages them)")
    public @NonNull List<@NonNull SourceNode> sources() {
        return Source.<Source>list("order by key").stream().map(SourceNode::of).toList();
    }

    @Query("sourcePage")
    @Description("Sources matching the filter, by key, one page at a time (page from 0, size 1 to 200)")
    public @NonNull SourcePage sourcePage(@Description("Conditions on the sources") SourceFilterInput filter,
                                       @org.eclipse.microprofile.graphql.DefaultValue("0") @Description("Page number, from 0") int page,
                                       @org.eclipse.microprofile.graphql.DefaultValue("50") @Description("Page size, 1 to 200") int size) {
        org.labledger.common.Paging.check(page, size);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        java.util.Map<String, Object> params = new java.util.LinkedHashMap<>();
        if (filter != null && filter.kinds() != null && !filter.kinds().isEmpty()) {
            where.append(" and s.kind in :kinds");
            params.put("kinds", filter.kinds());
        }
        String publisher = filter == null ? null : org.labledger.common.Params.text(filter.publisher());
        if (publisher != null) {
            where.append(" and lower(s.publisher) = lower(:publisher)");
            params.put("publisher", publisher);
        }
        var count = em.createQuery("select count(s) from Source s" + where, Long.class);
        var list = em.createQuery("select s from Source s" + where + " order by s.key", Source.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            list.setParameter(k, v);
        });
        long total = count.getSingleResult();
        List<SourceNode> items = total > (long) page * size
                ? list.setFirstResult(page * size).setMaxResults(size).getResultList().stream().map(SourceNode::of).toList() : List.of();
        var p = org.labledger.common.PageResult.of(items, page, size, total);
        return new SourcePage(items, page, size, (int) total, p.totalPages());
    }

    @jakarta.inject.Inject
    QualifiedValueService qualified;

    @Query("qualifiedValues")
    @Description("One record's figures (what each measures, its qualifier, value, unit, the document's words) and relative dates (words, anchor, a date derived only from a stated anchor date); error NOT_FOUND when there is no such record")
    public @NonNull QualifiedValueService.QualifiedValues qualifiedValues(@NonNull @Description("The record's type") SubjectType type,
                                                                         @NonNull @Description("The record's slug or key (an answer: questionKey/labSlug)") String key) {
        return qualified.of(type, key);
    }
}
