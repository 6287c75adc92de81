package org.labledger.seed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.agreement.Agreement;
import org.labledger.agreement.Provision;
import org.labledger.answer.Answer;
import org.labledger.claim.Claim;
import org.labledger.common.Numbers;
import org.labledger.entity.NamedEntity;
import org.labledger.event.Event;
import org.labledger.lab.Lab;
import org.labledger.lab.LabScore;
import org.labledger.question.Question;
import org.labledger.questionnaire.Questionnaire;
import org.labledger.seed.SeedDocument.CitationRec;
import org.labledger.source.Citation;
import org.labledger.source.Figure;
import org.labledger.source.RelativeDate;
import org.labledger.source.Source;
import org.labledger.source.SubjectKeys;
import org.labledger.source.SubjectType;
import org.labledger.topic.Topic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole dataset as one document in the seeds/ format, in a stable order (by key), with every answer
 * explicit: importing it into an empty database and exporting again gives the same document.
 */
@ApplicationScoped
public class DatasetExporter {

    @Inject
    EntityManager em;
    @Inject
    SubjectKeys subjectKeys;

    public SeedDocument export() {
        Map<String, List<CitationRec>> cites = new HashMap<>();
        for (Citation c : Citation.<Citation>list("select c from Citation c join fetch c.source order by c.subjectType, c.subjectId, c.ordinal")) {
            cites.computeIfAbsent(c.subjectType + ":" + c.subjectId, k -> new ArrayList<>()).add(new CitationRec(c.source.key, c.quote, c.locator));
        }

        List<SeedDocument.SourceRec> sources = Source.<Source>list("select s from Source s left join fetch s.citedIn order by s.key").stream()
                .map(s -> new SeedDocument.SourceRec(s.key, s.title, s.publisher, s.author, s.url, s.publishedOn, s.kind, s.document,
                        s.citedIn == null ? null : s.citedIn.key, s.notes)).toList();
        List<SeedDocument.LabRec> labs = Lab.<Lab>list("select distinct l from Lab l left join fetch l.parent left join fetch l.aliases order by l.slug").stream()
                .map(l -> new SeedDocument.LabRec(l.slug, l.name, l.kind, l.parent == null ? null : l.parent.slug, l.website,
                        List.copyOf(new TreeSet<>(l.aliases)), cites.getOrDefault(SubjectType.LAB + ":" + l.id, List.of()),
                        l.nameInference ? Boolean.TRUE : null, l.nameRationale,
                        l.aliasInferences.isEmpty() ? null : l.aliasInferences.entrySet().stream()
                                .map(a -> new SeedDocument.AliasRec(a.getKey(), true, a.getValue())).toList())).toList();
        List<SeedDocument.TopicRec> topics = Topic.<Topic>list("select t from Topic t left join fetch t.parent order by t.slug").stream()
                .map(t -> new SeedDocument.TopicRec(t.slug, t.name, t.parent == null ? null : t.parent.slug, t.description)).toList();
        List<SeedDocument.QuestionnaireRec> questionnaires = Questionnaire.<Questionnaire>list("select q from Questionnaire q left join fetch q.source order by q.slug").stream()
                .map(q -> new SeedDocument.QuestionnaireRec(q.slug, q.title, q.publisher, q.author, q.publishedOn,
                        q.source == null ? null : q.source.key, q.description, List.of(), null, q.kind)).toList();

        List<Answer> answers = Answer.list("select a from Answer a join fetch a.lab join fetch a.question q join fetch q.questionnaire");
        answers.sort(Comparator.comparing((Answer a) -> a.question.questionnaire.slug).thenComparing(a -> a.question.ordinal).thenComparing(a -> a.lab.slug));
        Map<Long, List<String>> addressed = new HashMap<>();
        answers.forEach(a -> addressed.computeIfAbsent(a.question.id, k -> new ArrayList<>()).add(a.lab.slug));

        List<SeedDocument.QuestionRec> questions = Question.<Question>list(
                        "select q from Question q join fetch q.questionnaire join fetch q.topic left join fetch q.parent order by q.questionnaire.slug, q.ordinal").stream()
                .map(q -> new SeedDocument.QuestionRec(q.key, q.questionnaire.slug, q.topic.slug, q.parent == null ? null : q.parent.key,
                        q.ordinal, q.text, q.notes, addressed.getOrDefault(q.id, List.of()),
                        cites.getOrDefault(SubjectType.QUESTION + ":" + q.id, List.of()), q.minAddressees, null,
                        q.context ? Boolean.TRUE : null)).toList();
        List<SeedDocument.AnswerRec> answerRecs = answers.stream()
                .map(a -> new SeedDocument.AnswerRec(a.question.key, a.lab.slug, a.status, a.delivered, a.summary, a.respondent,
                        a.respondentCapacity, a.answeredOn, a.justification, a.references,
                        cites.getOrDefault(SubjectType.ANSWER + ":" + a.id, List.of()),
                        a.kind, a.capacity, a.afterPublication, a.delivered == null ? Delivery.UNKNOWN : null)).toList();

        Map<Long, String> heldEntities = subjectKeys.keys(SubjectType.ENTITY,
                em.createQuery("select p.heldEntityId from Provision p where p.heldEntityId is not null", Long.class).getResultList());
        Map<Long, List<SeedDocument.ProvisionRec>> provisions = new TreeMap<>();
        for (Provision p : Provision.<Provision>list("select p from Provision p left join fetch p.beneficiary left join fetch p.predecessor left join fetch p.changeSource order by p.agreement.id, p.ordinal")) {
            SeedDocument.LineageRec lineage = p.change == null ? null : new SeedDocument.LineageRec(p.change,
                    p.predecessor == null ? null : p.predecessor.key,
                    p.changeSource == null && p.changeQuote == null ? null
                            : new SeedDocument.CitationRec(p.changeSource == null ? null : p.changeSource.key, p.changeQuote, p.changeLocator),
                    p.changeInference, p.changeRationale);
            provisions.computeIfAbsent(p.agreement.id, k -> new ArrayList<>()).add(new SeedDocument.ProvisionRec(p.key, p.category, p.summary,
                    p.beneficiary == null ? null : p.beneficiary.slug, Numbers.plain(p.value), p.unit, p.validFrom, p.validUntil,
                    p.validUntilCondition, cites.getOrDefault(SubjectType.PROVISION + ":" + p.id, List.of()), p.kind, lineage,
                    p.heldEntityId == null ? null : heldEntities.get(p.heldEntityId)));
        }
        List<SeedDocument.AgreementRec> agreements = Agreement.<Agreement>list(
                        "select distinct a from Agreement a left join fetch a.parties p left join fetch p.lab left join fetch a.supersedes order by a.slug").stream()
                .map(a -> new SeedDocument.AgreementRec(a.slug, a.title, a.kind, a.summary, a.announcedOn, a.effectiveOn,
                        a.supersedes == null ? null : a.supersedes.slug,
                        a.parties.stream().map(p -> new SeedDocument.PartyRec(p.lab.slug, p.role)).sorted(Comparator.comparing(SeedDocument.PartyRec::lab)).toList(),
                        provisions.getOrDefault(a.id, List.of()), cites.getOrDefault(SubjectType.AGREEMENT + ":" + a.id, List.of()))).toList();
        List<SeedDocument.EventRec> events = Event.<Event>list("select distinct e from Event e left join fetch e.labs left join fetch e.agreement order by e.slug").stream()
                .map(e -> new SeedDocument.EventRec(e.slug, e.title, e.kind, e.occurredOn, e.summary,
                        e.labs.stream().map(l -> l.slug).sorted().toList(), e.agreement == null ? null : e.agreement.slug,
                        cites.getOrDefault(SubjectType.EVENT + ":" + e.id, List.of()))).toList();
        List<SeedDocument.ScoreRec> scores = LabScore.<LabScore>list("select s from LabScore s join fetch s.lab left join fetch s.supersedes order by s.key").stream()
                .map(s -> new SeedDocument.ScoreRec(s.key, s.lab.slug, s.scorer, Numbers.plain(s.score), Numbers.plain(s.maxScore), s.recordedOn,
                        s.supersedes == null ? null : s.supersedes.key, cites.getOrDefault(SubjectType.SCORE + ":" + s.id, List.of()),
                        s.revisionReason)).toList();

        List<SeedDocument.EntityRec> entities = NamedEntity.<NamedEntity>list(
                        "select distinct e from NamedEntity e left join fetch e.lab left join fetch e.aliases order by e.slug").stream()
                .map(e -> new SeedDocument.EntityRec(e.slug, e.name, e.kind, e.affiliation, e.role, e.lab == null ? null : e.lab.slug,
                        e.inference, e.rationale, e.aliases.stream().map(a -> new SeedDocument.AliasRec(a.name, a.inference, a.rationale)).toList(),
                        cites.getOrDefault(SubjectType.ENTITY + ":" + e.id, List.of()))).toList();
        List<Claim> claimRows = Claim.list("select distinct c from Claim c join fetch c.claimant left join fetch c.quotedVia left join fetch c.links order by c.key");
        Map<SubjectType, List<Long>> aboutIds = new HashMap<>();
        claimRows.stream().filter(c -> c.aboutType != null).forEach(c -> aboutIds.computeIfAbsent(c.aboutType, k -> new ArrayList<>()).add(c.aboutId));
        Map<SubjectType, Map<Long, String>> aboutKeys = new HashMap<>();
        aboutIds.forEach((type, ids) -> aboutKeys.put(type, subjectKeys.keys(type, ids)));
        Map<Long, List<SeedDocument.SubjectRec>> supported = new HashMap<>();
        if (!claimRows.isEmpty()) { // the records the claims support, keyed as the claims' subjects are
            Map<SubjectType, List<Long>> supportIds = new HashMap<>();
            List<Object[]> supportRows = em.createQuery("select c.id, s.recordType, s.recordId from Claim c join c.supports s", Object[].class).getResultList();
            supportRows.forEach(r -> supportIds.computeIfAbsent((SubjectType) r[1], k -> new ArrayList<>()).add((Long) r[2]));
            Map<SubjectType, Map<Long, String>> supportKeys = new HashMap<>();
            supportIds.forEach((type, ids) -> supportKeys.put(type, subjectKeys.keys(type, ids)));
            for (Object[] r : supportRows) {
                String key = supportKeys.get((SubjectType) r[1]).get((Long) r[2]);
                if (key != null) {
                    supported.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(new SeedDocument.SubjectRec((SubjectType) r[1], key));
                }
            }
            supported.values().forEach(l -> l.sort(Comparator.comparing(SeedDocument.SubjectRec::type).thenComparing(SeedDocument.SubjectRec::key)));
        }
        List<SeedDocument.ClaimRec> claims = claimRows.stream()
                .map(c -> new SeedDocument.ClaimRec(c.key, c.claimant.slug, c.stance, c.certainty, c.summary,
                        c.aboutType == null ? null : new SeedDocument.SubjectRec(c.aboutType, aboutKeys.get(c.aboutType).get(c.aboutId)),
                        c.quotedVia == null ? null : c.quotedVia.key, c.inference, c.rationale,
                        c.links.stream().map(l -> new SeedDocument.LinkRec(l.relation, l.target.key))
                                .sorted(Comparator.comparing(SeedDocument.LinkRec::claim).thenComparing(SeedDocument.LinkRec::relation)).toList(),
                        supported.getOrDefault(c.id, List.of()), cites.getOrDefault(SubjectType.CLAIM + ":" + c.id, List.of()))).toList();

        return new SeedDocument(SeedDocument.FORMAT_VERSION,
                new SeedDocument.Dataset("LabLedger export", null, "Every record LabLedger holds, in the seeds/ format (seeds/FORMAT.md)."),
                sources, labs, topics, questionnaires, questions, answerRecs, agreements, events, scores, entities, claims,
                figures(), relativeDates());
    }

    /** Figures in the order of their subjects' types and keys, then their ordinal. */
    private List<SeedDocument.FigureRec> figures() {
        List<Figure> rows = Figure.list("select f from Figure f join fetch f.source");
        Map<SubjectType, Map<Long, String>> keys = subjectKeys(rows.stream().map(f -> Map.entry(f.subjectType, f.subjectId)).toList());
        return rows.stream()
                .sorted(Comparator.comparing((Figure f) -> f.subjectType).thenComparing(f -> keys.get(f.subjectType).get(f.subjectId)).thenComparing(f -> f.ordinal))
                .map(f -> new SeedDocument.FigureRec(new SeedDocument.SubjectRec(f.subjectType, keys.get(f.subjectType).get(f.subjectId)),
                        f.measure, f.qualifier, Numbers.plain(f.value), Numbers.plain(f.low), Numbers.plain(f.high), f.unit, f.text,
                        new CitationRec(f.source.key, f.quote, f.locator))).toList();
    }

    private List<SeedDocument.RelativeDateRec> relativeDates() {
        List<RelativeDate> rows = RelativeDate.list("select r from RelativeDate r join fetch r.source join fetch r.anchor");
        Map<SubjectType, Map<Long, String>> keys = subjectKeys(rows.stream().map(r -> Map.entry(r.subjectType, r.subjectId)).toList());
        return rows.stream()
                .sorted(Comparator.comparing((RelativeDate r) -> r.subjectType).thenComparing(r -> keys.get(r.subjectType).get(r.subjectId)).thenComparing(r -> r.ordinal))
                .map(r -> new SeedDocument.RelativeDateRec(new SeedDocument.SubjectRec(r.subjectType, keys.get(r.subjectType).get(r.subjectId)),
                        r.dates, r.text, r.anchor.key, r.derivedOn, new CitationRec(r.source.key, r.quote, r.locator))).toList();
    }

    private Map<SubjectType, Map<Long, String>> subjectKeys(List<Map.Entry<SubjectType, Long>> subjects) {
        Map<SubjectType, List<Long>> ids = new HashMap<>();
        subjects.forEach(e -> ids.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<SubjectType, Map<Long, String>> out = new HashMap<>();
        ids.forEach((type, list) -> out.put(type, subjectKeys.keys(type, list)));
        return out;
    }
}
