package org.labledger.seed;

import org.labledger.questionnaire.QuestionnaireKind;
import org.labledger.seed.SeedDocument.CitationRec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a whole dataset document before anything is written: required fields, key and date formats,
 * lengths, unique keys, references between records, parent cycles. Every problem is reported as
 * {@code <collection>[<index>] (<key>).<field>: <message>}.
 */
public final class SeedValidator {

    public static final Pattern KEY = Pattern.compile("^[a-z0-9]+(?:-[a-z0-9]+)*$");
    public static final Pattern PARTIAL_DATE = Pattern.compile(org.labledger.common.Writes.PARTIAL_DATE);
    public static final Set<String> UNITS = Set.of("USD", "PERCENT", "YEAR");
    /** Units of a figure (format 3): those of a provision, and durations. */
    public static final Set<String> FIGURE_UNITS = Set.of("USD", "PERCENT", "YEAR", "MONTHS", "YEARS");

    private final List<String> problems = new ArrayList<>();
    private String where;

    /** Problems of a document whose records may also refer to the given labs (already stored). */
    public static List<String> validate(SeedDocument doc, Set<String> existingLabs) {
        SeedValidator v = new SeedValidator();
        v.check(doc, existingLabs);
        return v.problems;
    }

    /** Whether the document uses the format-2 fields of uncertain addressees and kinds of answer. */
    private static boolean usesAddressees(SeedDocument d) {
        return d.questionnaires() != null && d.questionnaires().stream().anyMatch(q -> q != null && q.kind() != null)
                || d.questions() != null && d.questions().stream().anyMatch(q -> q != null
                        && (q.minAddressees() != null || q.delivery() != null || q.context() != null))
                || d.answers() != null && d.answers().stream().anyMatch(a -> a != null
                        && (a.kind() != null || a.capacity() != null || a.afterPublication() != null || a.delivery() != null));
    }

    /** Whether the document uses the fields format 3 adds. */
    private static boolean usesFormat3(SeedDocument d) {
        return d.figures() != null && !d.figures().isEmpty() || d.relativeDates() != null && !d.relativeDates().isEmpty()
                || d.scores() != null && d.scores().stream().anyMatch(s -> s != null && s.revisionReason() != null)
                || d.labs() != null && d.labs().stream().anyMatch(l -> l != null && (l.inference() != null || l.rationale() != null || l.inferredAliases() != null))
                || d.agreements() != null && d.agreements().stream().anyMatch(a -> a != null && a.provisions() != null
                        && a.provisions().stream().anyMatch(p -> p != null && p.heldEntity() != null));
    }

    private void check(SeedDocument d, Set<String> existingLabs) {
        where = "document";
        if (d.formatVersion() == null || !SeedDocument.READABLE_VERSIONS.contains(d.formatVersion())) {
            fail("formatVersion", "must be one of " + new java.util.TreeSet<>(SeedDocument.READABLE_VERSIONS) + ", was " + d.formatVersion());
        } else if (d.formatVersion() == 1 && (d.entities() != null && !d.entities().isEmpty() || d.claims() != null && !d.claims().isEmpty())) {
            fail("formatVersion", "entities and claims need formatVersion 2, was 1");
        } else if (d.formatVersion() == 1 && usesAddressees(d)) {
            fail("formatVersion", "questionnaire kind, question minAddressees/delivery/context and answer kind/capacity/afterPublication/delivery need formatVersion 2, was 1");
        } else if (d.formatVersion() < 3 && usesFormat3(d)) {
            fail("formatVersion", "figures, relativeDates, a score's revisionReason, a provision's heldEntity and a lab's inference/rationale/inferredAliases need formatVersion 3, was " + d.formatVersion());
        }
        Set<String> sources = keys("sources", d.sources(), SeedDocument.SourceRec::key);
        Set<String> labs = keys("labs", d.labs(), SeedDocument.LabRec::slug);
        labs.addAll(existingLabs);
        Set<String> topics = keys("topics", d.topics(), SeedDocument.TopicRec::slug);
        Set<String> questionnaires = keys("questionnaires", d.questionnaires(), SeedDocument.QuestionnaireRec::slug);
        Set<String> questions = keys("questions", d.questions(), SeedDocument.QuestionRec::key);
        Set<String> agreements = keys("agreements", d.agreements(), SeedDocument.AgreementRec::slug);
        Set<String> events = keys("events", d.events(), SeedDocument.EventRec::slug);
        Set<String> scores = keys("scores", d.scores(), SeedDocument.ScoreRec::key);
        Set<String> provisionKeys = new HashSet<>();
        List<String[]> heldEntities = new java.util.ArrayList<>();
        Map<String, java.math.BigDecimal[]> provisionValues = new HashMap<>();
        Map<String, String> provisionUnits = new HashMap<>();

        each("sources", d.sources(), SeedDocument.SourceRec::key, s -> {
            text("title", s.title(), 500, true);
            text("publisher", s.publisher(), 200, false);
            text("author", s.author(), 200, false);
            url("url", s.url());
            date("publishedOn", s.publishedOn());
            required("kind", s.kind());
            text("document", s.document(), 200, false);
            ref("citedIn", s.citedIn(), sources);
        });
        Map<String, String> labParents = new HashMap<>();
        each("labs", d.labs(), SeedDocument.LabRec::slug, l -> {
            text("name", l.name(), 200, true);
            required("kind", l.kind());
            ref("parent", l.parent(), labs);
            url("website", l.website());
            if (l.aliases() != null) {
                for (String a : l.aliases()) {
                    text("aliases", a, 200, true);
                }
            }
            citations(l.citations(), sources, false);
            if (l.parent() != null) {
                labParents.put(l.slug(), l.parent());
            }
            inference("", l.inference(), l.rationale());
            List<SeedDocument.AliasRec> inferred = l.inferredAliases() == null ? List.of() : l.inferredAliases();
            for (int i = 0; i < inferred.size(); i++) {
                SeedDocument.AliasRec a = inferred.get(i);
                String f = "inferredAliases[" + i + "]";
                if (a == null) {
                    fail(f, "is null");
                    continue;
                }
                if (a.name() == null || l.aliases() == null || !l.aliases().contains(a.name())) {
                    fail(f + ".name", "'" + a.name() + "' is not one of the lab's aliases");
                }
                if (Boolean.FALSE.equals(a.inference())) {
                    fail(f + ".inference", "an inferred alias is an inference: leave it out or true");
                }
                if (a.rationale() == null || a.rationale().isBlank()) {
                    fail(f + ".rationale", "is required: why the curator reads the alias as this lab");
                }
                text(f + ".rationale", a.rationale(), 2000, false);
            }
        });
        Set<String> aliases = new HashSet<>();
        each("labs", d.labs(), SeedDocument.LabRec::slug, l -> {
            for (String a : l.aliases() == null ? List.<String>of() : l.aliases()) {
                if (a != null && !aliases.add(a.toLowerCase())) {
                    fail("aliases", "alias '" + a + "' is used by more than one lab");
                }
            }
        });
        cycles("labs", labParents);

        Map<String, String> topicParents = new HashMap<>();
        each("topics", d.topics(), SeedDocument.TopicRec::slug, t -> {
            text("name", t.name(), 200, true);
            ref("parent", t.parent(), topics);
            if (t.parent() != null) {
                topicParents.put(t.slug(), t.parent());
            }
        });
        cycles("topics", topicParents);

        each("questionnaires", d.questionnaires(), SeedDocument.QuestionnaireRec::slug, q -> {
            text("title", q.title(), 500, true);
            text("publisher", q.publisher(), 200, false);
            text("author", q.author(), 200, false);
            date("publishedOn", q.publishedOn());
            ref("source", q.source(), sources);
            refs("notDeliveredTo", q.notDeliveredTo(), labs);
            if (q.kind() == QuestionnaireKind.SUGGESTED && q.notDeliveredTo() != null && !q.notDeliveredTo().isEmpty()) {
                fail("notDeliveredTo", "a SUGGESTED questionnaire was sent to no lab: leave notDeliveredTo empty");
            }
            citations(q.defaultAnswerCitations(), sources, false);
        });
        Set<String> suggested = new HashSet<>();
        if (d.questionnaires() != null) {
            d.questionnaires().stream().filter(q -> q != null && q.kind() == QuestionnaireKind.SUGGESTED).forEach(q -> suggested.add(q.slug()));
        }
        Set<String> withDefaults = new HashSet<>();
        if (d.questionnaires() != null) {
            d.questionnaires().stream().filter(q -> q != null && q.defaultAnswerCitations() != null && !q.defaultAnswerCitations().isEmpty())
                    .forEach(q -> withDefaults.add(q.slug()));
        }
        Set<String> explicitAnswers = new HashSet<>();
        if (d.answers() != null) {
            d.answers().stream().filter(java.util.Objects::nonNull).forEach(a -> explicitAnswers.add(a.question() + "/" + a.lab()));
        }

        Map<String, Set<String>> addressed = new HashMap<>();
        Map<String, String> questionParents = new HashMap<>();
        Set<String> ordinals = new HashSet<>();
        each("questions", d.questions(), SeedDocument.QuestionRec::key, q -> {
            ref("questionnaire", required("questionnaire", q.questionnaire()), questionnaires);
            ref("topic", required("topic", q.topic()), topics);
            ref("parent", q.parent(), questions);
            if (required("ordinal", q.ordinal()) != null) {
                if (q.ordinal() < 1) {
                    fail("ordinal", "must be 1 or greater");
                } else if (!ordinals.add(q.questionnaire() + "#" + q.ordinal())) {
                    fail("ordinal", q.ordinal() + " is used twice in questionnaire '" + q.questionnaire() + "'");
                }
            }
            text("text", q.text(), 10_000, true);
            text("notes", q.notes(), 10_000, false);
            boolean context = Boolean.TRUE.equals(q.context());
            boolean noLab = context || suggested.contains(q.questionnaire());
            String why = context ? "a context row" : "a question of SUGGESTED questionnaire '" + q.questionnaire() + "'";
            if (noLab) {
                // put to no lab: no answers, no charge against any lab
                if (q.addressedTo() != null && !q.addressedTo().isEmpty()) {
                    fail("addressedTo", why + " is put to no lab: leave addressedTo empty");
                }
                if (q.minAddressees() != null) {
                    fail("minAddressees", why + " is put to no lab");
                }
                if (q.delivery() != null) {
                    fail("delivery", why + " is put to no lab");
                }
                addressed.put(q.key(), Set.of());
            } else if (q.addressedTo() == null || q.addressedTo().isEmpty()) {
                fail("addressedTo", "must name at least one lab");
            } else {
                if (q.minAddressees() != null && q.minAddressees() < 1) {
                    fail("minAddressees", "must be 1 or greater");
                } else if (q.minAddressees() != null && q.minAddressees() > new HashSet<>(q.addressedTo()).size()) {
                    fail("minAddressees", "at least " + q.minAddressees() + " of the labs in addressedTo, but it names only "
                            + new HashSet<>(q.addressedTo()).size());
                }
                refs("addressedTo", q.addressedTo(), labs);
                if (new HashSet<>(q.addressedTo()).size() != q.addressedTo().size()) {
                    fail("addressedTo", "names a lab twice");
                }
                addressed.put(q.key(), new HashSet<>(q.addressedTo()));
                if (!withDefaults.contains(q.questionnaire())) {
                    for (String lab : q.addressedTo()) {
                        if (!explicitAnswers.contains(q.key() + "/" + lab)) {
                            fail("addressedTo", "'" + lab + "' has no answer record and questionnaire '" + q.questionnaire()
                                    + "' has no defaultAnswerCitations: an UNANSWERED status needs evidence too");
                        }
                    }
                }
            }
            citations(q.citations(), sources, true);
            if (q.parent() != null) {
                questionParents.put(q.key(), q.parent());
            }
        });
        cycles("questions", questionParents);

        Set<String> answerPairs = new HashSet<>();
        each("answers", d.answers(), a -> a.question() + "/" + a.lab(), a -> {
            ref("question", required("question", a.question()), questions);
            ref("lab", required("lab", a.lab()), labs);
            if (a.question() != null && a.lab() != null) {
                if (addressed.containsKey(a.question()) && !addressed.get(a.question()).contains(a.lab())) {
                    fail("lab", "question '" + a.question() + "' is not addressed to '" + a.lab() + "'");
                }
                if (!answerPairs.add(a.question() + "/" + a.lab())) {
                    fail("question", "a second answer for the same question and lab");
                }
            }
            required("status", a.status());
            if (a.delivery() != null && a.delivered() != null && !a.delivered().equals(a.delivery().delivered())) {
                fail("delivery", a.delivery() + " disagrees with delivered " + a.delivered());
            }
            text("summary", a.summary(), 200_000, false);
            text("respondent", a.respondent(), 200, false);
            text("respondentCapacity", a.respondentCapacity(), 500, false);
            if (a.capacity() != null && a.capacity() != org.labledger.answer.RespondentCapacity.UNKNOWN
                    && (a.respondent() == null || a.respondent().isBlank())) {
                fail("capacity", a.capacity() + " needs a respondent");
            }
            date("answeredOn", a.answeredOn());
            text("justification", a.justification(), 200_000, false);
            text("references", a.references(), 200_000, false);
            citations(a.citations(), sources, true);
        });

        Map<String, String> agreementChain = new HashMap<>();
        Map<String, String> provisionAgreement = new HashMap<>();
        List<Object[]> lineages = new java.util.ArrayList<>();
        Set<String> superseded = new HashSet<>();
        each("agreements", d.agreements(), SeedDocument.AgreementRec::slug, a -> {
            text("title", a.title(), 500, true);
            required("kind", a.kind());
            date("announcedOn", a.announcedOn());
            date("effectiveOn", a.effectiveOn());
            ref("supersedes", a.supersedes(), agreements);
            if (a.supersedes() != null) {
                agreementChain.put(a.slug(), a.supersedes());
                if (!superseded.add(a.supersedes())) {
                    fail("supersedes", "'" + a.supersedes() + "' is already superseded by another agreement");
                }
            }
            if (a.parties() == null || a.parties().isEmpty()) {
                fail("parties", "must name at least one party");
            } else {
                Set<String> seen = new HashSet<>();
                for (SeedDocument.PartyRec p : a.parties()) {
                    ref("parties.lab", required("parties.lab", p.lab()), labs);
                    text("parties.role", p.role(), 100, true);
                    if (p.lab() != null && !seen.add(p.lab())) {
                        fail("parties", "names '" + p.lab() + "' twice");
                    }
                }
            }
            citations(a.citations(), sources, true);
            String agreementWhere = where;
            List<SeedDocument.ProvisionRec> provisions = a.provisions() == null ? List.of() : a.provisions();
            for (int i = 0; i < provisions.size(); i++) {
                SeedDocument.ProvisionRec p = provisions.get(i);
                where = agreementWhere + ".provisions[" + i + "] (" + p.key() + ")";
                key("key", p.key());
                if (p.key() != null && !provisionKeys.add(p.key())) {
                    fail("key", "duplicate key '" + p.key() + "'");
                }
                required("category", p.category());
                text("summary", p.summary(), 10_000, true);
                ref("beneficiary", p.beneficiary(), labs);
                if ((p.value() == null) != (p.unit() == null)) {
                    fail(p.value() == null ? "value" : "unit", "value and unit go together");
                }
                if (p.unit() != null && !UNITS.contains(p.unit())) {
                    fail("unit", "must be one of " + UNITS + ", was '" + p.unit() + "'");
                }
                if (p.value() != null && p.value().abs().compareTo(new java.math.BigDecimal("1e19")) >= 0) {
                    fail("value", "is out of range");
                }
                date("validFrom", p.validFrom());
                date("validUntil", p.validUntil());
                text("validUntilCondition", p.validUntilCondition(), 500, false);
                citations(p.citations(), sources, true);
                if (p.heldEntity() != null) {
                    heldEntities.add(new String[]{where, p.heldEntity()});
                }
                if (p.kind() != null && !p.kind().equals("TERM") && !p.kind().equals("REMOVAL")) {
                    fail("kind", "must be TERM or REMOVAL, was '" + p.kind() + "'");
                }
                if (p.key() != null) {
                    provisionAgreement.put(p.key(), a.slug());
                    if (p.value() != null) {
                        provisionValues.put(p.key(), new java.math.BigDecimal[]{p.value()});
                        provisionUnits.put(p.key(), p.unit());
                    }
                }
                lineages.add(new Object[]{where, p, a.slug()});
            }
            where = agreementWhere;
        });
        cycles("agreements", agreementChain);
        lineage(lineages, provisionAgreement, agreementChain, sources);

        each("events", d.events(), SeedDocument.EventRec::slug, e -> {
            text("title", e.title(), 500, true);
            required("kind", e.kind());
            date("occurredOn", e.occurredOn());
            refs("labs", e.labs(), labs);
            ref("agreement", e.agreement(), agreements);
            citations(e.citations(), sources, true);
        });

        Map<String, String> scoreChain = new HashMap<>();
        each("scores", d.scores(), SeedDocument.ScoreRec::key, s -> {
            ref("lab", required("lab", s.lab()), labs);
            text("scorer", s.scorer(), 200, true);
            required("score", s.score());
            date("recordedOn", s.recordedOn());
            ref("supersedes", s.supersedes(), scores);
            if (s.supersedes() != null) {
                scoreChain.put(s.key(), s.supersedes());
            }
            text("revisionReason", s.revisionReason(), 2000, false);
            if (s.revisionReason() != null && s.supersedes() == null) {
                fail("revisionReason", "only a score that supersedes another is a revision");
            }
            citations(s.citations(), sources, true);
        });
        cycles("scores", scoreChain);

        Set<String> answerKeys = new HashSet<>();
        addressed.forEach((q, ls) -> ls.forEach(l -> answerKeys.add(q + "/" + l)));
        Map<org.labledger.source.SubjectType, Set<String>> subjects = Map.of(
                org.labledger.source.SubjectType.LAB, labs, org.labledger.source.SubjectType.AGREEMENT, agreements,
                org.labledger.source.SubjectType.PROVISION, provisionKeys, org.labledger.source.SubjectType.EVENT, events,
                org.labledger.source.SubjectType.QUESTION, questions, org.labledger.source.SubjectType.ANSWER, answerKeys);
        entitiesAndClaims(d, sources, labs, subjects);
        Map<String, SeedDocument.EntityRec> entityRecs = new HashMap<>();
        if (d.entities() != null) {
            d.entities().stream().filter(e -> e != null && e.slug() != null).forEach(e -> entityRecs.put(e.slug(), e));
        }
        for (String[] h : heldEntities) {
            where = h[0];
            SeedDocument.EntityRec e = entityRecs.get(h[1]);
            if (e == null) {
                fail("heldEntity", "refers to unknown entity '" + h[1] + "'");
            } else if (e.kind() != org.labledger.entity.EntityKind.LEGAL_ENTITY && e.kind() != org.labledger.entity.EntityKind.ORGANISATION) {
                fail("heldEntity", "'" + h[1] + "' is a " + e.kind() + ": a stake is held in a legal entity or an organisation");
            }
        }
        Map<org.labledger.source.SubjectType, Set<String>> all = new HashMap<>(subjects);
        all.put(org.labledger.source.SubjectType.SCORE, scores);
        all.put(org.labledger.source.SubjectType.ENTITY, entityRecs.keySet());
        all.put(org.labledger.source.SubjectType.QUESTIONNAIRE, questionnaires);
        Set<String> claimKeys = new HashSet<>();
        if (d.claims() != null) {
            d.claims().stream().filter(c -> c != null && c.key() != null).forEach(c -> claimKeys.add(c.key()));
        }
        all.put(org.labledger.source.SubjectType.CLAIM, claimKeys);
        Map<String, String> published = new HashMap<>();
        if (d.sources() != null) {
            d.sources().stream().filter(x -> x != null && x.key() != null && x.publishedOn() != null).forEach(x -> published.put(x.key(), x.publishedOn()));
        }
        figures(d, sources, all, provisionValues, provisionUnits);
        relativeDates(d, sources, all, published);
    }

    /**
     * Format 3: every figure names an existing subject, what it measures, its qualifier and unit, a value (or, for a
     * RANGE, low and high), and the document's words, which stand in its citation's verbatim quote. A provision with a
     * value has a figure with that value and unit (its qualifier and measure).
     */
    private void figures(SeedDocument d, Set<String> sources, Map<org.labledger.source.SubjectType, Set<String>> subjects,
                         Map<String, java.math.BigDecimal[]> provisionValues, Map<String, String> provisionUnits) {
        Set<String> qualified = new HashSet<>();
        List<SeedDocument.FigureRec> figures = d.figures() == null ? List.of() : d.figures();
        for (int i = 0; i < figures.size(); i++) {
            SeedDocument.FigureRec f = figures.get(i);
            where = "figures[" + i + "]";
            if (f == null) {
                fail("", "is null");
                continue;
            }
            subject(f.about(), subjects);
            text("measure", f.measure(), 500, true);
            required("qualifier", f.qualifier());
            if (f.qualifier() == org.labledger.source.FigureQualifier.RANGE) {
                required("low", f.low());
                required("high", f.high());
                if (f.value() != null) {
                    fail("value", "a RANGE has low and high, not a value");
                }
                if (f.low() != null && f.high() != null && f.low().compareTo(f.high()) > 0) {
                    fail("low", "is above high");
                }
            } else if (f.qualifier() != null) {
                required("value", f.value());
                if (f.low() != null || f.high() != null) {
                    fail(f.low() != null ? "low" : "high", "only a RANGE has low and high");
                }
            }
            for (java.math.BigDecimal v : new java.math.BigDecimal[]{f.value(), f.low(), f.high()}) {
                if (v != null && v.abs().compareTo(new java.math.BigDecimal("1e19")) >= 0) {
                    fail("value", "is out of range");
                }
            }
            if (required("unit", f.unit()) != null && !FIGURE_UNITS.contains(f.unit())) {
                fail("unit", "must be one of " + new java.util.TreeSet<>(FIGURE_UNITS) + ", was '" + f.unit() + "'");
            }
            text("text", f.text(), 500, true);
            quoted(f.text(), f.citation(), sources);
            if (f.about() != null && f.about().type() == org.labledger.source.SubjectType.PROVISION && f.value() != null
                    && provisionValues.containsKey(f.about().key())
                    && provisionValues.get(f.about().key())[0].compareTo(f.value()) == 0
                    && java.util.Objects.equals(provisionUnits.get(f.about().key()), f.unit())) {
                qualified.add(f.about().key());
            }
        }
        where = "document";
        provisionValues.keySet().stream().filter(k -> !qualified.contains(k)).sorted().forEach(k ->
                fail("figures", "provision '" + k + "' has a value but no figure with that value and unit (what it measures, how it is qualified)"));
    }

    /**
     * Format 3: every relative date names an existing subject, what it dates, the document's words (in its citation's
     * quote) and its anchor source; a derived date only when the anchor states its publication date, and a "this year"
     * is the anchor's year.
     */
    private void relativeDates(SeedDocument d, Set<String> sources, Map<org.labledger.source.SubjectType, Set<String>> subjects,
                               Map<String, String> published) {
        List<SeedDocument.RelativeDateRec> dates = d.relativeDates() == null ? List.of() : d.relativeDates();
        for (int i = 0; i < dates.size(); i++) {
            SeedDocument.RelativeDateRec r = dates.get(i);
            where = "relativeDates[" + i + "]";
            if (r == null) {
                fail("", "is null");
                continue;
            }
            subject(r.about(), subjects);
            text("dates", r.dates(), 500, true);
            text("text", r.text(), 200, true);
            ref("anchor", required("anchor", r.anchor()), sources);
            date("derivedOn", r.derivedOn());
            if (r.derivedOn() != null && r.anchor() != null) {
                String anchorDate = published.get(r.anchor());
                if (anchorDate == null) {
                    fail("derivedOn", "anchor '" + r.anchor() + "' states no publication date: nothing to derive a date from");
                } else if (r.text() != null && r.text().toLowerCase(java.util.Locale.ROOT).contains("this year")
                        && !r.derivedOn().equals(anchorDate.substring(0, 4))) {
                    fail("derivedOn", "'" + r.text() + "' is in the anchor's year " + anchorDate.substring(0, 4) + ", not " + r.derivedOn());
                }
            }
            quoted(r.text(), r.citation(), sources);
        }
        where = "document";
    }

    private void subject(SeedDocument.SubjectRec about, Map<org.labledger.source.SubjectType, Set<String>> subjects) {
        if (about == null) {
            fail("about", "is required: the record the value is about");
            return;
        }
        org.labledger.source.SubjectType type = required("about.type", about.type());
        String key = required("about.key", about.key());
        if (type != null && !subjects.containsKey(type)) {
            fail("about.type", "cannot be a " + type + "; expected one of " + new java.util.TreeSet<>(subjects.keySet()));
        } else if (type != null && key != null && !subjects.get(type).contains(key)) {
            fail("about.key", "refers to unknown " + type.name().toLowerCase() + " '" + key + "'");
        }
    }

    /** The citation exists, has a verbatim quote, and the document's words stand in it. */
    private void quoted(String words, CitationRec c, Set<String> sources) {
        if (c == null) {
            fail("citation", "is required: the quote that holds the document's words");
            return;
        }
        ref("citation.source", required("citation.source", c.source()), sources);
        if (c.quote() == null || c.quote().isBlank()) {
            fail("citation.quote", "is required (verbatim)");
            return;
        }
        text("citation.quote", c.quote(), org.labledger.common.Writes.MAX_QUOTE, true);
        text("citation.locator", c.locator(), 500, false);
        if (words != null && !fold(c.quote()).contains(fold(words))) {
            fail("text", "'" + words + "' is not in the citation's quote");
        }
    }

    private static String fold(String s) {
        return s.replaceAll("(?U)\\s+", " ").trim();
    }

    /** The kinds of record a claim can support (ClaimSupports.SUPPORTED_TYPES), in the order messages list them. */
    private static final List<org.labledger.source.SubjectType> SUPPORTED = List.of(org.labledger.source.SubjectType.PROVISION,
            org.labledger.source.SubjectType.EVENT, org.labledger.source.SubjectType.ANSWER);

    /** Format 2: named entities and claims, and every reference they make (claimant, subject, linked claims, supported records, sources). */
    private void entitiesAndClaims(SeedDocument d, Set<String> sources, Set<String> labs,
                                   Map<org.labledger.source.SubjectType, Set<String>> subjects) {
        Set<String> entities = keys("entities", d.entities(), SeedDocument.EntityRec::slug);
        Set<String> claims = keys("claims", d.claims(), SeedDocument.ClaimRec::key);
        each("entities", d.entities(), SeedDocument.EntityRec::slug, e -> {
            text("name", e.name(), 200, true);
            required("kind", e.kind());
            text("affiliation", e.affiliation(), 500, false);
            text("role", e.role(), 500, false);
            ref("lab", e.lab(), labs);
            inference("", e.inference(), e.rationale());
            Set<String> seen = new HashSet<>();
            List<SeedDocument.AliasRec> aliases = e.aliases() == null ? List.of() : e.aliases();
            for (int i = 0; i < aliases.size(); i++) {
                SeedDocument.AliasRec a = aliases.get(i);
                String f = "aliases[" + i + "]";
                if (a == null) {
                    fail(f, "is null");
                    continue;
                }
                text(f + ".name", a.name(), 200, true);
                if (a.name() != null && !seen.add(a.name())) {
                    fail(f + ".name", "'" + a.name() + "' is listed twice");
                }
                inference(f + ".", a.inference(), a.rationale());
            }
            citations(e.citations(), sources, true);
        });
        each("claims", d.claims(), SeedDocument.ClaimRec::key, c -> {
            String claimant = required("claimant", c.claimant());
            if (claimant != null && !entities.contains(claimant)) {
                fail("claimant", "refers to unknown entity '" + claimant + "'");
            }
            required("stance", c.stance());
            required("certainty", c.certainty());
            text("summary", c.summary(), 2000, true);
            if (c.about() != null) {
                org.labledger.source.SubjectType type = required("about.type", c.about().type());
                String key = required("about.key", c.about().key());
                if (type != null && !subjects.containsKey(type)) {
                    fail("about.type", "a claim cannot be about a " + type + "; expected one of " + new java.util.TreeSet<>(subjects.keySet()));
                } else if (type != null && key != null && !subjects.get(type).contains(key)) {
                    fail("about.key", "refers to unknown " + type.name().toLowerCase() + " '" + key + "'");
                }
            }
            ref("quotedVia", c.quotedVia(), sources);
            inference("", c.inference(), c.rationale());
            Set<String> seen = new HashSet<>();
            List<SeedDocument.LinkRec> links = c.links() == null ? List.of() : c.links();
            for (int i = 0; i < links.size(); i++) {
                SeedDocument.LinkRec l = links.get(i);
                String f = "links[" + i + "]";
                if (l == null) {
                    fail(f, "is null");
                    continue;
                }
                required(f + ".relation", l.relation());
                String target = required(f + ".claim", l.claim());
                if (target != null && !claims.contains(target)) {
                    fail(f + ".claim", "refers to unknown claim '" + target + "'");
                } else if (target != null && target.equals(c.key())) {
                    fail(f + ".claim", "a claim cannot be linked to itself");
                } else if (target != null && !seen.add(l.relation() + " " + target)) {
                    fail(f, "links to '" + target + "' twice with " + l.relation());
                }
            }
            Set<String> supported = new HashSet<>();
            List<SeedDocument.SubjectRec> supports = c.supports() == null ? List.of() : c.supports();
            for (int i = 0; i < supports.size(); i++) {
                SeedDocument.SubjectRec x = supports.get(i);
                String f = "supports[" + i + "]";
                if (x == null) {
                    fail(f, "is null");
                    continue;
                }
                org.labledger.source.SubjectType type = required(f + ".type", x.type());
                String key = required(f + ".key", x.key());
                if (type != null && !SUPPORTED.contains(type)) {
                    fail(f + ".type", "a claim cannot support a " + type + "; expected one of " + SUPPORTED);
                } else if (type != null && key != null && !subjects.get(type).contains(key)) {
                    fail(f + ".key", "refers to unknown " + type.name().toLowerCase() + " '" + key + "'");
                } else if (type != null && key != null && !supported.add(type + " " + key)) {
                    fail(f, "lists " + type.name().toLowerCase() + " '" + key + "' twice");
                }
            }
            citations(c.citations(), sources, true);
            if (c.citations() != null && c.citations().stream().noneMatch(x -> x != null && x.quote() != null && !x.quote().isBlank())) {
                fail("citations", "a claim needs at least one citation with a verbatim quote");
            }
        });
    }

    /**
     * Provision lineage (format 2, additive): REMOVAL records and only they REMOVE; ADDS names no earlier provision;
     * any other change may name one ({@code of}), which must be a provision of a strictly earlier version of the same
     * supersedes chain (so links can form no cycle); every link carries one citation with a verbatim quote.
     */
    private void lineage(List<Object[]> lineages, Map<String, String> provisionAgreement, Map<String, String> agreementChain,
                         Set<String> sources) {
        for (Object[] row : lineages) {
            where = (String) row[0];
            SeedDocument.ProvisionRec p = (SeedDocument.ProvisionRec) row[1];
            SeedDocument.LineageRec l = p.lineage();
            boolean removal = "REMOVAL".equals(p.kind());
            if (l == null) {
                if (removal) {
                    fail("lineage", "a REMOVAL needs a lineage with change REMOVES");
                }
                continue;
            }
            if (required("lineage.change", l.change()) == null) {
                continue;
            }
            if (removal != (l.change() == org.labledger.agreement.ProvisionChange.REMOVES)) {
                fail("lineage.change", removal ? "a REMOVAL must have change REMOVES" : "REMOVES needs kind REMOVAL");
            }
            if (l.change() == org.labledger.agreement.ProvisionChange.ADDS && l.of() != null) {
                fail("lineage.of", "ADDS names no earlier provision");
            }
            if (l.of() != null) {
                String earlier = provisionAgreement.get(l.of());
                if (earlier == null) {
                    fail("lineage.of", "refers to unknown provision '" + l.of() + "'");
                } else if (l.of().equals(p.key())) {
                    fail("lineage.of", "a provision cannot relate to itself");
                } else if (!earlierVersion(earlier, (String) row[2], agreementChain)) {
                    fail("lineage.of", "'" + l.of() + "' belongs to '" + earlier + "', which is not an earlier version of '" + row[2] + "' (supersedes chain)");
                }
            }
            if (l.citation() == null) {
                fail("lineage.citation", "is required: the quote that says how the provision relates to the earlier one");
            } else {
                citations(List.of(l.citation()), sources, true);
                if (l.citation().quote() == null || l.citation().quote().isBlank()) {
                    fail("lineage.citation.quote", "is required (verbatim)");
                }
            }
            inference("lineage.", l.inference(), l.rationale());
        }
    }

    /** True when {@code earlier} is reached by following supersedes from {@code later} (not {@code later} itself). */
    private static boolean earlierVersion(String earlier, String later, Map<String, String> agreementChain) {
        Set<String> seen = new HashSet<>();
        for (String cur = agreementChain.get(later); cur != null && seen.add(cur); cur = agreementChain.get(cur)) {
            if (cur.equals(earlier)) {
                return true;
            }
        }
        return false;
    }

    /** An inference (true) needs its rationale. */
    private void inference(String prefix, Boolean inference, String rationale) {
        if (Boolean.TRUE.equals(inference) && (rationale == null || rationale.isBlank())) {
            fail(prefix + "rationale", "is required when inference is true (say why)");
        }
        text(prefix + "rationale", rationale, 10_000, false);
    }

    // --- helpers ----------------------------------------------------------------------------------

    private <T> Set<String> keys(String collection, List<T> items, Function<T, String> key) {
        Set<String> keys = new HashSet<>();
        each(collection, items, key, item -> {
            String k = key.apply(item);
            key(collection.equals("labs") || collection.equals("topics") || collection.equals("questionnaires")
                    || collection.equals("agreements") || collection.equals("events") || collection.equals("entities") ? "slug" : "key", k);
            if (k != null && !keys.add(k)) {
                fail("key", "duplicate key '" + k + "'");
            }
        });
        return keys;
    }

    private <T> void each(String collection, List<T> items, Function<T, String> key, java.util.function.Consumer<T> check) {
        if (items == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            if (item == null) {
                where = collection + "[" + i + "]";
                fail("", "record is null");
                continue;
            }
            where = collection + "[" + i + "] (" + key.apply(item) + ")";
            check.accept(item);
        }
    }

    private void fail(String field, String message) {
        problems.add(where + (field.isEmpty() ? "" : "." + field) + ": " + message);
    }

    private <T> T required(String field, T value) {
        if (value == null) {
            fail(field, "is required");
        }
        return value;
    }

    private void key(String field, String value) {
        if (value == null) {
            fail(field, "is required");
        } else if (value.length() > 100 || !KEY.matcher(value).matches()) {
            fail(field, "'" + value + "' is not a key (lower-case words joined by '-', at most 100 characters)");
        }
    }

    private void text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                fail(field, "is required");
            }
        } else if (value.length() > max) {
            fail(field, "is longer than " + max + " characters");
        }
    }

    private void date(String field, String value) {
        if (value != null && !PARTIAL_DATE.matcher(value).matches()) {
            fail(field, "'" + value + "' is not a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD)");
        }
    }

    private void url(String field, String value) {
        if (value == null) {
            return;
        }
        text(field, value, 2000, false);
        try {
            java.net.URI uri = new java.net.URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                fail(field, "'" + value + "' is not an http(s) URL");
            }
        } catch (java.net.URISyntaxException e) {
            fail(field, "'" + value + "' is not a URL");
        }
    }

    private void ref(String field, String value, Set<String> known) {
        if (value != null && !known.contains(value)) {
            fail(field, "refers to unknown '" + value + "'");
        }
    }

    private void refs(String field, Collection<String> values, Set<String> known) {
        if (values != null) {
            values.forEach(v -> ref(field, v, known));
        }
    }

    private void citations(List<CitationRec> citations, Set<String> sources, boolean required) {
        if (citations == null || citations.isEmpty()) {
            if (required) {
                fail("citations", "at least one citation is required (no fact without a source)");
            }
            return;
        }
        for (int i = 0; i < citations.size(); i++) {
            CitationRec c = citations.get(i);
            String f = "citations[" + i + "]";
            if (c == null) {
                fail(f, "is null");
                continue;
            }
            ref(f + ".source", required(f + ".source", c.source()), sources);
            if ((c.quote() == null || c.quote().isBlank()) && (c.locator() == null || c.locator().isBlank())) {
                fail(f, "needs a quote or a locator");
            }
            text(f + ".quote", c.quote(), org.labledger.common.Writes.MAX_QUOTE, false);
            text(f + ".locator", c.locator(), 500, false);
        }
    }

    private void cycles(String collection, Map<String, String> parents) {
        for (String start : parents.keySet()) {
            Set<String> seen = new HashSet<>();
            String cur = start;
            while (cur != null) {
                if (!seen.add(cur)) {
                    where = collection + " (" + start + ")";
                    fail("parent", "forms a cycle");
                    break;
                }
                cur = parents.get(cur);
            }
        }
    }
}
