package org.labledger.site;

import io.quarkus.qute.TemplateData;

import java.util.List;

/**
 * What the site's templates show that no service returns as such: the matrix as rows of cells with their colour
 * band and text alternative, links to the machine-readable equivalents, a change's fields before and after. Built by
 * {@link SiteData}; records with {@link TemplateData} so that Qute resolves them without reflection (native image).
 */
final class SiteViews {

    private SiteViews() {
    }

    /** A link to the page's data in another form (JSON, CSV, GraphQL, Atom). */
    @TemplateData
    record Alternate(String label, String type, String href) {
    }

    /** A column of the matrix: a root topic. */
    @TemplateData
    record Column(String slug, String name) {
    }

    /**
     * One cell: a lab's counts under one root topic. {@code band}: 0 to 4 by response rate, "none" when nothing
     * was asked; {@code rate}: the response rate in percent (empty when none); {@code label}: the cell in words.
     */
    @TemplateData
    record Cell(String topic, long total, long answered, long partial, long unanswered, long unknown, String rate,
                String band, String label, String href) {
    }

    @TemplateData
    record Row(String lab, String name, String href, Cell overall, List<Cell> cells) {
    }

    @TemplateData
    record Matrix(String questionnaire, String questionnaireTitle, String asOf, List<Column> columns, List<Row> rows) {
    }

    /** A choice in a select: value, label, whether selected. */
    @TemplateData
    record Option(String value, String label, boolean selected) {
    }

    /** One field of a change: its value before and after, as text (empty when absent). */
    @TemplateData
    record FieldChange(String field, String before, String after) {
    }

    @TemplateData
    record Change(long id, String entity, String key, String href, String action, String actor, String at, String reason,
                  String sourceUrl, String sourceKey, List<FieldChange> fields) {
    }

    /** A page link of a paged list. */
    @TemplateData
    record PageLink(String label, String href, boolean current) {
    }

    /** One answer on a lab's page, with its question and evidence. */
    @TemplateData
    record LabAnswer(String question, String questionText, String questionHref, String questionnaire, String topic,
                     String status, String delivered, String summary, String respondent, String respondentCapacity,
                     String kind, String capacity, String answeredOn, List<org.labledger.source.CitationView> citations) {
    }

    /** One lab on the compare page: its counts under each questionnaire and its shared-question delta. */
    @TemplateData
    record CompareRow(String lab, String name, String href, org.labledger.answer.ScorecardService.Counts a,
                      org.labledger.answer.ScorecardService.Counts b, org.labledger.answer.QuestionnaireComparison.LabDelta delta) {
    }
}
