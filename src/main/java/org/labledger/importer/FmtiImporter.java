package org.labledger.importer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import org.labledger.answer.ResponseStatus;
import org.labledger.common.ApiException;
import org.labledger.common.Problem;
import org.labledger.common.StatementTimeouts;
import org.labledger.lab.Lab;
import org.labledger.lab.LabKind;
import org.labledger.seed.ImportReport;
import org.labledger.seed.SeedDocument;
import org.labledger.seed.SeedDocument.AnswerRec;
import org.labledger.seed.SeedDocument.CitationRec;
import org.labledger.seed.SeedDocument.LabRec;
import org.labledger.seed.SeedDocument.QuestionRec;
import org.labledger.seed.SeedDocument.TopicRec;
import org.labledger.seed.SeedException;
import org.labledger.seed.SeedImporter;
import org.labledger.source.SourceKind;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Imports one FMTI edition: an indicator is a question, a developer's 0/1 score an answer (1 → ANSWERED,
 * 0 → UNANSWERED) with the report's disclosure, justification and references where given. The edition is
 * turned into a dataset document and stored by the same idempotent upsert as the seeds, in one
 * transaction: a rejected import writes nothing, a repeated one changes nothing, a dry run rolls back.
 *
 * <p>Developers are matched to labs by slug, name or alias (case, spaces, {@code _ - :} ignored); FMTI's
 * "Google" is the lab {@code google} (the company FMTI assesses), not its subsidiary Google DeepMind.
 * Unknown developers become new labs of kind OTHER, listed in the report.
 */
@ApplicationScoped
public class FmtiImporter {

    public static final Pattern EDITION = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}$");
    static final String ROOT_TOPIC = "fmti";

    @Inject
    EntityManager em;
    @Inject
    SeedImporter importer;
    @Inject
    TransactionManager tm;
    @Inject
    StatementTimeouts timeouts;

    public record LabMatch(String developer, String lab, boolean created) {
    }

    public record FmtiImportReport(String edition, String questionnaire, boolean dryRun, int indicators, int developers,
                                   int reports, Map<String, ImportReport.Counts> counts, List<String> newLabs,
                                   List<LabMatch> labs, List<String> warnings, long durationMs) {
    }

    /**
     * Reads and checks the files of an edition, within {@code limits}; no transaction and no database work, so
     * that an oversized or broken upload is refused before anything else happens.
     */
    public FmtiEdition read(String edition, FmtiParser.Upload scores, FmtiParser.Upload indicators,
                            List<FmtiParser.Upload> reports, FmtiParser.Limits limits) {
        if (edition == null || !EDITION.matcher(edition.trim()).matches()) {
            throw ApiException.badParameter("edition", "must be a short edition name such as 'Dec2025' (letters, digits, space, . _ -), was '" + edition + "'");
        }
        return FmtiParser.parse(edition.trim(), scores, indicators, reports, limits);
    }

    /**
     * Stores an edition read by {@link #read}. An import that would create labs is refused (403, naming them)
     * unless {@code mayCreateLabs} (the caller is an admin) or it is a dry run, which lists them in {@code newLabs}
     * for confirmation: creating labs is an admin's decision everywhere in LabLedger.
     *
     * @param started {@link System#nanoTime()} when the request began (for {@code durationMs})
     */
    @Transactional
    public FmtiImportReport importEdition(FmtiEdition parsed, boolean dryRun, boolean mayCreateLabs, long started) {
        timeouts.forImport(em);
        List<LabMatch> matches = new ArrayList<>();
        SeedDocument doc = document(parsed, matches);
        List<LabMatch> created = matches.stream().filter(LabMatch::created).toList();
        if (!created.isEmpty() && !dryRun && !mayCreateLabs) {
            throw new ApiException(403, "forbidden", "Forbidden", "this import would create the labs "
                    + created.stream().map(LabMatch::lab).toList() + " for developers LabLedger does not know; creating labs needs the role admin:"
                    + " ask an admin to run the import, or add the spellings as aliases of existing labs (dryRun=true lists the new labs without writing)",
                    created.stream().map(m -> new Problem.Violation("newLabs", "developer '" + m.developer() + "' would become the new lab '"
                            + m.lab() + "'", parsed.scoresFile(), null, null)).toList());
        }
        String file = "FMTI " + parsed.edition();
        try {
            importer.check(file, doc);
        } catch (SeedException e) {
            throw ApiException.badRequest("the FMTI files give data LabLedger cannot store: " + e.getMessage());
        }
        ImportReport report = importer.importDocument(file, doc);
        if (dryRun) {
            try {
                tm.setRollbackOnly();
            } catch (SystemException e) {
                throw new IllegalStateException(e);
            }
        }
        return new FmtiImportReport(parsed.edition(), doc.questionnaires().get(0).slug(), dryRun, parsed.indicators().size(),
                parsed.developers().size(), (int) parsed.developers().stream().filter(d -> d.report() != null).count(),
                report.counts(), created.stream().map(LabMatch::lab).toList(), matches,
                parsed.warnings(), (System.nanoTime() - started) / 1_000_000);
    }

    /** The edition as a dataset document, matching developers to the labs already stored. */
    SeedDocument document(FmtiEdition e, List<LabMatch> matches) {
        String ed = slug(e.edition());
        String sourceKey = "fmti-" + ed;
        List<Lab> labs = Lab.list("select distinct l from Lab l left join fetch l.aliases left join fetch l.parent");
        Map<String, Lab> byName = new HashMap<>();
        Set<String> takenAliases = new HashSet<>();
        for (Lab l : labs) {
            byName.putIfAbsent(FmtiParser.normalise(l.slug), l);
            byName.putIfAbsent(FmtiParser.normalise(l.name), l);
            l.aliases.forEach(a -> {
                byName.putIfAbsent(FmtiParser.normalise(a), l);
                takenAliases.add(a.toLowerCase(Locale.ROOT));
            });
        }
        Set<String> slugs = new HashSet<>();
        labs.forEach(l -> slugs.add(l.slug));

        List<LabRec> labRecs = new ArrayList<>();
        Map<String, String> labOf = new LinkedHashMap<>();
        for (FmtiEdition.Developer d : e.developers()) {
            List<String> spellings = new ArrayList<>(List.of(d.name()));
            if (d.reportFile() != null) {
                spellings.add(d.reportFile().replaceAll("(?i)[_\\- ]?fmtransparencyreport.*$", ""));
            }
            Lab lab = null;
            for (String s : spellings) {
                lab = lab != null ? lab : byName.get(FmtiParser.normalise(s));
            }
            if (lab != null) {
                Set<String> aliases = new TreeSet<>(lab.aliases);
                for (String s : spellings) {
                    if (!s.equalsIgnoreCase(lab.name) && takenAliases.add(s.toLowerCase(Locale.ROOT))) {
                        aliases.add(s);
                    }
                }
                if (!aliases.equals(new TreeSet<>(lab.aliases))) {
                    labRecs.add(new LabRec(lab.slug, lab.name, lab.kind, lab.parent == null ? null : lab.parent.slug, lab.website,
                            List.copyOf(aliases), null));
                }
                labOf.put(d.name(), lab.slug);
                matches.add(new LabMatch(d.name(), lab.slug, false));
            } else {
                String slug = slug(d.name());
                while (!slugs.add(slug)) {
                    slug = slug + "-fmti";
                }
                List<String> aliases = new ArrayList<>();
                for (String s : spellings) {
                    if (!s.equals(d.name()) && takenAliases.add(s.toLowerCase(Locale.ROOT))) {
                        aliases.add(s);
                    }
                }
                labRecs.add(new LabRec(slug, d.name(), LabKind.OTHER, null, null, aliases,
                        List.of(new CitationRec(sourceKey, null, e.scoresFile() + ", header, column " + d.column()))));
                labOf.put(d.name(), slug);
                matches.add(new LabMatch(d.name(), slug, true));
            }
        }

        List<TopicRec> topics = new ArrayList<>();
        Map<String, String> topicSlugs = new LinkedHashMap<>();
        topics.add(new TopicRec(ROOT_TOPIC, "Foundation Model Transparency Index", null,
                "Indicators of the Foundation Model Transparency Index (Stanford CRFM), by domain and subdomain"));
        Set<String> seenTopics = new HashSet<>(Set.of(ROOT_TOPIC));
        for (FmtiEdition.Indicator i : e.indicators()) {
            String topic = ROOT_TOPIC;
            if (i.domain() != null) {
                String domain = cut(ROOT_TOPIC + "-" + slug(i.domain()));
                if (seenTopics.add(domain)) {
                    topics.add(new TopicRec(domain, i.domain(), ROOT_TOPIC, null));
                }
                topic = domain;
                if (i.subdomain() != null) {
                    String sub = cut(domain + "-" + slug(i.subdomain()));
                    if (seenTopics.add(sub)) {
                        topics.add(new TopicRec(sub, i.subdomain(), domain, null));
                    }
                    topic = sub;
                }
            }
            topicSlugs.put(i.name(), topic);
        }

        List<String> addressed = e.developers().stream().map(d -> labOf.get(d.name())).toList();
        List<QuestionRec> questions = new ArrayList<>();
        Map<String, String> questionKeys = new HashMap<>();
        Set<String> keys = new HashSet<>();
        int ordinal = 0;
        for (FmtiEdition.Indicator i : e.indicators()) {
            String key = cut("fmti-" + ed + "-" + slug(i.name()));
            for (int n = 2; !keys.add(key); n++) {
                key = cut("fmti-" + ed + "-" + slug(i.name())) + "-" + n;
            }
            questionKeys.put(i.name(), key);
            String notes = i.definition() == null ? null : i.definition() + (i.notes() == null ? "" : "\n\nNotes: " + i.notes());
            questions.add(new QuestionRec(key, "fmti-" + ed, topicSlugs.get(i.name()), null, ++ordinal, i.name(), notes,
                    addressed, List.of(new CitationRec(sourceKey, null, e.scoresFile() + ", line " + i.line())), null, null, null));
        }

        List<AnswerRec> answers = new ArrayList<>();
        for (FmtiEdition.Developer d : e.developers()) {
            for (FmtiEdition.Indicator i : e.indicators()) {
                int score = d.scores().get(i.name());
                FmtiEdition.ReportRow row = d.report() == null ? null : d.report().get(i.name());
                CitationRec cite = row != null
                        ? new CitationRec(sourceKey, null, d.reportFile() + ", line " + row.line())
                        : new CitationRec(sourceKey, null, e.scoresFile() + ", line " + i.line() + ", column " + d.column());
                answers.add(new AnswerRec(questionKeys.get(i.name()), labOf.get(d.name()),
                        score == 1 ? ResponseStatus.ANSWERED : ResponseStatus.UNANSWERED, true,
                        row == null ? null : row.disclosure(), null, null, null,
                        row == null ? null : row.justification(), row == null ? null : row.references(), List.of(cite),
                        null, null, null, null));
            }
        }

        var source = new SeedDocument.SourceRec(sourceKey, "Foundation Model Transparency Index, " + e.edition() + " edition",
                "Stanford CRFM", "Bommasani, Klyman et al.", "https://crfm.stanford.edu/fmti/", null, SourceKind.DATASET, null, null,
                "CC-BY 4.0. Imported from " + e.scoresFile()
                        + (e.developers().stream().anyMatch(d -> d.reportFile() != null) ? " and the developers' transparency reports" : "") + ".");
        var questionnaire = new SeedDocument.QuestionnaireRec("fmti-" + ed, "Foundation Model Transparency Index (" + e.edition() + ")",
                "Stanford CRFM", "Bommasani, Klyman et al.", null, sourceKey,
                "The FMTI indicators of the " + e.edition() + " edition; a developer's score of 1 on an indicator is recorded as ANSWERED, 0 as UNANSWERED.",
                List.of(), null, null);
        return new SeedDocument(SeedDocument.FORMAT_VERSION, new SeedDocument.Dataset("FMTI " + e.edition(), e.edition(), null),
                List.of(source), labRecs, topics, List.of(questionnaire), questions, answers, List.of(), List.of(), List.of());
    }

    /** Lower-case words joined by '-', accents dropped: 'AI21 Labs' → 'ai21-labs'. */
    static String slug(String s) {
        String ascii = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "x" : slug;
    }

    private static String cut(String key) {
        return key.length() <= 90 ? key : key.substring(0, 90).replaceAll("-+$", "");
    }

}
