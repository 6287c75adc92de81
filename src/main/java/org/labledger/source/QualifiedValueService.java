package org.labledger.source;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads the figures and relative dates of many records of one type, one query each (like {@link CitationService}). */
@ApplicationScoped
public class QualifiedValueService {

    @jakarta.inject.Inject
    SubjectKeys keys;

    /** One record's figures and relative dates. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    @org.eclipse.microprofile.graphql.Name("QualifiedValues")
    @org.eclipse.microprofile.graphql.Description("A record's figures and relative dates")
    public record QualifiedValues(@org.eclipse.microprofile.graphql.NonNull @org.eclipse.microprofile.graphql.Description("The record's type") SubjectType type,
                                  @org.eclipse.microprofile.graphql.NonNull @org.eclipse.microprofile.graphql.Description("The record's slug or key") String key,
                                  @org.eclipse.microprofile.graphql.NonNull @org.eclipse.microprofile.graphql.Description("Its figures, in document order") List<@org.eclipse.microprofile.graphql.NonNull FigureView> figures,
                                  @org.eclipse.microprofile.graphql.NonNull @org.eclipse.microprofile.graphql.Description("Its relative dates, in document order") List<@org.eclipse.microprofile.graphql.NonNull RelativeDateView> relativeDates) {
    }

    /** The figures and relative dates of the record of this type (its name, case-insensitive) and key: 400 / 404 otherwise. */
    public QualifiedValues of(String type, String key) {
        SubjectType t;
        try {
            t = SubjectType.valueOf(type == null ? "" : type.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw org.labledger.common.ApiException.badParameter("type", "must be one of " + java.util.Arrays.toString(SubjectType.values()) + ", was '" + type + "'");
        }
        return of(t, key);
    }

    public QualifiedValues of(SubjectType type, String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw org.labledger.common.ApiException.badParameter("key", "is required (a slug or key, at most 200 characters)");
        }
        Long id = keys.id(type, key).orElseThrow(() -> org.labledger.common.ApiException.notFound(type.name().toLowerCase(java.util.Locale.ROOT), key));
        return new QualifiedValues(type, key, figures(type, List.of(id)).getOrDefault(id, List.of()),
                relativeDates(type, List.of(id)).getOrDefault(id, List.of()));
    }

    /** Removes a record's figures and relative dates (with the record: they are about nothing once it is gone). */
    public static void deleteFor(SubjectType type, Long id) {
        Figure.delete("subjectType = ?1 and subjectId = ?2", type, id);
        RelativeDate.delete("subjectType = ?1 and subjectId = ?2", type, id);
    }

    public Map<Long, List<FigureView>> figures(SubjectType type, Collection<Long> ids) {
        Map<Long, List<FigureView>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        for (Figure f : Figure.<Figure>list("select f from Figure f join fetch f.source where f.subjectType = ?1 and f.subjectId in ?2 order by f.subjectId, f.ordinal", type, ids)) {
            out.computeIfAbsent(f.subjectId, k -> new ArrayList<>()).add(FigureView.of(f));
        }
        return out;
    }

    public Map<Long, List<RelativeDateView>> relativeDates(SubjectType type, Collection<Long> ids) {
        Map<Long, List<RelativeDateView>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        for (RelativeDate r : RelativeDate.<RelativeDate>list("select r from RelativeDate r join fetch r.source join fetch r.anchor where r.subjectType = ?1 and r.subjectId in ?2 order by r.subjectId, r.ordinal", type, ids)) {
            out.computeIfAbsent(r.subjectId, k -> new ArrayList<>()).add(RelativeDateView.of(r));
        }
        return out;
    }
}
