package org.labledger.seed;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.labledger.agreement.Agreement;
import org.labledger.agreement.Party;
import org.labledger.agreement.Provision;
import org.labledger.answer.Answer;
import org.labledger.questionnaire.QuestionnaireKind;
import org.labledger.answer.AnswerKind;
import org.labledger.answer.RespondentCapacity;
import org.labledger.answer.ResponseStatus;
import org.labledger.claim.Claim;
import org.labledger.common.Numbers;
import org.labledger.common.ProblemMappers;
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

import java.io.IOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Imports a dataset document (seeds/ format) into the database as an idempotent upsert by stable keys:
 * a record is created when its key is new, updated only when a field really differs, and otherwise left
 * untouched (so a second import of the same document changes no row). The whole document is validated
 * before anything is written, and the import runs in one transaction: a bad document writes nothing.
 *
 * <p>Imports are serialised across every instance sharing the database: each import transaction first
 * takes a PostgreSQL transaction-level advisory lock, so replicas starting together import one after the
 * other (the later ones find the rows, or the checksum, already there) instead of colliding on unique
 * keys. The lock is released by the commit or rollback.
 *
 * <p>Answers the document does not list are created as UNANSWERED once and never reset afterwards, so a
 * re-import does not undo what curators recorded.
 */
@ApplicationScoped
public class SeedImporter {

    private static final Logger LOG = Logger.getLogger(SeedImporter.class);

    /** The advisory lock key of the seed import (any constant unique within LabLedger's database). */
    static final long IMPORT_LOCK = 0x4C4C_5345_4544L; // "LLSEED"

    @Inject
    EntityManager em;
    @Inject
    org.labledger.common.StatementTimeouts timeouts;
    @Inject
    SubjectKeys subjectKeys;

    private final ObjectMapper strict;

    @Inject
    public SeedImporter(ObjectMapper mapper) {
        this.strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Parses and validates a document; a problem is reported with file, record path and field. */
    public SeedDocument parse(String file, byte[] json) {
        SeedDocument doc;
        try {
            doc = strict.readValue(json, SeedDocument.class);
        } catch (JsonMappingException e) {
            String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            // in JSON terms ("must be one of [..], was 'MAYBE'"), never Jackson's wording, which names Java types
            throw new SeedException(file, List.of(path(e) + at + ": " + ProblemMappers.describe(e)));
        } catch (JsonProcessingException e) {
            throw new SeedException(file, List.of("line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + ProblemMappers.clean(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new SeedException(file, List.of("cannot be read: " + e.getMessage()));
        }
        if (doc == null) {
            throw new SeedException(file, List.of("document: is empty"));
        }
        check(file, doc);
        return doc;
    }

    /** Validates a document whose records may refer to labs already in the database. */
    public void check(String file, SeedDocument doc) {
        List<String> problems = SeedValidator.validate(doc, new java.util.HashSet<>(
                em.createQuery("select l.slug from Lab l", String.class).getResultList()));
        if (!problems.isEmpty()) {
            throw new SeedException(file, problems);
        }
    }

    /**
     * Imports the document unless it is the one imported last (same checksum) and {@code force} is off.
     * Records the import in {@code seed_import}.
     */
    @Transactional
    public ImportReport importFile(String file, byte[] json, boolean force) {
        String checksum = sha256(json);
        lockImports();
        if (!force) {
            @SuppressWarnings("unchecked")
            List<String> last = em.createNativeQuery("select checksum from seed_import order by id desc limit 1").getResultList();
            if (!last.isEmpty() && last.get(0).equals(checksum)) {
                LOG.infof("dataset %s unchanged since its last import (sha256 %s): skipped", file, checksum.substring(0, 12));
                return new ImportReport(file, null, true, Map.of());
            }
        }
        SeedDocument doc = parse(file, json);
        ImportReport report = importDocument(file, doc);
        em.createNativeQuery("insert into seed_import (checksum, dataset_version, file, report) values (?1, ?2, ?3, ?4)")
                .setParameter(1, checksum)
                .setParameter(2, doc.dataset() == null ? null : doc.dataset().version())
                .setParameter(3, file)
                .setParameter(4, report.counts().toString())
                .executeUpdate();
        LOG.infof("imported dataset %s: %d created, %d updated", file, report.created(), report.updated());
        return report;
    }

    /** Upserts a validated document. Call {@link #parse} first. */
    @Transactional
    public ImportReport importDocument(String file, SeedDocument doc) {
        lockImports(); // re-entrant: a no-op when importFile already holds it
        return new Run(doc).execute(file);
    }

    /**
     * Waits until no other transaction imports, then holds the lock until this transaction ends. An import's
     * statements (and this wait) may take longer than a request's: the import statement timeout applies.
     */
    private void lockImports() {
        timeouts.forImport(em);
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1)) as l")
                .setParameter(1, IMPORT_LOCK)
                .getSingleResult();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            }
        }
        return sb.isEmpty() ? "document" : sb.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tracks whether assignments really change a record. */
    private static final class Diff {
        boolean changed;

        <T> T v(T current, T next) {
            if (!Objects.equals(current, next)) {
                changed = true;
                return next;
            }
            return current;
        }

        BigDecimal num(BigDecimal current, BigDecimal next) {
            if (current == null && next == null || current != null && next != null && current.compareTo(next) == 0) {
                return current;
            }
            changed = true;
            return next;
        }
    }

    /** One import: keeps the loaded rows by key so that every lookup is in memory. */
    private final class Run {
        final SeedDocument doc;
        final ImportReport.Tally tally = new ImportReport.Tally();
        final Map<String, Source> sources;
        final Map<String, Lab> labs;
        final Map<String, Topic> topics;
        final Map<String, Questionnaire> questionnaires;
        final Map<String, Question> questions;
        final Map<String, Agreement> agreements;
        final Map<String, LabScore> scores;
        final Map<String, List<Citation>> citations;

        Run(SeedDocument doc) {
            this.doc = doc;
            sources = index(Source.<Source>listAll(), s -> s.key);
            labs = index(Lab.<Lab>listAll(), l -> l.slug);
            topics = index(Topic.<Topic>listAll(), t -> t.slug);
            questionnaires = index(Questionnaire.<Questionnaire>listAll(), q -> q.slug);
            questions = index(Question.<Question>listAll(), q -> q.key);
            agreements = index(Agreement.<Agreement>listAll(), a -> a.slug);
            scores = index(LabScore.<LabScore>listAll(), s -> s.key);
            citations = Citation.<Citation>list("order by subjectType, subjectId, ordinal").stream()
                    .collect(Collectors.groupingBy(c -> c.subjectType + ":" + c.subjectId, HashMap::new, Collectors.toList()));
        }

        ImportReport execute(String file) {
            importSources();
            importLabs();
            importTopics();
            importQuestionnaires();
            importQuestions();
            importAnswers();
            importEntities(); // before the agreements: a stake provision names the legal entity held
            importAgreements();
            importEvents();
            importScores();
            importClaims();
            em.flush(); // the subjects of figures and relative dates have ids now
            importFigures();
            importRelativeDates();
            em.flush();
            return new ImportReport(file, doc.dataset() == null ? null : doc.dataset().version(), false, tally.snapshot());
        }

        void importSources() {
            for (var r : list(doc.sources())) {
                Source s = sources.get(r.key());
                boolean created = s == null;
                if (created) {
                    s = new Source();
                    s.key = r.key();
                }
                Diff d = new Diff();
                s.title = d.v(s.title, r.title());
                s.publisher = d.v(s.publisher, r.publisher());
                s.author = d.v(s.author, r.author());
                s.url = d.v(s.url, r.url());
                s.publishedOn = d.v(s.publishedOn, r.publishedOn());
                s.kind = d.v(s.kind, r.kind());
                s.document = d.v(s.document, r.document());
                s.notes = d.v(s.notes, r.notes());
                s.citedIn = d.v(s.citedIn, r.citedIn() == null ? null : sources.get(r.citedIn()));
                if (created) {
                    s.persist();
                    sources.put(s.key, s);
                }
                tally.count("sources", outcome(created, d.changed));
            }
            // a source may be cited in one listed after it
            for (var r : list(doc.sources())) {
                Source s = sources.get(r.key());
                if (r.citedIn() != null && s.citedIn == null) {
                    s.citedIn = sources.get(r.citedIn());
                }
            }
        }

        void importLabs() {
            Map<String, Boolean> outcomes = new HashMap<>();
            for (var r : list(doc.labs())) {
                Lab l = labs.get(r.slug());
                boolean created = l == null;
                if (created) {
                    l = new Lab();
                    l.slug = r.slug();
                }
                Diff d = new Diff();
                l.name = d.v(l.name, r.name());
                l.kind = d.v(l.kind, r.kind());
                l.website = d.v(l.website, r.website());
                Set<String> aliases = new TreeSet<>(r.aliases() == null ? List.of() : r.aliases());
                if (!aliases.equals(new TreeSet<>(l.aliases))) {
                    d.changed = true;
                    l.aliases.clear();
                    l.aliases.addAll(aliases);
                }
                // format 3: the curator's identifications; absent (null) leaves them alone
                if (r.inference() != null || r.rationale() != null) {
                    l.nameInference = d.v(l.nameInference, Boolean.TRUE.equals(r.inference()));
                    l.nameRationale = d.v(l.nameRationale, r.rationale());
                }
                if (r.inferredAliases() != null) {
                    Map<String, String> inferred = new TreeMap<>();
                    r.inferredAliases().forEach(a -> inferred.put(a.name(), a.rationale()));
                    if (!inferred.equals(new TreeMap<>(l.aliasInferences))) {
                        d.changed = true;
                        l.aliasInferences.clear();
                        l.aliasInferences.putAll(inferred);
                    }
                }
                if (created) {
                    l.persist();
                    labs.put(l.slug, l);
                }
                // a document that lists a lab without citations (null) leaves the lab's citations alone
                boolean cited = r.citations() != null && syncCitations(SubjectType.LAB, l.id, r.citations());
                outcomes.put(r.slug(), created ? Boolean.TRUE : d.changed || cited ? Boolean.FALSE : null);
            }
            for (var r : list(doc.labs())) {
                Lab l = labs.get(r.slug());
                Lab parent = r.parent() == null ? null : labs.get(r.parent());
                if (l.parent != parent) {
                    l.parent = parent;
                    if (outcomes.get(r.slug()) == null) {
                        outcomes.put(r.slug(), Boolean.FALSE);
                    }
                }
                tally.count("labs", outcomes.get(r.slug()));
            }
        }

        void importTopics() {
            Map<String, Boolean> outcomes = new HashMap<>();
            for (var r : list(doc.topics())) {
                Topic t = topics.get(r.slug());
                boolean created = t == null;
                if (created) {
                    t = new Topic();
                    t.slug = r.slug();
                }
                Diff d = new Diff();
                t.name = d.v(t.name, r.name());
                t.description = d.v(t.description, r.description());
                if (created) {
                    t.persist();
                    topics.put(t.slug, t);
                }
                outcomes.put(r.slug(), outcome(created, d.changed));
            }
            for (var r : list(doc.topics())) {
                Topic t = topics.get(r.slug());
                Topic parent = r.parent() == null ? null : topics.get(r.parent());
                if (t.parent != parent) {
                    t.parent = parent;
                    if (outcomes.get(r.slug()) == null) {
                        outcomes.put(r.slug(), Boolean.FALSE);
                    }
                }
                tally.count("topics", outcomes.get(r.slug()));
            }
        }

        void importQuestionnaires() {
            for (var r : list(doc.questionnaires())) {
                Questionnaire q = questionnaires.get(r.slug());
                boolean created = q == null;
                if (created) {
                    q = new Questionnaire();
                    q.slug = r.slug();
                }
                Diff d = new Diff();
                q.title = d.v(q.title, r.title());
                q.publisher = d.v(q.publisher, r.publisher());
                q.author = d.v(q.author, r.author());
                q.publishedOn = d.v(q.publishedOn, r.publishedOn());
                q.description = d.v(q.description, r.description());
                q.source = d.v(q.source, r.source() == null ? null : sources.get(r.source()));
                q.kind = d.v(q.kind, r.kind() == null ? QuestionnaireKind.SENT : r.kind());
                if (created) {
                    q.persist();
                    questionnaires.put(q.slug, q);
                }
                tally.count("questionnaires", outcome(created, d.changed));
            }
        }

        void importQuestions() {
            Map<String, Boolean> outcomes = new HashMap<>();
            for (var r : list(doc.questions())) {
                Question q = questions.get(r.key());
                boolean created = q == null;
                if (created) {
                    q = new Question();
                    q.key = r.key();
                }
                Diff d = new Diff();
                q.questionnaire = d.v(q.questionnaire, questionnaires.get(r.questionnaire()));
                q.topic = d.v(q.topic, topics.get(r.topic()));
                q.ordinal = d.v(q.ordinal, r.ordinal());
                q.text = d.v(q.text, r.text());
                q.notes = d.v(q.notes, r.notes());
                q.minAddressees = d.v(q.minAddressees, r.minAddressees());
                q.context = d.v(q.context, Boolean.TRUE.equals(r.context()));
                if (created) {
                    q.persist();
                    questions.put(q.key, q);
                }
                boolean cited = syncCitations(SubjectType.QUESTION, q.id, r.citations());
                outcomes.put(r.key(), created ? Boolean.TRUE : d.changed || cited ? Boolean.FALSE : null);
            }
            for (var r : list(doc.questions())) {
                Question q = questions.get(r.key());
                Question parent = r.parent() == null ? null : questions.get(r.parent());
                if (q.parent != parent) {
                    q.parent = parent;
                    if (outcomes.get(r.key()) == null) {
                        outcomes.put(r.key(), Boolean.FALSE);
                    }
                }
                tally.count("questions", outcomes.get(r.key()));
            }
        }

        void importAnswers() {
            Map<String, Answer> existing = index(Answer.<Answer>list("select a from Answer a join fetch a.question join fetch a.lab"),
                    a -> a.question.key + "/" + a.lab.slug);
            Map<String, SeedDocument.AnswerRec> explicit = index(list(doc.answers()), a -> a.question() + "/" + a.lab());
            Map<String, Set<String>> notDelivered = new HashMap<>();
            Map<String, List<CitationRec>> defaultCitations = new HashMap<>();
            for (var q : list(doc.questionnaires())) {
                notDelivered.put(q.slug(), new LinkedHashSet<>(q.notDeliveredTo() == null ? List.of() : q.notDeliveredTo()));
                defaultCitations.put(q.slug(), list(q.defaultAnswerCitations()));
            }
            // answers a curator has changed (they have revisions) are theirs: the document's defaults leave them alone
            Set<Long> curated = new HashSet<>(em.createQuery("select distinct r.entityId from Revision r"
                    + " where r.entity = 'ANSWER' and r.entityId is not null", Long.class).getResultList());
            Set<String> addressed = new HashSet<>();
            for (var qr : list(doc.questions())) {
                for (String labSlug : list(qr.addressedTo())) {
                    String k = qr.key() + "/" + labSlug;
                    addressed.add(k);
                    Answer a = existing.get(k);
                    SeedDocument.AnswerRec r = explicit.get(k);
                    boolean created = a == null;
                    Boolean defaultDelivered = notDelivered.getOrDefault(qr.questionnaire(), Set.of()).contains(labSlug) ? Boolean.FALSE
                            : qr.delivery() == null ? Boolean.TRUE : qr.delivery().delivered();
                    if (created) {
                        a = new Answer();
                        a.question = questions.get(qr.key());
                        a.lab = labs.get(labSlug);
                    } else if (r == null) {
                        // default answers are never reset once a curator changed them; untouched ones follow the
                        // document's default delivery (V9: e.g. "at least three" of five labs: not known which);
                        // they only gain evidence they lack
                        boolean moved = !curated.contains(a.id) && !java.util.Objects.equals(a.delivered, defaultDelivered);
                        if (moved) {
                            a.delivered = defaultDelivered;
                        }
                        boolean cited = !citations.containsKey(SubjectType.ANSWER + ":" + a.id)
                                && !defaultCitations.get(qr.questionnaire()).isEmpty()
                                && syncCitations(SubjectType.ANSWER, a.id, defaultCitations.get(qr.questionnaire()));
                        tally.count("answers", cited || moved ? Boolean.FALSE : null);
                        continue;
                    }
                    Diff d = new Diff();
                    a.status = d.v(a.status, r == null ? ResponseStatus.UNANSWERED : r.status());
                    a.delivered = d.v(a.delivered, r == null ? defaultDelivered
                            : r.delivery() != null ? r.delivery().delivered() : r.delivered() != null ? r.delivered() : defaultDelivered);
                    a.summary = d.v(a.summary, r == null ? null : r.summary());
                    a.respondent = d.v(a.respondent, r == null ? null : r.respondent());
                    a.respondentCapacity = d.v(a.respondentCapacity, r == null ? null : r.respondentCapacity());
                    a.kind = d.v(a.kind, r == null || r.kind() == null ? AnswerKind.QUESTIONNAIRE_REPLY : r.kind());
                    a.capacity = d.v(a.capacity, r == null || r.capacity() == null ? RespondentCapacity.UNKNOWN : r.capacity());
                    a.afterPublication = d.v(a.afterPublication, r == null ? null : r.afterPublication());
                    a.answeredOn = d.v(a.answeredOn, r == null ? null : r.answeredOn());
                    a.justification = d.v(a.justification, r == null ? null : r.justification());
                    a.references = d.v(a.references, r == null ? null : r.references());
                    if (created) {
                        a.persist();
                    }
                    boolean cited = syncCitations(SubjectType.ANSWER, a.id, r != null ? r.citations() : defaultCitations.get(qr.questionnaire()));
                    tally.count("answers", outcome(created, d.changed || cited));
                }
            }
            // a pair the document no longer addresses (a SUGGESTED questionnaire's questions, a context row) loses its
            // default answer unless a curator changed it or a claim is about it or supports it; counted as updated
            Set<String> documented = new HashSet<>();
            list(doc.questions()).forEach(q -> documented.add(q.key()));
            List<Answer> gone = new ArrayList<>();
            existing.forEach((k, a) -> {
                if (documented.contains(a.question.key) && !addressed.contains(k) && !curated.contains(a.id)) {
                    gone.add(a);
                }
            });
            if (!gone.isEmpty()) {
                Set<Long> claimed = new HashSet<>(em.createQuery("select c.aboutId from Claim c where c.aboutType = ?1 and c.aboutId in (?2)", Long.class)
                        .setParameter(1, SubjectType.ANSWER).setParameter(2, gone.stream().map(a -> a.id).toList()).getResultList());
                claimed.addAll(em.createQuery("select s.recordId from Claim c join c.supports s where s.recordType = ?1 and s.recordId in (?2)", Long.class)
                        .setParameter(1, SubjectType.ANSWER).setParameter(2, gone.stream().map(a -> a.id).toList()).getResultList());
                gone.removeIf(a -> claimed.contains(a.id));
            }
            for (Answer a : gone) {
                List<Citation> cites = citations.remove(SubjectType.ANSWER + ":" + a.id);
                if (cites != null) {
                    cites.forEach(Citation::delete);
                }
                a.delete();
                tally.count("answers", Boolean.FALSE);
            }
            if (!gone.isEmpty()) {
                LOG.infof("removed %d default answers the dataset no longer addresses", gone.size());
            }
        }

        void importAgreements() {
            Map<String, Provision> provisions = index(Provision.<Provision>listAll(), p -> p.key);
            Map<String, Long> entityIds = new HashMap<>();
            NamedEntity.<NamedEntity>listAll().forEach(e -> entityIds.put(e.slug, e.id));
            Map<String, Boolean> outcomes = new HashMap<>();
            for (var r : list(doc.agreements())) {
                Agreement a = agreements.get(r.slug());
                boolean created = a == null;
                if (created) {
                    a = new Agreement();
                    a.slug = r.slug();
                }
                Diff d = new Diff();
                a.title = d.v(a.title, r.title());
                a.kind = d.v(a.kind, r.kind());
                a.summary = d.v(a.summary, r.summary());
                a.announcedOn = d.v(a.announcedOn, r.announcedOn());
                a.effectiveOn = d.v(a.effectiveOn, r.effectiveOn());
                // parties are an unordered collection (agreement_party has no ordinal; the export sorts them by lab):
                // compared as sorted lists, so that the same parties in another order change nothing (no version bump)
                List<String> wanted = r.parties().stream().map(p -> p.lab() + "=" + p.role()).sorted().toList();
                List<String> have = a.parties.stream().map(p -> p.lab.slug + "=" + p.role).sorted().toList();
                if (!wanted.equals(have)) {
                    d.changed = true;
                    a.parties.clear();
                    for (var p : r.parties()) {
                        a.parties.add(new Party(labs.get(p.lab()), p.role()));
                    }
                }
                if (created) {
                    a.persist();
                    agreements.put(a.slug, a);
                }
                boolean cited = syncCitations(SubjectType.AGREEMENT, a.id, r.citations());
                outcomes.put(r.slug(), outcome(created, d.changed || cited));

                List<SeedDocument.ProvisionRec> prs = list(r.provisions());
                for (int i = 0; i < prs.size(); i++) {
                    var pr = prs.get(i);
                    Provision p = provisions.get(pr.key());
                    boolean pCreated = p == null;
                    if (pCreated) {
                        p = new Provision();
                        p.key = pr.key();
                    }
                    Diff pd = new Diff();
                    p.agreement = pd.v(p.agreement, a);
                    p.ordinal = pd.v(p.ordinal, i + 1);
                    p.category = pd.v(p.category, pr.category());
                    p.summary = pd.v(p.summary, pr.summary());
                    p.beneficiary = pd.v(p.beneficiary, pr.beneficiary() == null ? null : labs.get(pr.beneficiary()));
                    p.value = pd.num(p.value, pr.value());
                    p.unit = pd.v(p.unit, pr.unit());
                    p.validFrom = pd.v(p.validFrom, pr.validFrom());
                    p.validUntil = pd.v(p.validUntil, pr.validUntil());
                    p.validUntilCondition = pd.v(p.validUntilCondition, pr.validUntilCondition());
                    p.heldEntityId = pd.v(p.heldEntityId, pr.heldEntity() == null ? null : entityIds.get(pr.heldEntity()));
                    lineage(p, pr, provisions, pd);
                    if (pCreated) {
                        p.persist();
                        provisions.put(p.key, p);
                    }
                    boolean pCited = syncCitations(SubjectType.PROVISION, p.id, pr.citations());
                    tally.count("provisions", outcome(pCreated, pd.changed || pCited));
                }
            }
            for (var r : list(doc.agreements())) {
                Agreement a = agreements.get(r.slug());
                Agreement sup = r.supersedes() == null ? null : agreements.get(r.supersedes());
                if (a.supersedes != sup) {
                    a.supersedes = sup;
                    if (outcomes.get(r.slug()) == null) {
                        outcomes.put(r.slug(), Boolean.FALSE);
                    }
                }
                tally.count("agreements", outcomes.get(r.slug()));
                // a predecessor that comes later in the document than its successor is linked now
                for (var pr : list(r.provisions())) {
                    if (pr.lineage() != null && pr.lineage().of() != null) {
                        Provision p = provisions.get(pr.key());
                        p.predecessor = provisions.get(pr.lineage().of());
                    }
                }
            }
        }

        /** The provision's kind and lineage link (format 2, additive): how it relates to an earlier provision. */
        void lineage(Provision p, SeedDocument.ProvisionRec pr, Map<String, Provision> provisions, Diff d) {
            SeedDocument.LineageRec l = pr.lineage();
            p.kind = d.v(p.kind, pr.kind() == null ? "TERM" : pr.kind());
            p.change = d.v(p.change, l == null ? null : l.change());
            Provision before = l == null || l.of() == null ? null : provisions.get(l.of());
            if (before != null || l == null || l.of() == null) {
                p.predecessor = d.v(p.predecessor, before);
            }
            SeedDocument.CitationRec c = l == null ? null : l.citation();
            p.changeSource = d.v(p.changeSource, c == null || c.source() == null ? null : sources.get(c.source()));
            p.changeQuote = d.v(p.changeQuote, c == null ? null : c.quote());
            p.changeLocator = d.v(p.changeLocator, c == null ? null : c.locator());
            p.changeInference = d.v(p.changeInference, l != null && Boolean.TRUE.equals(l.inference()));
            p.changeRationale = d.v(p.changeRationale, l == null ? null : l.rationale());
        }

        void importEvents() {
            Map<String, Event> events = index(Event.<Event>listAll(), e -> e.slug);
            for (var r : list(doc.events())) {
                Event e = events.get(r.slug());
                boolean created = e == null;
                if (created) {
                    e = new Event();
                    e.slug = r.slug();
                }
                Diff d = new Diff();
                e.title = d.v(e.title, r.title());
                e.kind = d.v(e.kind, r.kind());
                e.occurredOn = d.v(e.occurredOn, r.occurredOn());
                e.summary = d.v(e.summary, r.summary());
                e.agreement = d.v(e.agreement, r.agreement() == null ? null : agreements.get(r.agreement()));
                Set<String> wanted = new TreeSet<>(r.labs() == null ? List.of() : r.labs());
                Set<String> have = e.labs.stream().map(l -> l.slug).collect(Collectors.toCollection(TreeSet::new));
                if (!wanted.equals(have)) {
                    d.changed = true;
                    e.labs.clear();
                    for (String slug : wanted) {
                        e.labs.add(labs.get(slug));
                    }
                }
                if (created) {
                    e.persist();
                }
                boolean cited = syncCitations(SubjectType.EVENT, e.id, r.citations());
                tally.count("events", outcome(created, d.changed || cited));
            }
        }

        void importScores() {
            Map<String, Boolean> outcomes = new HashMap<>();
            for (var r : list(doc.scores())) {
                LabScore s = scores.get(r.key());
                boolean created = s == null;
                if (created) {
                    s = new LabScore();
                    s.key = r.key();
                }
                Diff d = new Diff();
                s.lab = d.v(s.lab, labs.get(r.lab()));
                s.scorer = d.v(s.scorer, r.scorer());
                s.score = d.num(s.score, r.score());
                s.maxScore = d.num(s.maxScore, r.maxScore());
                s.recordedOn = d.v(s.recordedOn, r.recordedOn());
                s.revisionReason = d.v(s.revisionReason, r.revisionReason());
                if (created) {
                    s.persist();
                    scores.put(s.key, s);
                }
                boolean cited = syncCitations(SubjectType.SCORE, s.id, r.citations());
                outcomes.put(r.key(), outcome(created, d.changed || cited));
            }
            for (var r : list(doc.scores())) {
                LabScore s = scores.get(r.key());
                LabScore sup = r.supersedes() == null ? null : scores.get(r.supersedes());
                if (s.supersedes != sup) {
                    s.supersedes = sup;
                    if (outcomes.get(r.key()) == null) {
                        outcomes.put(r.key(), Boolean.FALSE);
                    }
                }
                tally.count("scores", outcomes.get(r.key()));
            }
        }

        void importEntities() {
            Map<String, NamedEntity> entities = index(NamedEntity.<NamedEntity>listAll(), e -> e.slug);
            for (var r : list(doc.entities())) {
                NamedEntity e = entities.get(r.slug());
                boolean created = e == null;
                if (created) {
                    e = new NamedEntity();
                    e.slug = r.slug();
                }
                Diff d = new Diff();
                e.name = d.v(e.name, r.name());
                e.kind = d.v(e.kind, r.kind());
                e.affiliation = d.v(e.affiliation, r.affiliation());
                e.role = d.v(e.role, r.role());
                e.lab = d.v(e.lab, r.lab() == null ? null : labs.get(r.lab()));
                e.inference = d.v(e.inference, Boolean.TRUE.equals(r.inference()));
                e.rationale = d.v(e.rationale, r.rationale());
                List<String> want = list(r.aliases()).stream().map(a -> a.name() + "|" + Boolean.TRUE.equals(a.inference()) + "|" + a.rationale()).toList();
                List<String> have = e.aliases.stream().map(a -> a.name + "|" + a.inference + "|" + a.rationale).toList();
                if (!want.equals(have)) {
                    d.changed = true;
                    e.aliases.clear();
                    for (var a : list(r.aliases())) {
                        e.aliases.add(new NamedEntity.Alias(a.name(), Boolean.TRUE.equals(a.inference()), a.rationale()));
                    }
                }
                if (created) {
                    e.persist();
                }
                boolean cited = syncCitations(SubjectType.ENTITY, e.id, r.citations());
                tally.count("entities", outcome(created, d.changed || cited));
            }
        }

        void importClaims() {
            if (list(doc.claims()).isEmpty()) {
                return;
            }
            em.flush(); // the subjects (and entities) of this document are looked up by key
            Map<String, NamedEntity> entities = index(NamedEntity.<NamedEntity>listAll(), e -> e.slug);
            Map<String, Claim> claims = index(Claim.<Claim>listAll(), c -> c.key);
            Map<String, Boolean> outcomes = new HashMap<>();
            for (var r : list(doc.claims())) {
                Claim c = claims.get(r.key());
                boolean created = c == null;
                if (created) {
                    c = new Claim();
                    c.key = r.key();
                }
                Diff d = new Diff();
                c.claimant = d.v(c.claimant, entities.get(r.claimant()));
                c.stance = d.v(c.stance, r.stance());
                c.certainty = d.v(c.certainty, r.certainty());
                c.summary = d.v(c.summary, r.summary());
                c.aboutType = d.v(c.aboutType, r.about() == null ? null : r.about().type());
                c.aboutId = d.v(c.aboutId, r.about() == null ? null : subjectKeys.id(r.about().type(), r.about().key())
                        .orElseThrow(() -> new IllegalStateException("validated subject " + r.about() + " not found")));
                c.quotedVia = d.v(c.quotedVia, r.quotedVia() == null ? null : sources.get(r.quotedVia()));
                c.inference = d.v(c.inference, Boolean.TRUE.equals(r.inference()));
                c.rationale = d.v(c.rationale, r.rationale());
                if (created) {
                    c.persist();
                    claims.put(c.key, c);
                }
                boolean cited = syncCitations(SubjectType.CLAIM, c.id, r.citations());
                outcomes.put(r.key(), outcome(created, d.changed || cited));
            }
            // links may point at claims listed later
            for (var r : list(doc.claims())) {
                Claim c = claims.get(r.key());
                Set<Claim.Link> want = new LinkedHashSet<>();
                list(r.links()).forEach(l -> want.add(new Claim.Link(l.relation(), claims.get(l.claim()))));
                Set<Claim.Support> supports = new LinkedHashSet<>();
                list(r.supports()).forEach(x -> supports.add(new Claim.Support(x.type(), subjectKeys.id(x.type(), x.key())
                        .orElseThrow(() -> new IllegalStateException("validated supported record " + x + " not found")))));
                boolean changed = false;
                if (!want.equals(c.links)) {
                    c.links.clear();
                    c.links.addAll(want);
                    changed = true;
                }
                if (!supports.equals(c.supports)) {
                    c.supports.clear();
                    c.supports.addAll(supports);
                    changed = true;
                }
                if (changed && outcomes.get(r.key()) == null) {
                    outcomes.put(r.key(), Boolean.FALSE);
                }
                tally.count("claims", outcomes.get(r.key()));
            }
        }

        /**
         * The records of this document as "TYPE:key": figures and relative dates are synced for every subject the
         * document lists (a subject listed without any loses those it had); other subjects are left alone.
         */
        Set<String> documentSubjects() {
            Set<String> out = new java.util.HashSet<>();
            list(doc.labs()).forEach(r -> out.add(SubjectType.LAB + ":" + r.slug()));
            list(doc.questionnaires()).forEach(r -> out.add(SubjectType.QUESTIONNAIRE + ":" + r.slug()));
            list(doc.questions()).forEach(r -> out.add(SubjectType.QUESTION + ":" + r.key()));
            list(doc.agreements()).forEach(r -> {
                out.add(SubjectType.AGREEMENT + ":" + r.slug());
                list(r.provisions()).forEach(p -> out.add(SubjectType.PROVISION + ":" + p.key()));
            });
            list(doc.events()).forEach(r -> out.add(SubjectType.EVENT + ":" + r.slug()));
            list(doc.scores()).forEach(r -> out.add(SubjectType.SCORE + ":" + r.key()));
            list(doc.entities()).forEach(r -> out.add(SubjectType.ENTITY + ":" + r.slug()));
            list(doc.claims()).forEach(r -> out.add(SubjectType.CLAIM + ":" + r.key()));
            return out;
        }

        /** Figures (format 3): absent (null) leaves them alone; else each listed subject gets exactly the document's. */
        void importFigures() {
            if (doc.figures() == null) {
                return;
            }
            Map<String, List<SeedDocument.FigureRec>> want = new java.util.LinkedHashMap<>();
            for (var f : doc.figures()) {
                want.computeIfAbsent(f.about().type() + ":" + f.about().key(), k -> new ArrayList<>()).add(f);
            }
            Map<String, List<Figure>> have = new HashMap<>();
            List<Figure> rows = Figure.<Figure>list("select f from Figure f join fetch f.source order by f.subjectType, f.subjectId, f.ordinal");
            Map<String, String> keyOf = subjectKeyIndex(rows.stream().map(f -> Map.entry(f.subjectType, f.subjectId)).toList());
            rows.forEach(f -> have.computeIfAbsent(keyOf.get(f.subjectType + ":" + f.subjectId), k -> new ArrayList<>()).add(f));
            Set<String> subjects = new java.util.LinkedHashSet<>(want.keySet());
            Set<String> listed = documentSubjects();
            have.keySet().stream().filter(k -> k != null && listed.contains(k)).forEach(subjects::add);
            for (String subject : subjects) {
                List<SeedDocument.FigureRec> w = want.getOrDefault(subject, List.of());
                List<Figure> h = have.getOrDefault(subject, List.of());
                List<SeedDocument.FigureRec> hr = h.stream().map(f -> new SeedDocument.FigureRec(w.isEmpty() ? null : w.get(0).about(),
                        f.measure, f.qualifier, Numbers.plain(f.value), Numbers.plain(f.low), Numbers.plain(f.high), f.unit, f.text,
                        new CitationRec(f.source.key, f.quote, f.locator))).toList();
                List<SeedDocument.FigureRec> wr = w.stream().map(f -> new SeedDocument.FigureRec(f.about(), f.measure(), f.qualifier(),
                        Numbers.plain(f.value()), Numbers.plain(f.low()), Numbers.plain(f.high()), f.unit(), f.text(), f.citation())).toList();
                if (hr.equals(wr)) {
                    w.forEach(x -> tally.count("figures", null));
                    continue;
                }
                h.forEach(Figure::delete);
                em.flush(); // (subject, ordinal) is unique
                SeedDocument.SubjectRec about = w.isEmpty() ? null : w.get(0).about();
                Long id = about == null ? null : subjectKeys.id(about.type(), about.key()).orElseThrow();
                for (int i = 0; i < w.size(); i++) {
                    var r = w.get(i);
                    Figure f = new Figure();
                    f.subjectType = about.type();
                    f.subjectId = id;
                    f.ordinal = i + 1;
                    f.measure = r.measure();
                    f.qualifier = r.qualifier();
                    f.value = r.value();
                    f.low = r.low();
                    f.high = r.high();
                    f.unit = r.unit();
                    f.text = r.text();
                    f.source = sources.get(r.citation().source());
                    f.quote = r.citation().quote();
                    f.locator = r.citation().locator();
                    f.persist();
                    tally.count("figures", h.isEmpty() ? Boolean.TRUE : Boolean.FALSE);
                }
            }
        }

        /** Relative dates (format 3), synced like figures. */
        void importRelativeDates() {
            if (doc.relativeDates() == null) {
                return;
            }
            Map<String, List<SeedDocument.RelativeDateRec>> want = new java.util.LinkedHashMap<>();
            for (var r : doc.relativeDates()) {
                want.computeIfAbsent(r.about().type() + ":" + r.about().key(), k -> new ArrayList<>()).add(r);
            }
            Map<String, List<RelativeDate>> have = new HashMap<>();
            List<RelativeDate> rows = RelativeDate.<RelativeDate>list("select r from RelativeDate r join fetch r.source join fetch r.anchor order by r.subjectType, r.subjectId, r.ordinal");
            Map<String, String> keyOf = subjectKeyIndex(rows.stream().map(r -> Map.entry(r.subjectType, r.subjectId)).toList());
            rows.forEach(r -> have.computeIfAbsent(keyOf.get(r.subjectType + ":" + r.subjectId), k -> new ArrayList<>()).add(r));
            Set<String> subjects = new java.util.LinkedHashSet<>(want.keySet());
            Set<String> listed = documentSubjects();
            have.keySet().stream().filter(k -> k != null && listed.contains(k)).forEach(subjects::add);
            for (String subject : subjects) {
                List<SeedDocument.RelativeDateRec> w = want.getOrDefault(subject, List.of());
                List<RelativeDate> h = have.getOrDefault(subject, List.of());
                SeedDocument.SubjectRec about = w.isEmpty() ? null : w.get(0).about();
                List<SeedDocument.RelativeDateRec> hr = h.stream().map(r -> new SeedDocument.RelativeDateRec(about, r.dates, r.text,
                        r.anchor.key, r.derivedOn, new CitationRec(r.source.key, r.quote, r.locator))).toList();
                if (hr.equals(w)) {
                    w.forEach(x -> tally.count("relativeDates", null));
                    continue;
                }
                h.forEach(RelativeDate::delete);
                em.flush();
                Long id = about == null ? null : subjectKeys.id(about.type(), about.key()).orElseThrow();
                for (int i = 0; i < w.size(); i++) {
                    var r = w.get(i);
                    RelativeDate x = new RelativeDate();
                    x.subjectType = about.type();
                    x.subjectId = id;
                    x.ordinal = i + 1;
                    x.dates = r.dates();
                    x.text = r.text();
                    x.anchor = sources.get(r.anchor());
                    x.derivedOn = r.derivedOn();
                    x.source = sources.get(r.citation().source());
                    x.quote = r.citation().quote();
                    x.locator = r.citation().locator();
                    x.persist();
                    tally.count("relativeDates", h.isEmpty() ? Boolean.TRUE : Boolean.FALSE);
                }
            }
        }

        /** "TYPE:id" -> "TYPE:key" for the given subjects (one query per type). */
        Map<String, String> subjectKeyIndex(List<Map.Entry<SubjectType, Long>> subjects) {
            Map<SubjectType, List<Long>> ids = new HashMap<>();
            subjects.forEach(e -> ids.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            Map<String, String> out = new HashMap<>();
            ids.forEach((type, list) -> subjectKeys.keys(type, list).forEach((id, key) -> out.put(type + ":" + id, type + ":" + key)));
            return out;
        }

        /** Replaces a record's citations when they differ from the document's; returns whether they did. */
        boolean syncCitations(SubjectType type, Long id, List<CitationRec> wanted) {
            List<CitationRec> want = list(wanted);
            List<Citation> have = citations.getOrDefault(type + ":" + id, List.of());
            List<CitationRec> haveRecs = have.stream().map(c -> new CitationRec(c.source.key, c.quote, c.locator)).toList();
            if (haveRecs.equals(want)) {
                return false;
            }
            have.forEach(Citation::delete); // (subject, ordinal) uniqueness is checked at commit (V3)
            List<Citation> fresh = new ArrayList<>();
            for (int i = 0; i < want.size(); i++) {
                CitationRec r = want.get(i);
                Citation c = new Citation();
                c.subjectType = type;
                c.subjectId = id;
                c.ordinal = i + 1;
                c.source = sources.get(r.source());
                c.quote = r.quote();
                c.locator = r.locator();
                c.persist();
                fresh.add(c);
            }
            citations.put(type + ":" + id, fresh);
            return true;
        }
    }

    private static Boolean outcome(boolean created, boolean changed) {
        return created ? Boolean.TRUE : changed ? Boolean.FALSE : null;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> m = new HashMap<>();
        items.forEach(i -> m.put(key.apply(i), i));
        return m;
    }
}
