package org.labledger.site;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.labledger.agreement.AgreementService;
import org.labledger.answer.QuestionnaireComparison;
import org.labledger.answer.ResponseStatus;
import org.labledger.answer.ScorecardService;
import org.labledger.claim.ClaimFilter;
import org.labledger.claim.ClaimService;
import org.labledger.common.ApiException;
import org.labledger.common.PageResult;
import org.labledger.common.Paging;
import org.labledger.common.Params;
import org.labledger.event.EventService;
import org.labledger.history.RevisionService;
import org.labledger.lab.Lab;
import org.labledger.lab.LabService;
import org.labledger.question.QuestionFilter;
import org.labledger.question.QuestionService;
import org.labledger.questionnaire.QuestionnaireService;
import org.labledger.source.SubjectType;
import org.labledger.topic.TopicService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.labledger.site.SiteData.enc;

/**
 * The public site (issue 16): server-rendered HTML pages over the read services, each at a stable URL and linking to
 * its JSON, CSV or GraphQL equivalent. Nothing here writes. A client mistake (unknown record, bad parameter) is the
 * services' ApiException, shown as an HTML error page by {@link SiteErrors}. Not in the OpenAPI document (hidden): the
 * pages are for people; the API they link to is documented there.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SitePages {

    /** Questions per page of the question browser. */
    static final int QUESTIONS_PAGE = 25;
    /** Changes per page of the change feed. */
    static final int CHANGES_PAGE = 50;
    /** The record types the change feed can be narrowed to. */
    /** The record types /api/changes records (the write paths' revisions.record), for the change page's filter. */
    static final List<String> ENTITIES = List.of("ANSWER", "LAB", "QUESTION", "QUESTIONNAIRE", "TOPIC", "SOURCE", "AGREEMENT",
            "CLAIM", "ENTITY", "LAB_REPRESENTATIVE", "REPLY_SUBMISSION");

    @Inject
    SiteData data;
    @Inject
    ScorecardService scorecards;
    @Inject
    LabService labs;
    @Inject
    QuestionService questions;
    @Inject
    QuestionnaireService questionnaires;
    @Inject
    TopicService topics;
    @Inject
    AgreementService agreements;
    @Inject
    EventService events;
    @Inject
    ClaimService claims;
    @Inject
    RevisionService revisions;
    @Inject
    QuestionnaireComparison comparison;

    @Inject
    @Location("site/matrix.html")
    Template matrix;
    @Inject
    @Location("site/embed.html")
    Template embed;
    @Inject
    @Location("site/lab.html")
    Template lab;
    @Inject
    @Location("site/questions.html")
    Template questionList;
    @Inject
    @Location("site/question.html")
    Template question;
    @Inject
    @Location("site/agreement.html")
    Template agreement;
    @Inject
    @Location("site/changes.html")
    Template changes;
    @Inject
    @Location("site/compare.html")
    Template compare;

    /** The GraphQL query the matrix page runs in the browser (and a third-party dashboard would write). */
    static final String MATRIX_QUERY = "query Matrix($questionnaire: String, $asOf: String) { scorecards(questionnaire: $questionnaire, asOf: $asOf) "
            + "{ lab name counts { total answered partial unanswered notDelivered responseRate unknownDelivery } "
            + "rootTopics { topic name counts { total answered partial unanswered notDelivered responseRate unknownDelivery } } } }";

    /**
     * The claims each record of a page rests on, in full: who says it, with what stance and certainty, whether it is
     * the curator's inference, and what disputes it (a record resting on a disputed claim is shown with the dispute).
     */
    private <R> Map<String, List<ClaimService.ClaimView>> claimsOf(List<R> records, java.util.function.Function<R, String> key,
                                                                   java.util.function.Function<R, List<org.labledger.source.SupportingClaim>> refs) {
        // every claim of the page in one batch (a claim per record would cost its own statements)
        java.util.Set<String> keys = new java.util.HashSet<>();
        records.forEach(r -> { if (refs.apply(r) != null) refs.apply(r).forEach(c -> keys.add(c.key())); });
        Map<String, ClaimService.ClaimView> views = claims.byKeys(keys);
        Map<String, List<ClaimService.ClaimView>> out = new LinkedHashMap<>();
        for (R r : records) {
            List<org.labledger.source.SupportingClaim> rs = refs.apply(r);
            if (rs != null && !rs.isEmpty()) {
                out.put(key.apply(r), rs.stream().map(c -> views.get(c.key())).filter(java.util.Objects::nonNull).toList());
            }
        }
        return out;
    }

    @GET
    /** The site's home page: the lab × topic scorecard matrix as a heatmap (HTML). */
    @Operation(hidden = true)
    public TemplateInstance home(@QueryParam("questionnaire") String questionnaire, @QueryParam("asOf") String asOf) {
        return matrixPage(matrix, questionnaire, asOf);
    }

    @GET
    @Path("embed/matrix")
    /** The scorecard matrix alone, for embedding in another page (an iframe). */
    @Operation(hidden = true)
    public TemplateInstance embedMatrix(@QueryParam("questionnaire") String questionnaire, @QueryParam("asOf") String asOf) {
        return matrixPage(embed, questionnaire, asOf);
    }

    private TemplateInstance matrixPage(Template template, String questionnaireParam, String asOf) {
        String q = Params.text(questionnaireParam);
        List<QuestionnaireService.QuestionnaireView> all = questionnaires.list();
        String title = null;
        List<SiteViews.Option> options = new ArrayList<>();
        options.add(new SiteViews.Option("", "All questionnaires", q == null));
        for (var v : all) {
            options.add(new SiteViews.Option(v.slug(), v.title(), v.slug().equals(q)));
            if (v.slug().equals(q)) {
                title = v.title();
            }
        }
        if (q != null && title == null) {
            // a filter naming no questionnaire: the API's 400 (GET /api/scorecards?questionnaire=nope), not a 404 of the page
            throw ApiException.badParameter("questionnaire", "unknown questionnaire '" + q + "'");
        }
        SiteViews.Matrix m = data.matrix(q, title, asOf);
        String query = (q == null ? "" : "questionnaire=" + enc(q)) + (m.asOf().isEmpty() ? "" : (q == null ? "" : "&") + "asOf=" + enc(m.asOf()));
        String suffix = query.isEmpty() ? "" : "?" + query;
        Map<String, Object> vars = new LinkedHashMap<>();
        if (q != null) {
            vars.put("questionnaire", q);
        }
        if (!m.asOf().isEmpty()) {
            vars.put("asOf", m.asOf());
        }
        return template.data("m", m).data("options", options)
                .data("alternates", List.of(
                        new SiteViews.Alternate("JSON", "application/json", "/api/scorecards" + suffix),
                        new SiteViews.Alternate("CSV", "text/csv", "/api/scorecards.csv" + suffix),
                        graphql(MATRIX_QUERY, vars)))
                .data("embedHref", "/embed/matrix" + suffix).data("jsonHref", "/api/scorecards" + suffix)
                .data("graphqlQuery", MATRIX_QUERY);
    }

    @GET
    @Path("labs/{slug}")
    /** A lab's page: counts, every question put to it with the answer and evidence, agreements, events, scores, claims. */
    @Operation(hidden = true)
    public TemplateInstance lab(@PathParam("slug") String slug, @QueryParam("page") String page) {
        Params params = new Params();
        int p = params.integer("page", page, 0, 0, 10_000);
        params.check();
        LabService.LabDetail detail = labs.get(slug);
        long id = Lab.idBySlug(slug);
        ScorecardService.Scorecard card = scorecards.scorecards(List.of(id), null, null).get(0);
        var answers = data.labAnswers(id, p);
        pastTheEnd(p, answers.getValue(), SiteData.LAB_ANSWERS_PAGE);
        PageResult<ClaimService.ClaimView> about = claims.list(new ClaimFilter(SubjectType.LAB, slug, null, List.of(), List.of(), null), 0, Paging.MAX_SIZE);
        var labEvents = events.list(new org.labledger.event.EventFilter(slug, List.of(), null, null), 0, Paging.MAX_SIZE).items();
        String query = "query Lab($slug: String!) { lab(slug: $slug) { slug name scorecard { counts { total answered partial unanswered responseRate unknownDelivery } } } }";
        return lab.data("lab", detail).data("card", card)
                .data("overall", SiteData.cell("", detail.name(), card.counts(), SiteData.questionsHref(slug, null, null)))
                .data("answers", answers.getKey()).data("answerTotal", answers.getValue())
                .data("pages", pages("/labs/" + enc(slug) + "?", p, answers.getValue(), SiteData.LAB_ANSWERS_PAGE))
                .data("agreements", agreements.list(slug, null)).data("events", labEvents)
                .data("eventClaims", claimsOf(labEvents, EventService.EventView::slug, EventService.EventView::claims))
                .data("claims", about.items())
                .data("badge", "/badge/" + enc(slug) + ".svg")
                .data("alternates", List.of(
                        new SiteViews.Alternate("JSON", "application/json", "/api/labs/" + enc(slug)),
                        new SiteViews.Alternate("Scorecard JSON", "application/json", "/api/labs/" + enc(slug) + "/scorecard"),
                        new SiteViews.Alternate("Scorecard CSV", "text/csv", "/api/labs/" + enc(slug) + "/scorecard.csv"),
                        new SiteViews.Alternate("Answers CSV", "text/csv", "/api/answers.csv?lab=" + enc(slug)),
                        graphql(query, Map.of("slug", slug))));
    }

    @GET
    @Path("questions")
    /** The question browser: full-text search and filters (lab, topic, status, questionnaire) in the URL, paged. */
    @Operation(hidden = true)
    public TemplateInstance questions(@QueryParam("q") String text, @QueryParam("lab") String labSlug, @QueryParam("topic") String topic,
                                      @QueryParam("status") List<String> status, @QueryParam("questionnaire") String questionnaire,
                                      @QueryParam("page") String page) {
        Params params = new Params();
        int p = params.integer("page", page, 0, 0, 100_000);
        // the statuses GET /api/questions takes: repeated or comma-separated
        List<ResponseStatus> statuses = status == null ? List.of() : params.enums("status", status, ResponseStatus.class);
        params.check();
        String t = Params.text(text);
        String l = Params.text(labSlug);
        String tp = Params.text(topic);
        String qn = Params.text(questionnaire);
        QuestionFilter filter = new QuestionFilter(l, tp, statuses.stream().map(Enum::name).toList(), qn, t);
        PageResult<QuestionService.QuestionSummary> result = questions.search(filter, t != null ? "relevance" : null, p, QUESTIONS_PAGE);
        StringBuilder qs = new StringBuilder();
        append(qs, "q", t);
        append(qs, "lab", l);
        append(qs, "topic", tp);
        append(qs, "status", statuses.isEmpty() ? null : String.join(",", statuses.stream().map(Enum::name).toList()));
        append(qs, "questionnaire", qn);
        String base = "/questions?" + qs;
        List<SiteViews.Option> labOptions = new ArrayList<>(List.of(new SiteViews.Option("", "Any lab", l == null)));
        labs.list(null).forEach(x -> labOptions.add(new SiteViews.Option(x.slug(), x.name(), x.slug().equals(l))));
        List<SiteViews.Option> topicOptions = new ArrayList<>(List.of(new SiteViews.Option("", "Any topic", tp == null)));
        topics.list().forEach(x -> topicOptions.add(new SiteViews.Option(x.slug(), String.join(" › ", x.path()), x.slug().equals(tp))));
        List<SiteViews.Option> statusOptions = new ArrayList<>(List.of(new SiteViews.Option("", "Any status", statuses.isEmpty())));
        for (ResponseStatus s : ResponseStatus.values()) {
            statusOptions.add(new SiteViews.Option(s.name(), s.name().toLowerCase(), statuses.contains(s)));
        }
        List<SiteViews.Option> qnOptions = new ArrayList<>(List.of(new SiteViews.Option("", "Any questionnaire", qn == null)));
        questionnaires.list().forEach(x -> qnOptions.add(new SiteViews.Option(x.slug(), x.title(), x.slug().equals(qn))));
        Map<String, Object> filterVars = new LinkedHashMap<>();
        if (t != null) filterVars.put("text", t);
        if (l != null) filterVars.put("lab", l);
        if (tp != null) filterVars.put("topic", tp);
        if (!statuses.isEmpty()) filterVars.put("statuses", statuses.stream().map(Enum::name).toList());
        if (qn != null) filterVars.put("questionnaire", qn);
        String query = "query Questions($filter: QuestionFilter, $page: Int) { questions(filter: $filter, page: $page, size: " + QUESTIONS_PAGE
                + ") { totalItems items { key text topic { name } answers { lab { slug } status } } } }";
        pastTheEnd(p, result.totalItems(), QUESTIONS_PAGE);
        return questionList.data("result", result).data("pageNumber", result.page() + 1).data("text", t == null ? "" : t)
                .data("labs", labOptions).data("topics", topicOptions).data("statuses", statusOptions).data("questionnaires", qnOptions)
                .data("pages", pages(base + (qs.length() > 0 ? "&" : ""), p, result.totalItems(), QUESTIONS_PAGE))
                .data("alternates", List.of(
                        new SiteViews.Alternate("JSON", "application/json", "/api/questions?" + qs + (qs.length() > 0 ? "&" : "") + (t != null ? "sort=relevance&" : "") + "page=" + p + "&size=" + QUESTIONS_PAGE),
                        graphql(query, Map.of("filter", filterVars, "page", p))));
    }

    @GET
    @Path("questions/{key}")
    /** A question's page: each lab's answer side by side, with sources. */
    @Operation(hidden = true)
    public TemplateInstance question(@PathParam("key") String key) {
        QuestionService.QuestionDetail detail = questions.get(key);
        String query = "query Question($key: String!) { question(key: $key) { key text answers { lab { slug name } status summary respondent citations { title url quote } } } }";
        return question.data("q", detail).data("answerClaims", claimsOf(detail.answers(), QuestionService.AnswerView::lab, QuestionService.AnswerView::claims))
                .data("alternates", List.of(new SiteViews.Alternate("JSON", "application/json", "/api/questions/" + enc(key)),
                        graphql(query, Map.of("key", key))));
    }

    @GET
    @Path("agreements/{slug}")
    /** An agreement's page: its version chain and the clause-by-clause diff between two versions chosen in the page. */
    @Operation(hidden = true)
    public TemplateInstance agreement(@PathParam("slug") String slug, @QueryParam("from") String from, @QueryParam("to") String to) {
        AgreementService.AgreementDetail detail = agreements.get(slug);
        List<AgreementService.AgreementSummary> chain = detail.versions();
        String f = Params.text(from);
        String t = Params.text(to);
        if (f == null && t == null && chain.size() > 1) {
            f = chain.get(0).slug();
            t = chain.get(chain.size() - 1).slug();
        }
        if ((f == null) != (t == null)) {
            throw ApiException.badParameter(f == null ? "from" : "to", "choose both versions to compare (from and to)");
        }
        AgreementService.DiffView diff = f == null ? null : agreements.diff(f, t);
        List<SiteViews.Option> fromOptions = new ArrayList<>();
        List<SiteViews.Option> toOptions = new ArrayList<>();
        for (var v : chain) {
            String date = v.effectiveOn() != null ? v.effectiveOn() : v.announcedOn();
            String label = v.title() + (date != null && !v.title().contains(date) ? " (" + date + ")" : "");
            fromOptions.add(new SiteViews.Option(v.slug(), label, v.slug().equals(f)));
            toOptions.add(new SiteViews.Option(v.slug(), label, v.slug().equals(t)));
        }
        List<SiteViews.Alternate> alternates = new ArrayList<>(List.of(new SiteViews.Alternate("JSON", "application/json", "/api/agreements/" + enc(slug))));
        if (diff != null) {
            alternates.add(new SiteViews.Alternate("Diff JSON", "application/json", "/api/agreements/" + enc(f) + "/diff/" + enc(t)));
            alternates.add(graphql("query Diff($from: String!, $to: String!) { agreementDiff(from: $from, to: $to) { from to versions "
                    + "added { version after { key summary } } removed { version before { key summary } after { key summary } } "
                    + "modified { version before { key summary } after { key summary } } continued { version after { key summary } } } }",
                    Map.of("from", f, "to", t)));
        }
        return agreement.data("a", detail).data("diff", diff).data("fromOptions", fromOptions).data("toOptions", toOptions)
                .data("provisionClaims", claimsOf(detail.provisions(), AgreementService.ProvisionView::key, AgreementService.ProvisionView::claims))
                .data("claims", claims.list(new ClaimFilter(SubjectType.AGREEMENT, slug, null, List.of(), List.of(), null), 0, Paging.MAX_SIZE).items())
                .data("alternates", alternates);
    }

    @GET
    @Path("changes")
    /** The change feed: who changed what, when, why, before and after (HTML). */
    @Operation(hidden = true)
    public TemplateInstance changes(@QueryParam("entity") String entity, @QueryParam("page") String page) {
        Params params = new Params();
        int p = params.integer("page", page, -1, 0, 1_000_000);
        params.check();
        String e = Params.text(entity) == null ? null : entity.trim().toUpperCase(java.util.Locale.ROOT);
        long total = revisions.changes(null, e, 0, 1).totalItems();
        int last = (int) Math.max(0, (total - 1) / CHANGES_PAGE);
        int shown = p < 0 ? last : p; // the newest changes first: the last page unless one is asked for
        pastTheEnd(shown, total, CHANGES_PAGE);
        PageResult<RevisionService.RevisionView> result = revisions.changes(null, e, shown, CHANGES_PAGE);
        List<SiteViews.Change> items = new ArrayList<>(data.linkingLiveRecords(result.items().stream().map(data::change).toList()));
        java.util.Collections.reverse(items);
        String base = "/changes?" + (e == null ? "" : "entity=" + enc(e) + "&");
        return changes.data("items", items).data("entities", ENTITIES).data("total", total).data("entity", e == null ? "" : e)
                .data("pages", pages(base, shown, total, CHANGES_PAGE))
                .data("alternates", List.of(
                        new SiteViews.Alternate("JSON", "application/json", "/api/changes?" + (e == null ? "" : "entity=" + enc(e) + "&") + "page=" + shown + "&size=" + CHANGES_PAGE),
                        new SiteViews.Alternate("Atom feed", "application/atom+xml", "/api/changes.atom"),
                        graphql("query Changes($entity: String, $page: Int) { changes(entity: $entity, page: $page, size: " + CHANGES_PAGE
                                + ") { totalItems items { id entity key action actor at reason before after } } }",
                                e == null ? Map.of("page", shown) : Map.of("entity", e, "page", shown))));
    }

    @GET
    @Path("compare")
    /** Two questionnaires side by side per lab (e.g. two FMTI editions). */
    @Operation(hidden = true)
    public TemplateInstance compare(@QueryParam("a") String a, @QueryParam("b") String b) {
        List<QuestionnaireService.QuestionnaireView> all = questionnaires.list();
        String qa = Params.text(a);
        String qb = Params.text(b);
        if (qa == null && all.size() > 0) {
            qa = all.get(0).slug();
        }
        if (qb == null && all.size() > 1) {
            qb = all.stream().map(QuestionnaireService.QuestionnaireView::slug).filter(s -> !s.equals(all.get(0).slug())).findFirst().orElse(null);
        }
        if (qa == null || qb == null) {
            throw ApiException.badRequest("two questionnaires are needed to compare (a and b)");
        }
        QuestionnaireComparison.Comparison c = comparison.compare(qa, qb);
        Map<String, QuestionnaireComparison.LabDelta> deltas = new LinkedHashMap<>();
        c.labs().forEach(d -> deltas.put(d.lab(), d));
        // totals only: no per-topic breakdown, so the counts come rolled up (V16)
        List<ScorecardService.Scorecard> cardsA = scorecards.scorecards(null, null, qa, null, false);
        List<ScorecardService.Scorecard> cardsB = scorecards.scorecards(null, null, qb, null, false);
        List<SiteViews.CompareRow> rows = new ArrayList<>();
        for (int i = 0; i < cardsA.size(); i++) {
            var ca = cardsA.get(i);
            var cb = cardsB.get(i);
            if (ca.counts().total() + ca.counts().unknownDelivery() + cb.counts().total() + cb.counts().unknownDelivery() == 0) {
                continue; // neither questionnaire was put to the lab
            }
            rows.add(new SiteViews.CompareRow(ca.lab(), ca.name(), "/labs/" + enc(ca.lab()), ca.counts(), cb.counts(), deltas.get(ca.lab())));
        }
        String fa = qa;
        String fb = qb;
        List<SiteViews.Option> aOptions = all.stream().map(v -> new SiteViews.Option(v.slug(), v.title(), v.slug().equals(fa))).toList();
        List<SiteViews.Option> bOptions = all.stream().map(v -> new SiteViews.Option(v.slug(), v.title(), v.slug().equals(fb))).toList();
        String titleA = all.stream().filter(v -> v.slug().equals(fa)).map(QuestionnaireService.QuestionnaireView::title).findFirst().orElse(fa);
        String titleB = all.stream().filter(v -> v.slug().equals(fb)).map(QuestionnaireService.QuestionnaireView::title).findFirst().orElse(fb);
        return compare.data("c", c).data("rows", rows).data("aOptions", aOptions).data("bOptions", bOptions)
                .data("titleA", titleA).data("titleB", titleB)
                .data("alternates", List.of(
                        new SiteViews.Alternate("JSON", "application/json", "/api/questionnaires/" + enc(qa) + "/compare/" + enc(qb)),
                        graphql("query Compare($a: String!, $b: String!) { compareQuestionnaires(a: $a, b: $b) { sharedQuestions labs { lab inA inB answeredA answeredB delta } } }",
                                Map.of("a", qa, "b", qb))));
    }

    /** A page past the last one of a list is a 404 page saying which is the last, not an empty list. */
    static void pastTheEnd(int page, long total, int size) {
        long pages = Math.max(1, (total + size - 1) / size);
        if (page >= pages) {
            throw new ApiException.NotFound("there is no page " + (page + 1) + ": the list has " + total + " item" + (total == 1 ? "" : "s")
                    + " on " + pages + " page" + (pages == 1 ? "" : "s") + " (page=0 to page=" + (pages - 1) + ")");
        }
    }

    /** Previous / numbered / next links of a paged list ({@code base} ends with '?' or '&'). */
    static List<SiteViews.PageLink> pages(String base, int page, long total, int size) {
        int count = (int) Math.max(1, (total + size - 1) / size);
        List<SiteViews.PageLink> out = new ArrayList<>();
        if (count <= 1) {
            return out;
        }
        if (page > 0) {
            out.add(new SiteViews.PageLink("Previous", base + "page=" + (page - 1), false));
        }
        for (int i = Math.max(0, page - 3); i < Math.min(count, page + 4); i++) {
            out.add(new SiteViews.PageLink(String.valueOf(i + 1), base + "page=" + i, i == page));
        }
        if (page + 1 < count) {
            out.add(new SiteViews.PageLink("Next", base + "page=" + (page + 1), false));
        }
        return out;
    }

    private static void append(StringBuilder qs, String name, String value) {
        if (value != null) {
            qs.append(qs.length() > 0 ? "&" : "").append(name).append('=').append(enc(value));
        }
    }

    /** A link to the bundled GraphQL UI with the query and its variables filled in. */
    static SiteViews.Alternate graphql(String query, Map<String, ?> variables) {
        String vars;
        try {
            vars = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(variables);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            vars = "{}";
        }
        return new SiteViews.Alternate("GraphQL", "application/graphql", "/q/graphql-ui/?query=" + enc(query) + "&variables=" + enc(vars));
    }
}
