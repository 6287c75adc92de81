package org.labledger.lab;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.labledger.common.ApiException;
import org.labledger.common.Numbers;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.SubjectType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@ApplicationScoped
public class LabService {

    @Inject
    EntityManager em;
    @Inject
    CitationService citations;

    public record LabSummary(String slug, String name, LabKind kind, String parent, String website, List<String> aliases,
                             long questionCount, long agreementCount) {
    }

    @Name("Score")
    @Description("A third-party score of a lab (e.g. AI Lab Watch)")
    public record ScoreView(@NonNull @Description("Stable identifier") String key,
                            @NonNull @Description("Who scored the lab") String scorer,
                            @NonNull @Description("The score") BigDecimal score,
                            @Description("The highest score possible (null when the scorer gives none)") BigDecimal maxScore,
                            @Description("When it was recorded: YYYY, YYYY-MM or YYYY-MM-DD (null when not known)") String recordedOn,
                            @Description("The key of the score this one replaces (null for the first)") String supersedes,
                            @Description("Whether this is the lab's current score from this scorer (not superseded)") boolean current,
                            @NonNull @Description("The evidence for the score") List<@NonNull CitationView> citations,
                            @Description("Why this score revised the one it supersedes, as the scorer says (e.g. \"based on Zac's feedback\"); null when not stated or not a revision") String revisionReason) {
    }

    /** A lab alias that is the curator's identification, not a document's name for the lab. */
    @Name("LabAliasInference")
    @Description("An alias of a lab that no document gives as the lab's name: the curator's identification, with why (e.g. the Saga article's \"DeepSee\" read as DeepSeek)")
    @RegisterForReflection
    public record AliasInference(@NonNull @Description("The alias, as a document writes it") String alias,
                                 @NonNull @Description("Why the curator reads it as this lab") String rationale) {
    }

    @RegisterForReflection
    public record Ref(String slug, String name) {
    }

    @RegisterForReflection
    public record LabDetail(String slug, String name, LabKind kind, Ref parent, List<Ref> children, String website,
                            List<String> aliases, long questionCount, long agreementCount, List<ScoreView> scores,
                            List<CitationView> citations, int version, boolean nameInference, String nameRationale,
                            List<AliasInference> aliasInferences) {
    }

    /** Every lab by slug, or only those of {@code kind} (null: all). */
    public List<LabSummary> list(LabKind kind) {
        List<Lab> labs = kind == null
                ? Lab.list("select distinct l from Lab l left join fetch l.parent left join fetch l.aliases order by l.slug")
                : Lab.list("select distinct l from Lab l left join fetch l.parent left join fetch l.aliases where l.kind = ?1 order by l.slug", kind);
        Map<Long, Long> questions = counts("select a.lab.id, count(a) from Answer a group by a.lab.id");
        Map<Long, Long> agreements = counts("select p.lab.id, count(a) from Agreement a join a.parties p group by p.lab.id");
        return labs.stream().map(l -> new LabSummary(l.slug, l.name, l.kind, l.parent == null ? null : l.parent.slug,
                l.website, List.copyOf(l.aliases), questions.getOrDefault(l.id, 0L), agreements.getOrDefault(l.id, 0L))).toList();
    }

    public Lab require(String slug) {
        Lab lab = Lab.findBySlug(slug);
        if (lab == null) {
            throw ApiException.notFound("lab", slug);
        }
        return lab;
    }

    public LabDetail get(String slug) {
        Lab l = require(slug);
        List<Lab> children = Lab.list("parent = ?1 order by slug", l);
        long questions = Lab.count("select count(a) from Answer a where a.lab = ?1", l);
        long agreements = Lab.count("select count(a) from Agreement a join a.parties p where p.lab = ?1", l);
        List<ScoreView> scoreViews = scores(List.of(l.id)).getOrDefault(l.id, List.of());
        return new LabDetail(l.slug, l.name, l.kind, l.parent == null ? null : new Ref(l.parent.slug, l.parent.name),
                children.stream().map(c -> new Ref(c.slug, c.name)).toList(), l.website, List.copyOf(l.aliases),
                questions, agreements, scoreViews, citations.forSubject(SubjectType.LAB, l.id), l.version,
                l.nameInference, l.nameRationale, aliasInferences(l));
    }

    /** Third-party scores of the given labs, oldest first, marking which one is current (not superseded). */
    public Map<Long, List<ScoreView>> scores(List<Long> labIds) {
        List<LabScore> scores = LabScore.list("select s from LabScore s left join fetch s.supersedes where s.lab.id in ?1 order by s.id", labIds);
        Set<Long> superseded = new HashSet<>();
        scores.forEach(s -> {
            if (s.supersedes != null) {
                superseded.add(s.supersedes.id);
            }
        });
        Map<Long, List<CitationView>> cites = citations.forSubjects(SubjectType.SCORE, scores.stream().map(s -> s.id).toList());
        Map<Long, List<ScoreView>> out = new HashMap<>();
        for (LabScore s : scores) {
            out.computeIfAbsent(s.lab.id, k -> new ArrayList<>()).add(new ScoreView(s.key, s.scorer,
                    Numbers.plain(s.score), Numbers.plain(s.maxScore), s.recordedOn,
                    s.supersedes == null ? null : s.supersedes.key, !superseded.contains(s.id), cites.getOrDefault(s.id, List.of()),
                    s.revisionReason));
        }
        return out;
    }

    /** The lab's aliases that are the curator's identifications, alphabetical. */
    public static List<AliasInference> aliasInferences(Lab l) {
        return new java.util.TreeMap<>(l.aliasInferences).entrySet().stream().map(e -> new AliasInference(e.getKey(), e.getValue())).toList();
    }

    /** The alias inferences of many labs in one query. */
    public Map<Long, List<AliasInference>> aliasInferences(List<Long> labIds) {
        Map<Long, List<AliasInference>> out = new HashMap<>();
        if (labIds.isEmpty()) {
            return out;
        }
        for (Object[] r : em.createQuery("select l.id, key(a), a from Lab l join l.aliasInferences a where l.id in ?1 order by key(a)", Object[].class)
                .setParameter(1, labIds).getResultList()) {
            out.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(new AliasInference((String) r[1], (String) r[2]));
        }
        return out;
    }

    private Map<Long, Long> counts(String jpql) {
        Map<Long, Long> out = new HashMap<>();
        for (Object[] row : em.createQuery(jpql, Object[].class).getResultList()) {
            out.put((Long) row[0], (Long) row[1]);
        }
        return out;
    }
}
