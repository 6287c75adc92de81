package org.labledger.site;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The site's pages over HTTP on the seed data: status, content type, the content each page must show, HTML escaping
 * of what a request or a record puts in a page, and 404/400 as HTML pages (not problem+json, never a 500).
 * The browser checks (contract/site) drive the same pages in Chromium.
 */
@QuarkusTest
class SitePagesTest {

    static final String HTML = "text/html";

    @Test
    void matrixShowsEveryLabWithItsCountsAndLinksToItsData() {
        String page = when().get("/").then().statusCode(200).contentType(startsWith(HTML))
                .body(containsString("<table class=\"matrix\" id=\"matrix\">"), containsString("<caption>"),
                        containsString("scope=\"row\""), containsString("href=\"/api/scorecards\""),
                        containsString("href=\"/api/scorecards.csv\""), containsString("/q/graphql-ui/?query="),
                        containsString("/assets/matrix.js"))
                .extract().asString();
        // Anthropic's overall cell, as GET /api/labs/anthropic/scorecard says: 1 answered, 1 partial, 10 unanswered among the
        // answers whose delivery is known, and 17 more (one of them the second PARTIAL answer) whose delivery is not known
        int answered = when().get("/api/labs/anthropic/scorecard").then().statusCode(200).extract().path("counts.answered");
        int partial = when().get("/api/labs/anthropic/scorecard").then().statusCode(200).extract().path("counts.partial");
        int unanswered = when().get("/api/labs/anthropic/scorecard").then().statusCode(200).extract().path("counts.unanswered");
        String row = row(page, "anthropic");
        assertTrue(row.contains("data-topic=\"\" data-answered=\"" + answered + "\" data-partial=\"" + partial + "\" data-unanswered=\"" + unanswered + "\""),
                "Anthropic's overall cell: " + row);
        assertTrue(row.contains(answered + "/" + partial + "/" + unanswered), row);
        assertEquals(1, answered);
        assertEquals(1, partial);
        assertTrue(row.contains("?17"), "the answers of unknown delivery, shown apart: " + row);
        assertTrue(row.contains("class=\"cell band-") && row.contains("has-unknown"), row);
        // Microsoft was never reached: its 20 unanswered questions are not a 0 % response rate it could be blamed for
        String microsoft = row(page, "microsoft");
        assertTrue(microsoft.contains("band-nd") && microsoft.contains("none of which reached the lab (not delivered)")
                && microsoft.contains("<span class=\"nd\">not delivered</span>") && !microsoft.contains("response rate 0 %"), microsoft);
    }

    @Test
    void matrixAsOfBeforeTheDataShowsNothingAskedAndQuestionnaireSwitches() {
        String past = given().queryParam("asOf", "2000-01-01").when().get("/").then().statusCode(200).contentType(startsWith(HTML))
                .body(containsString("as of 2000-01-01"), containsString("value=\"2000-01-01\""),
                        containsString("href=\"/api/scorecards?asOf=2000-01-01\""))
                .extract().asString();
        // nothing had been recorded in 2000: the ledger held no lab yet (the matrix as it stood, from the row history)
        assertTrue(!past.contains("<tr data-lab=\"anthropic\">"), "no lab in 2000");
        assertTrue(row(when().get("/").then().extract().asString(), "anthropic").contains("data-answered=\"1\""), "now it has");
        given().queryParam("questionnaire", "akash-policy-lobbying-questions").when().get("/").then().statusCode(200)
                .body(containsString("<option value=\"akash-policy-lobbying-questions\" selected>"),
                        containsString("href=\"/api/scorecards?questionnaire=akash-policy-lobbying-questions\""));
        when().get("/embed/matrix").then().statusCode(200).contentType(startsWith(HTML))
                .body(containsString("id=\"matrix\""), containsString("target=\"_top\""), not(containsString("<nav")));
    }

    @Test
    void labPageShowsCountsAnswersEvidenceAgreementsEventsAndClaims() {
        when().get("/labs/anthropic").then().statusCode(200).contentType(startsWith(HTML))
                .body(containsString("<h1>Anthropic</h1>"), containsString("<td data-status=\"ANSWERED\">1</td>"),
                        containsString("<td data-status=\"PARTIAL\">1</td>"), containsString("<td data-status=\"UNKNOWN_DELIVERY\">17</td>"), containsString("id=\"lab-answers\""),
                        containsString("Zac Hatfield-Dodds"), containsString("<q>"), containsString("href=\"/api/labs/anthropic\""),
                        containsString("/badge/anthropic.svg"), containsString("id=\"claims\""),
                        // the score's revision keeps the scorer's reason (and its hedge)
                        containsString("Why revised, as the scorer says:"));
        when().get("/labs/microsoft").then().statusCode(200)
                .body(containsString("id=\"agreement-timeline\""), containsString("href=\"/agreements/microsoft-openai-2019\""));
        // an event that rests on a disputed claim is shown with the claim and what disputes it (the WSJ report)
        String microsoft = when().get("/labs/microsoft").then().statusCode(200).extract().asString();
        int event = microsoft.indexOf("Suleyman presses OpenAI for technical details");
        int next = microsoft.indexOf("<span class=\"when\">", event);
        String item = microsoft.substring(event, next);
        assertTrue(item.contains("Claims this event rests on:") && item.contains("Disputed by:") && item.contains("looking under the hood"), item);
        assertTrue(item.contains("Disputed by:</span> WSJ: "), "the disputing claimant by name, not slug: " + item);
    }

    @Test
    void theChangesPageLinksOnlyToRecordsThatStillExist() {
        String slug = "site-gone-" + System.nanoTime();
        String admin = "Bearer " + org.labledger.security.Tokens.admin();
        String etag = given().header("Authorization", admin).contentType("application/json")
                .body(java.util.Map.of("slug", slug, "name", "Gone Lab", "kind", "OTHER", "aliases", java.util.List.of()))
                .post("/api/labs").then().statusCode(201).extract().header("ETag");
        given().header("Authorization", admin).header("If-Match", etag).contentType("application/merge-patch+json")
                .body("{\"website\": \"https://example.org/gone\"}").patch("/api/labs/" + slug).then().statusCode(200);
        String live = when().get("/changes").then().statusCode(200).extract().asString();
        assertTrue(live.contains("href=\"/labs/" + slug + "\""), "a live record is linked");
        given().header("Authorization", admin).delete("/api/labs/" + slug).then().statusCode(204);
        String gone = when().get("/changes").then().statusCode(200).extract().asString();
        assertTrue(gone.contains(slug), "its changes are still listed");
        assertTrue(!gone.contains("href=\"/labs/" + slug + "\""), "but no longer linked to a page that is gone");
    }

    @Test
    void claimsAreShownWhereTheRecordsRestOnThem() {
        // an answer's claims on its question page, with the dispute between them and the curator's inference marked
        String q = when().get("/questions/alw-anthropic-eval-during-deployment").then().statusCode(200).extract().asString();
        assertTrue(q.contains("Claims this answer rests on:") && q.contains("Disputes:") && q.contains("Zac Hatfield-Dodds"), q);
        // claims about an agreement, with their dispute
        when().get("/agreements/azure-openai-service").then().statusCode(200)
                .body(containsString("Claims about this agreement"), containsString("Peter Lee"), containsString("Disputed by:"),
                        containsString("makes no sense"));
    }

    @Test
    void questionBrowserFiltersFromTheUrlAndPages() {
        given().queryParam("lab", "anthropic").queryParam("status", "PARTIAL").when().get("/questions").then().statusCode(200)
                .contentType(startsWith(HTML))
                .body(containsString("<option value=\"anthropic\" selected>"), containsString("<option value=\"PARTIAL\" selected>"),
                        containsString("2 questions"), containsString("href=\"/api/questions?lab=anthropic&amp;status=PARTIAL&amp;page=0&amp;size=25\""));
        when().get("/questions").then().statusCode(200).body(containsString("aria-label=\"Pages\""), containsString("page=1"));
        // several statuses, as GET /api/questions takes them: comma-separated or repeated
        given().queryParam("lab", "anthropic").queryParam("status", "ANSWERED,PARTIAL").when().get("/questions").then().statusCode(200)
                .body(containsString("3 questions"));
        given().queryParam("lab", "anthropic").queryParam("status", "ANSWERED").queryParam("status", "PARTIAL").when().get("/questions")
                .then().statusCode(200).body(containsString("3 questions"));
        String key = "alw-anthropic-eval-during-deployment-do-you";
        when().get("/questions/" + key).then().statusCode(200).contentType(startsWith(HTML))
                .body(containsString("href=\"/labs/anthropic\""), containsString("ANSWERED"), containsString("href=\"/api/questions/" + key + "\""));
    }

    @Test
    void agreementPageDiffsTwoVersionsClauseByClause() {
        when().get("/agreements/microsoft-openai-definitive-agreement").then().statusCode(200).contentType(startsWith(HTML))
                .body(containsString("id=\"version-chain\""), containsString("id=\"diff\""), containsString("class=\"change-removed\""),
                        containsString("right of first refusal"), containsString("12,000,000,000 USD"),
                        // a year is a year, not a quantity: no thousands separator
                        containsString("2030 YEAR"), not(containsString("2,030")),
                        containsString("<option value=\"microsoft-openai-2019\" selected>Microsoft–OpenAI partnership (2019)</option>"),
                        containsString("href=\"/api/agreements/microsoft-openai-2019/diff/microsoft-openai-definitive-agreement\""));
        // the diff marks a lineage that is the curator's reading, as the provision list below it does
        String page = when().get("/agreements/microsoft-openai-definitive-agreement").then().extract().asString();
        String diff = page.substring(page.indexOf("id=\"diff\""), page.indexOf("id=\"provisions-h\""));
        assertTrue(diff.contains("curator&#39;s inference:") || diff.contains("curator's inference:"), diff);
        // two versions chosen in the page (the form's from/to)
        given().queryParam("from", "microsoft-openai-2019").queryParam("to", "microsoft-openai-extended-partnership")
                .when().get("/agreements/microsoft-openai-definitive-agreement").then().statusCode(200)
                .body(containsString("From microsoft-openai-2019 to microsoft-openai-extended-partnership"));
        // not an earlier and a later version of one chain: the service's 422, as a page
        given().queryParam("from", "microsoft-openai-definitive-agreement").queryParam("to", "microsoft-openai-2019")
                .when().get("/agreements/microsoft-openai-2019").then().statusCode(422).contentType(startsWith(HTML));
    }

    @Test
    void changesCompareAndBadge() {
        // the seed import records no revision: the feed's page is there, empty until a curator writes (contract/site writes one and reads it back)
        when().get("/changes").then().statusCode(200).contentType(startsWith(HTML))
                .body(containsString("id=\"change-list\""), containsString("href=\"/api/changes.atom\""));
        given().queryParam("entity", "answer").when().get("/changes").then().statusCode(200)
                .body(containsString("<option value=\"ANSWER\" selected>"));
        when().get("/compare").then().statusCode(200).contentType(startsWith(HTML))
                .body(containsString("id=\"compare\""), containsString("scope=\"colgroup\""), not(containsString("<td>0.1667</td>")));
        String svg = when().get("/badge/anthropic.svg").then().statusCode(200).contentType(startsWith("image/svg+xml"))
                .body(containsString("role=\"img\""), containsString("<title>LabLedger: Anthropic response rate 17 % (2 of 12 questions"))
                .extract().asString();
        // well-formed XML (a valid SVG document)
        try {
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertEquals("svg", doc.getDocumentElement().getTagName());
        } catch (Exception e) {
            throw new AssertionError("the badge is not well-formed XML: " + e.getMessage() + "\n" + svg, e);
        }
        when().get("/badge/nobody.svg").then().statusCode(404).contentType(startsWith(HTML));
        when().get("/badge/anthropic.png").then().statusCode(404).contentType(startsWith(HTML));
    }

    @Test
    void whatARequestPutsInAPageIsEscaped() {
        String evil = "<script>alert('x')</script>";
        given().queryParam("q", evil).when().get("/questions").then().statusCode(200)
                .body(not(containsString(evil)), containsString("&lt;script&gt;"));
        given().urlEncodingEnabled(true).when().get("/labs/{slug}", "<b>x</b>").then().statusCode(404).contentType(startsWith(HTML))
                .body(not(containsString("<b>x</b>")), containsString("&lt;b&gt;x&lt;/b&gt;"));
    }

    @Test
    void mistakesAreHtmlPagesWithTheirStatus() {
        // a page past the last: a 404 page naming the last one, not an empty list
        given().queryParam("page", "99999").when().get("/questions").then().statusCode(404).contentType(startsWith(HTML))
                .body(containsString("there is no page 100000"));
        given().queryParam("page", "5000").when().get("/changes").then().statusCode(404).contentType(startsWith(HTML));

        // an unknown questionnaire in the matrix's filter: the API's 400, as a page
        given().queryParam("questionnaire", "nope").when().get("/").then().statusCode(400).contentType(startsWith(HTML));
        when().get("/changes").then().statusCode(200).body(containsString("<option value=\"CLAIM\""), containsString("<option value=\"REPLY_SUBMISSION\""));

        // a path no page takes, from a browser: the HTML error page; from a script (no Accept, or JSON): the problem
        given().accept("text/html,application/xhtml+xml,*/*;q=0.8").when().get("/labs").then().statusCode(404).contentType(startsWith(HTML));
        given().accept("text/html").when().get("/labs/anthropic/extra").then().statusCode(404).contentType(startsWith(HTML));
        when().get("/labs").then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().accept("text/html").when().get("/api/no-such-thing").then().statusCode(404).contentType(startsWith("application/problem+json"));

        when().get("/labs/nobody").then().statusCode(404).contentType(startsWith(HTML))
                .body(allOf(containsString("<h1>404 Not Found</h1>"), containsString("nobody")));
        when().get("/questions/nothing-such").then().statusCode(404).contentType(startsWith(HTML));
        when().get("/agreements/nothing-such").then().statusCode(404).contentType(startsWith(HTML));
        given().queryParam("page", "abc").when().get("/questions").then().statusCode(400).contentType(startsWith(HTML))
                .body(containsString("<h1>400"), containsString("page"));
        given().queryParam("status", "MAYBE").when().get("/questions").then().statusCode(400).contentType(startsWith(HTML));
        given().queryParam("asOf", "yesterday").when().get("/").then().statusCode(400).contentType(startsWith(HTML));
        given().queryParam("questionnaire", "nothing-such").when().get("/").then().statusCode(400).contentType(startsWith(HTML));
        given().queryParam("colour", "red").when().get("/").then().statusCode(400).contentType(startsWith(HTML))
                .body(containsString("colour"));
        given().queryParam("a", "nothing-such").when().get("/compare").then().statusCode(404).contentType(startsWith(HTML));
        given().queryParam("from", "microsoft-openai-2019").when().get("/agreements/microsoft-openai-definitive-agreement")
                .then().statusCode(400).contentType(startsWith(HTML));
        // the API keeps answering problem+json
        when().get("/api/labs/nobody").then().statusCode(404).contentType(startsWith("application/problem+json"));
    }

    @Test
    void assetsAreServedByTheService() {
        when().get("/assets/site.css").then().statusCode(200).contentType(startsWith("text/css"));
        when().get("/assets/matrix.js").then().statusCode(200).body(containsString("/graphql"), containsString("EventSource"));
    }

    /**
     * Every page's links to its data answer: the JSON/CSV/Atom ones with 200, the GraphQL ones (the query and variables
     * in the GraphQL UI's URL) without errors when posted to /graphql.
     */
    @Test
    void everyPageLinksToDataThatAnswers() throws Exception {
        Pattern alternate = Pattern.compile("<link rel=\"alternate\" type=\"([^\"]+)\" href=\"([^\"]+)\"");
        int links = 0;
        for (String page : java.util.List.of("/", "/?questionnaire=akash-policy-lobbying-questions&asOf=2026-01-01", "/labs/anthropic",
                "/questions?q=evaluation&lab=anthropic&status=PARTIAL&topic=risk-assessment&questionnaire=ailabwatch-questions-to-labs",
                "/questions/alw-anthropic-eval-during-deployment-do-you", "/agreements/microsoft-openai-definitive-agreement",
                "/changes?entity=ANSWER", "/compare")) {
            Matcher m = alternate.matcher(when().get(page).then().statusCode(200).extract().asString());
            while (m.find()) {
                links++;
                String href = m.group(2).replace("&amp;", "&");
                if (m.group(1).equals("application/graphql")) {
                    java.util.Map<String, String> params = new java.util.HashMap<>();
                    for (String kv : java.net.URI.create(href).getRawQuery().split("&")) {
                        String[] p = kv.split("=", 2);
                        params.put(p[0], java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8));
                    }
                    String body = "{\"query\": " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(params.get("query"))
                            + ", \"variables\": " + params.get("variables") + "}";
                    given().contentType("application/json").body(body).when().post("/graphql").then().statusCode(200)
                            .body("errors", org.hamcrest.Matchers.nullValue());
                } else {
                    given().urlEncodingEnabled(false).when().get(href).then().statusCode(200);
                }
            }
        }
        assertTrue(links >= 20, "links found: " + links);
    }

    /** The matrix row of a lab. */
    static String row(String page, String lab) {
        Matcher m = Pattern.compile("<tr data-lab=\"" + Pattern.quote(lab) + "\">(.*?)</tr>", Pattern.DOTALL).matcher(page);
        assertTrue(m.find(), "no row for " + lab);
        return m.group(1);
    }
}
