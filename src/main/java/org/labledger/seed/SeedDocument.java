package org.labledger.seed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.labledger.agreement.AgreementKind;
import org.labledger.agreement.ProvisionCategory;
import org.labledger.answer.ResponseStatus;
import org.labledger.claim.ClaimCertainty;
import org.labledger.claim.ClaimRelation;
import org.labledger.claim.ClaimStance;
import org.labledger.entity.EntityKind;
import org.labledger.event.EventKind;
import org.labledger.lab.LabKind;
import org.labledger.source.SourceKind;
import org.labledger.source.SubjectType;

import java.math.BigDecimal;
import java.util.List;

/**
 * The LabLedger dataset document (seeds/labledger.json, and what GET /api/export returns).
 * The format is specified in seeds/FORMAT.md and seeds/schema/labledger.schema.json.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"formatVersion", "dataset", "sources", "labs", "topics", "questionnaires", "questions", "answers",
        "agreements", "events", "scores", "entities", "claims", "figures", "relativeDates"})
@RegisterForReflection(targets = {SeedDocument.class, SeedDocument.Dataset.class, SeedDocument.SourceRec.class,
        SeedDocument.LabRec.class, SeedDocument.TopicRec.class, SeedDocument.QuestionnaireRec.class,
        SeedDocument.QuestionRec.class, SeedDocument.AnswerRec.class, SeedDocument.AgreementRec.class,
        SeedDocument.PartyRec.class, SeedDocument.ProvisionRec.class, SeedDocument.EventRec.class,
        SeedDocument.ScoreRec.class, SeedDocument.CitationRec.class, SeedDocument.EntityRec.class, SeedDocument.AliasRec.class,
        SeedDocument.ClaimRec.class, SeedDocument.SubjectRec.class, SeedDocument.LinkRec.class, SeedDocument.LineageRec.class,
        SeedDocument.FigureRec.class, SeedDocument.RelativeDateRec.class})
public record SeedDocument(
        Integer formatVersion,
        Dataset dataset,
        List<SourceRec> sources,
        List<LabRec> labs,
        List<TopicRec> topics,
        List<QuestionnaireRec> questionnaires,
        List<QuestionRec> questions,
        List<AnswerRec> answers,
        List<AgreementRec> agreements,
        List<EventRec> events,
        List<ScoreRec> scores,
        List<EntityRec> entities,
        List<ClaimRec> claims,
        List<FigureRec> figures,
        List<RelativeDateRec> relativeDates) {

    /**
     * The version export writes. Import reads 1 (no entities, no claims), 2 and 3 (figures, relative dates, score
     * revision reasons, held entities, lab name and alias inferences).
     */
    public static final int FORMAT_VERSION = 3;
    public static final java.util.Set<Integer> READABLE_VERSIONS = java.util.Set.of(1, 2, 3);

    /** A document of the sections of format version 2 (no figures, no relative dates). */
    public SeedDocument(Integer formatVersion, Dataset dataset, List<SourceRec> sources, List<LabRec> labs, List<TopicRec> topics,
                        List<QuestionnaireRec> questionnaires, List<QuestionRec> questions, List<AnswerRec> answers,
                        List<AgreementRec> agreements, List<EventRec> events, List<ScoreRec> scores, List<EntityRec> entities,
                        List<ClaimRec> claims) {
        this(formatVersion, dataset, sources, labs, topics, questionnaires, questions, answers, agreements, events, scores, entities, claims, null, null);
    }

    /** A document of the sections of format version 1 (no entities, no claims). */
    public SeedDocument(Integer formatVersion, Dataset dataset, List<SourceRec> sources, List<LabRec> labs, List<TopicRec> topics,
                        List<QuestionnaireRec> questionnaires, List<QuestionRec> questions, List<AnswerRec> answers,
                        List<AgreementRec> agreements, List<EventRec> events, List<ScoreRec> scores) {
        this(formatVersion, dataset, sources, labs, topics, questionnaires, questions, answers, agreements, events, scores, null, null, null, null);
    }

    public record Dataset(String name, String version, String description) {
    }

    public record CitationRec(String source, String quote, String locator) {
    }

    public record SourceRec(String key, String title, String publisher, String author, String url, String publishedOn,
                            SourceKind kind, String document, String citedIn, String notes) {
    }

    /**
     * Format 3, optional: {@code inference}/{@code rationale} — the name is the curator's identification (no document
     * writes it); {@code inferredAliases} — those of {@code aliases} that are the curator's identification, each with a
     * rationale. Null (absent) leaves what the database holds alone (an importer that only knows the name and aliases).
     */
    public record LabRec(String slug, String name, LabKind kind, String parent, String website, List<String> aliases,
                         List<CitationRec> citations, Boolean inference, String rationale, List<AliasRec> inferredAliases) {
        public LabRec(String slug, String name, LabKind kind, String parent, String website, List<String> aliases,
                      List<CitationRec> citations) {
            this(slug, name, kind, parent, website, aliases, citations, null, null, null);
        }
    }

    public record TopicRec(String slug, String name, String parent, String description) {
    }

    /**
     * {@code defaultAnswerCitations}: the evidence for the answers the document does not list (e.g. the author's
     * statement that labs did not reply); every (question, lab) pair without an answer record gets them.
     */
    /** {@code kind} (format 2, optional): SENT (default) or SUGGESTED (never sent: its questions address no lab). */
    public record QuestionnaireRec(String slug, String title, String publisher, String author, String publishedOn,
                                   String source, String description, List<String> notDeliveredTo,
                                   List<CitationRec> defaultAnswerCitations,
                                   org.labledger.questionnaire.QuestionnaireKind kind) {
    }

    /**
     * Format 2, optional: {@code minAddressees} — the document says the question was put to at least this many of
     * {@code addressedTo} (then its candidates), not which; {@code delivery} — the delivery of its pairs without an
     * answer record (a questionnaire's notDeliveredTo still wins; absent: DELIVERED); {@code context} — true for a
     * row that only gives context: it addresses no lab.
     */
    public record QuestionRec(String key, String questionnaire, String topic, String parent, Integer ordinal, String text,
                              String notes, List<String> addressedTo, List<CitationRec> citations,
                              Integer minAddressees, Delivery delivery, Boolean context) {
    }

    /**
     * {@code kind}, {@code capacity}, {@code afterPublication}: optional (format 2, additive); absent means a
     * questionnaire reply, capacity UNKNOWN, after publication not known. {@code delivery} (format 2): UNKNOWN is how
     * a record says the document does not tell whether the question reached the lab ({@code delivered} null means
     * "the default"); when both are given they must agree.
     */
    public record AnswerRec(String question, String lab, ResponseStatus status, Boolean delivered, String summary,
                            String respondent, String respondentCapacity, String answeredOn, String justification,
                            String references, List<CitationRec> citations, org.labledger.answer.AnswerKind kind,
                            org.labledger.answer.RespondentCapacity capacity, Boolean afterPublication,
                            Delivery delivery) {
    }

    public record AgreementRec(String slug, String title, AgreementKind kind, String summary, String announcedOn,
                               String effectiveOn, String supersedes, List<PartyRec> parties,
                               List<ProvisionRec> provisions, List<CitationRec> citations) {
    }

    public record PartyRec(String lab, String role) {
    }

    /**
     * A provision; {@code kind} (TERM, the default, or REMOVAL) and {@code lineage} (how it relates to an earlier
     * provision) are additive fields of format 2.
     */
    public record ProvisionRec(String key, ProvisionCategory category, String summary, String beneficiary,
                               BigDecimal value, String unit, String validFrom, String validUntil,
                               String validUntilCondition, List<CitationRec> citations, String kind,
                               LineageRec lineage, String heldEntity) {
        public ProvisionRec(String key, ProvisionCategory category, String summary, String beneficiary,
                            BigDecimal value, String unit, String validFrom, String validUntil,
                            String validUntilCondition, List<CitationRec> citations, String kind, LineageRec lineage) {
            this(key, category, summary, beneficiary, value, unit, validFrom, validUntil, validUntilCondition, citations, kind, lineage, null);
        }

        public ProvisionRec(String key, ProvisionCategory category, String summary, String beneficiary,
                            BigDecimal value, String unit, String validFrom, String validUntil,
                            String validUntilCondition, List<CitationRec> citations) {
            this(key, category, summary, beneficiary, value, unit, validFrom, validUntil, validUntilCondition, citations, null, null, null);
        }
    }

    /**
     * How a provision relates to an earlier one: {@code change} (ADDS, MODIFIES, CONTINUES, REPLACES, REMOVES), the
     * earlier provision's key {@code of} (null when the documents imply a term no provision records), the one quote
     * that says so, and whether the link is the curator's inference (then with a rationale).
     */
    public record LineageRec(org.labledger.agreement.ProvisionChange change, String of, CitationRec citation,
                             Boolean inference, String rationale) {
    }

    public record EventRec(String slug, String title, EventKind kind, String occurredOn, String summary,
                           List<String> labs, String agreement, List<CitationRec> citations) {
    }

    /** {@code revisionReason} (format 3, optional): why the score revised the one it supersedes, as the document says. */
    public record ScoreRec(String key, String lab, String scorer, BigDecimal score, BigDecimal maxScore,
                           String recordedOn, String supersedes, List<CitationRec> citations, String revisionReason) {
    }

    /** A named entity (format 2): a claimant. {@code lab}: the lab it is, only where unambiguous. */
    public record EntityRec(String slug, String name, EntityKind kind, String affiliation, String role, String lab,
                            Boolean inference, String rationale, List<AliasRec> aliases, List<CitationRec> citations) {
    }

    /** Another name of an entity: a document's spelling ({@code inference} false) or the curator's identification. */
    public record AliasRec(String name, Boolean inference, String rationale) {
    }

    /**
     * A claim (format 2). {@code supports} (additive, optional): the provisions, events and answers that rest on it,
     * each by type and key as {@code about} names its subject.
     */
    public record ClaimRec(String key, String claimant, ClaimStance stance, ClaimCertainty certainty, String summary,
                           SubjectRec about, String quotedVia, Boolean inference, String rationale, List<LinkRec> links,
                           List<SubjectRec> supports, List<CitationRec> citations) {
    }

    /** The record a claim is about: its type and slug or key (an answer: questionKey/labSlug). */
    public record SubjectRec(SubjectType type, String key) {
    }

    /** This claim {@code relation} the claim {@code claim}. */
    public record LinkRec(ClaimRelation relation, String claim) {
    }

    /**
     * A figure (format 3) about one record: what it measures, the document's qualifier, the value (or low/high for a
     * RANGE) in base units of {@code unit}, the document's words {@code text} (inside the citation's quote).
     */
    public record FigureRec(SubjectRec about, String measure, org.labledger.source.FigureQualifier qualifier, BigDecimal value,
                            BigDecimal low, BigDecimal high, String unit, String text, CitationRec citation) {
    }

    /**
     * A relative date (format 3) about one record: what it dates, the document's words (inside the citation's quote),
     * the anchor source whose publication date they are relative to, and the date derived from it (only when the
     * anchor states its publication date; always a derivation).
     */
    public record RelativeDateRec(SubjectRec about, String dates, String text, String anchor, String derivedOn,
                                  CitationRec citation) {
    }
}
