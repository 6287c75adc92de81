package org.labledger.robustness;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.labledger.security.JwtKeys;
import org.labledger.security.Tokens;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus of malformed requests: each must be answered with a 4xx and a problem body (REST) or a GraphQL
 * error with a code, never a 5xx. Add a case here whenever a new kind of bad input turns up.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeys.class)
class BadInputCorpusTest {

    static final List<String> EVIL = List.of("'; drop table answer; --", "\" or \"1\"=\"1", "<script>alert(1)</script>", "../../etc/passwd",
            "%00", "\\u0000", "${jndi:ldap://x}", "a".repeat(999), "🙂", "\t\n", "NULL", "-1", "1e309", "[]", "{}");

    @Test
    void injectionShapedStringsInEveryFilter() {
        List<String> failures = new ArrayList<>();
        for (String evil : EVIL) {
            for (String[] q : new String[][]{{"/api/questions", "lab"}, {"/api/questions", "topic"}, {"/api/questions", "status"},
                    {"/api/questions", "questionnaire"}, {"/api/questions", "q"}, {"/api/questions", "sort"}, {"/api/questions", "page"},
                    {"/api/questions", "size"}, {"/api/answers", "lab"}, {"/api/answers", "question"}, {"/api/answers", "delivered"},
                    {"/api/agreements", "lab"}, {"/api/agreements", "kind"}, {"/api/events", "lab"}, {"/api/scorecards", "topic"},
                    {"/api/scorecards", "asOf"}, {"/api/changes", "since"}, {"/api/labs/anthropic/scorecard", "questionnaire"}}) {
                Response r = given().queryParam(q[1], evil).when().get(q[0]);
                check(failures, q[0] + "?" + q[1] + "=" + abbreviate(evil), r, true);
            }
            for (String path : List.of("/api/labs/", "/api/questions/", "/api/agreements/", "/api/sources/", "/api/questionnaires/")) {
                String encoded = java.net.URLEncoder.encode(evil, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
                Response r = given().urlEncodingEnabled(false).when().get(path + encoded);
                check(failures, path + abbreviate(evil), r, false);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void brokenBodiesWrongTypesAndHugeBodies() {
        List<String> failures = new ArrayList<>();
        long id = given().queryParam("lab", "meta").queryParam("size", 1).when().get("/api/answers").then().extract().jsonPath().getLong("items[0].id");
        String etag = given().when().get("/api/answers/" + id).then().extract().header("ETag");
        String curator = "Bearer " + Tokens.curator();
        for (String body : List.of("{", "[]", "null", "\"text\"", "{\"status\": 1}", "{\"status\": [\"PARTIAL\"]}", "{\"status\": \"PARTIAL\", \"delivered\": \"yes\"}",
                "{\"status\": \"partial\", \"reason\": \"r\"}", "{\"status\": \"PARTIAL\", \"reason\": {\"a\": 1}}", "{\"status\": \"PARTIAL\", \"reason\": \"" + "r".repeat(6000) + "\"}",
                "{\"status\": \"PARTIAL\", \"answeredOn\": \"yesterday\", \"reason\": \"r\"}", "{\"status\": \"PARTIAL\", \"sourceUrl\": \"javascript:alert(1)\"}")) {
            Response r = given().header("Authorization", curator).header("If-Match", etag).contentType("application/json").body(body).when().put("/api/answers/" + id);
            check(failures, "PUT " + abbreviate(body), r, true);
        }
        // expect-continue: the client waits for the server's verdict before sending 12 MB
        Response huge = given().config(io.restassured.config.RestAssuredConfig.config().httpClient(
                        io.restassured.config.HttpClientConfig.httpClientConfig().setParam("http.protocol.expect-continue", true)))
                .header("Authorization", curator).header("If-Match", etag).contentType("application/json")
                .body("{\"status\": \"PARTIAL\", \"summary\": \"" + "x".repeat(12 * 1024 * 1024) + "\", \"reason\": \"r\"}").when().put("/api/answers/" + id);
        // refused from its Content-Length before anything reads it, with a problem (BodyLimit)
        if (huge.statusCode() != 413 || !String.valueOf(huge.contentType()).startsWith("application/problem+json")) {
            failures.add("huge body -> " + huge.statusCode() + " " + huge.contentType());
        }
        // the GraphQL endpoint's own limit (256 KB) too
        Response bigQuery = given().contentType("application/json").body("{\"query\": \"{ labs { slug } }" + " ".repeat(300_000) + "\"}")
                .when().post("/graphql");
        if (bigQuery.statusCode() != 413 || !String.valueOf(bigQuery.contentType()).startsWith("application/problem+json")) {
            failures.add("huge GraphQL body -> " + bigQuery.statusCode() + " " + bigQuery.contentType());
        }
        for (String body : List.of("{", "{\"items\": {}}", "{\"items\": [null]}", "{\"items\": [{\"id\": \"x\"}]}", "{\"items\": [{\"id\": " + id + ", \"version\": 0}]}")) {
            Response r = given().header("Authorization", curator).contentType("application/json").body(body).when().post("/api/answers/batch");
            check(failures, "batch " + abbreviate(body), r, true);
        }
        Response xml = given().header("Authorization", curator).header("If-Match", etag).contentType("application/xml").body("<a/>").when().put("/api/answers/" + id);
        if (xml.statusCode() != 415) {
            failures.add("xml body -> " + xml.statusCode());
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        given().when().get("/api/answers/" + id).then().statusCode(200).header("ETag", etag);
    }

    @Test
    void malformedGraphQL() {
        List<String> failures = new ArrayList<>();
        List<String> queries = new ArrayList<>(List.of("", "{", "}", "query", "{ labs { slug } } }", "{ labs(slugs: 1) { slug } }",
                "{ questions(filter: {statuses: [MAYBE]}) { totalItems } }", "{ questions(size: \"ten\") { totalItems } }",
                "{ lab(slug: null) { slug } }", "mutation { updateAnswer(id: 1) { id } }", "subscription { x }",
                "{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }"));
        for (String evil : EVIL) {
            queries.add("{ questions(filter: {text: " + quote(evil) + ", lab: " + quote(evil) + "}) { totalItems } }");
            queries.add("{ lab(slug: " + quote(evil) + ") { slug } }");
        }
        queries.add("{ labs { " + "a: slug ".repeat(1000) + "} }");
        queries.add("{ labs { " + "parent { ".repeat(40) + "slug" + " }".repeat(40) + " } }");
        // the cost classes of issue 11: fragment bomb, fragment chain, multiplied lists, aliases of heavy resolvers,
        // values that would wrap around (each must be refused with a code, never time out or answer 5xx)
        StringBuilder bomb = new StringBuilder("query { labs { ...F0 } }");
        for (int i = 0; i < 25; i++) {
            bomb.append(" fragment F").append(i).append(" on Lab { ...F").append(i + 1).append(" ...F").append(i + 1).append(" }");
        }
        queries.add(bomb.append(" fragment F25 on Lab { slug }").toString());
        StringBuilder chain = new StringBuilder("query { labs { ...F0 } }");
        for (int i = 0; i < 450; i++) {
            chain.append(" fragment F").append(i).append(" on Lab { slug ...F").append(i + 1).append(" }");
        }
        queries.add(chain.append(" fragment F450 on Lab { name }").toString());
        queries.add("{ a: lab(slug:\"anthropic\") { answers { question { answers { lab { answers { status } } } } } } "
                + "b: lab(slug:\"openai\") { answers { question { answers { lab { answers { status } } } } } } }");
        queries.add(java.util.stream.IntStream.range(0, 249).mapToObj(i -> "c" + i + ": compareQuestionnaires(a: \"x\", b: \"y\") { sharedQuestions }")
                .collect(java.util.stream.Collectors.joining(" ", "{ ", " }")));
        queries.add(java.util.stream.IntStream.range(0, 249).mapToObj(i -> "s" + i + ": scorecards(asOf: \"2026-01-01T00:00:00Z\") { lab }")
                .collect(java.util.stream.Collectors.joining(" ", "{ ", " }")));
        queries.add("{ questions(size: 4294967297) { totalItems } }");
        queries.add("{ scorecards(asOf: \"+999999999-01-01T00:00:00Z\") { lab } }");
        queries.add("{ changes(since: \"-999999999-01-01T00:00:00Z\") { totalItems } }");
        queries.add("mutation { updateAnswer(id: 18446744073709551619, version: 0, change: {status: PARTIAL, reason: \"r\"}) { id } }");
        for (String q : queries) {
            Response r = given().contentType("application/json").body(java.util.Map.of("query", q)).when().post("/graphql");
            boolean answered = r.statusCode() < 500 && r.jsonPath().get("data") != null && r.jsonPath().get("errors") == null;
            String code = r.statusCode() < 500 ? r.jsonPath().getString("errors[0].extensions.code") : null;
            // either a clean answer (a blank filter is no filter) or an error with a code, never a 5xx or an internal error
            if (r.statusCode() >= 500 || !answered && (code == null || code.equals("INTERNAL_ERROR"))) {
                failures.add(abbreviate(q) + " -> " + r.statusCode() + " " + abbreviate(r.asString()));
            }
        }
        // envelopes that are not what GraphQL over HTTP says, and variables no text column can hold
        for (String body : List.of("{\"query\": \"{ labs { slug } }\", \"variables\": \"x\"}", "{\"query\": \"{ labs { slug } }\", \"variables\": [1]}",
                "{\"query\": \"{ labs { slug } }\", \"operationName\": 5}",
                "{\"query\": \"query($s: String!) { lab(slug: $s) { slug } }\", \"variables\": {\"s\": \"a\\u0000b\"}}",
                "{\"query\": \"query($s: String!) { lab(slug: $s) { slug } }\", \"variables\": {\"s\": \"\\ud800\"}}",
                "{\"query\": \"{ labs { slug } }\"} trailing")) {
            Response r = given().contentType("application/json").body(body).when().post("/graphql");
            String code = r.statusCode() < 500 ? r.jsonPath().getString("errors[0].extensions.code") : null;
            if (r.statusCode() >= 500 || code == null || code.equals("INTERNAL_ERROR")) {
                failures.add("POST /graphql " + abbreviate(body) + " -> " + r.statusCode() + " " + abbreviate(r.asString()));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Inject
    EntityManager em;

    /** Characters TextRules refuses, as a URL carries them (percent-encoded UTF-8). */
    static final Map<String, String> REFUSED_IN_URLS = Map.of("NUL", "%00", "U+0007", "%07", "U+001F", "%1F",
            "U+FFFE", "%EF%BF%BE", "U+FFFF", "%EF%BF%BF");

    /**
     * Characters TextRules refuses, as a JSON string carries them: escaped (a lone surrogate can only be written
     * escaped; PostgreSQL would store it as '?') or raw (U+FFFE and U+FFFF are legal in JSON text).
     */
    static final Map<String, String> REFUSED_IN_JSON = Map.of("NUL", "\\u0000", "U+0001", "\\u0001", "U+FFFE", "\\uFFFE",
            "raw U+FFFF", "\uFFFF", "lone high surrogate", "\\ud800", "lone low surrogate", "x\\udc00");

    @Test
    void refusedCharactersInPathSegmentsAndQueryParametersAre400NamingTheParameter() {
        List<String> failures = new ArrayList<>();
        for (var c : REFUSED_IN_URLS.entrySet()) {
            for (String[] p : new String[][]{{"/api/labs/a%sb", "slug"}, {"/api/labs/a%sb/scorecard", "slug"}, {"/api/labs/a%sb/scorecard.csv", "slug"},
                    {"/api/questions/a%sb", "key"}, {"/api/agreements/a%sb", "slug"}, {"/api/agreements/x/provisions/a%sb", "key"},
                    {"/api/sources/a%sb", "key"}, {"/api/questionnaires/a%sb", "slug"}, {"/api/questionnaires/x/compare/a%sb", "b"},
                    {"/api/topics/a%sb", "slug"}}) {
                String path = p[0].replace("%s", c.getValue());
                expectInvalid(failures, "GET " + path + " (" + c.getKey() + ")", given().urlEncodingEnabled(false).when().get(path), p[1], "parameter");
            }
            for (String[] q : new String[][]{{"/api/questions", "q"}, {"/api/questions", "lab"}, {"/api/answers", "lab"}, {"/api/agreements", "lab"},
                    {"/api/changes", "entity"}, {"/api/scorecards", "topic"}, {"/api/labs/anthropic/scorecard", "questionnaire"}}) {
                String path = q[0] + "?" + q[1] + "=a" + c.getValue() + "b";
                expectInvalid(failures, "GET " + path + " (" + c.getKey() + ")", given().urlEncodingEnabled(false).when().get(path), q[1], "parameter");
            }
            // a write: refused before anything is looked up or written
            String path = "/api/labs/a" + c.getValue() + "b";
            expectInvalid(failures, "DELETE " + path, given().urlEncodingEnabled(false).header("Authorization", "Bearer " + Tokens.admin())
                    .when().delete(path), "slug", "parameter");
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void refusedCharactersInEveryRestWriteBodyAre400NamingTheField() {
        long id = given().queryParam("lab", "meta").queryParam("size", 1).when().get("/api/answers").then().extract().jsonPath().getLong("items[0].id");
        String question = given().queryParam("size", 1).when().get("/api/questions").then().extract().jsonPath().getString("items[0].key");
        String agreement = given().when().get("/api/agreements?size=200").then().extract().jsonPath().getString("items.find { it.provisionCount > 0 }.slug");
        String provision = given().when().get("/api/agreements/" + agreement).then().extract().jsonPath().getString("provisions[0].key");
        String source = given().when().get("/api/sources").then().extract().jsonPath().getString("items[0].key");
        // Updates carry a stale If-Match and creates refer to a record that does not exist: where the body is not
        // refused, nothing is written either (412/422 instead of 400).
        String stale = "\"v999\"";
        String[][] writes = {
                {"PUT", "/api/answers/" + id, stale, "{\"status\":\"PARTIAL\",\"reason\":\"r\",\"summary\":\"%s\"}", "summary"},
                {"POST", "/api/answers/batch", null, "{\"items\":[{\"id\":" + id + ",\"version\":999,\"set\":{\"status\":\"PARTIAL\",\"reason\":\"%s\"}}]}", "items[0].set.reason"},
                {"POST", "/api/questions/" + question + "/answers", null, "{\"lab\":\"t-hyg-missing\",\"set\":{\"status\":\"PARTIAL\",\"reason\":\"r\",\"respondent\":\"%s\"}}", "set.respondent"},
                {"POST", "/api/labs", null, "{\"slug\":\"t-hyg-lab\",\"name\":\"%s\",\"kind\":\"OTHER\",\"parent\":\"t-hyg-missing\"}", "name"},
                {"POST", "/api/labs", null, "{\"slug\":\"t-hyg-lab\",\"name\":\"n\",\"kind\":\"OTHER\",\"parent\":\"t-hyg-missing\",\"aliases\":[\"ok\",\"%s\"]}", "aliases[1]"},
                {"PUT", "/api/labs/anthropic", stale, "{\"name\":\"Anthropic\",\"kind\":\"FRONTIER_LAB\",\"reason\":\"%s\"}", "reason"},
                {"POST", "/api/questionnaires", null, "{\"slug\":\"t-hyg-qn\",\"title\":\"%s\",\"source\":\"t-hyg-missing\"}", "title"},
                {"PUT", "/api/questionnaires/ailabwatch-questions-to-labs", stale, "{\"title\":\"t\",\"description\":\"%s\"}", "description"},
                {"POST", "/api/topics", null, "{\"slug\":\"t-hyg-topic\",\"name\":\"%s\",\"parent\":\"t-hyg-missing\"}", "name"},
                {"PUT", "/api/topics/governance", stale, "{\"name\":\"Governance\",\"description\":\"%s\"}", "description"},
                {"POST", "/api/questions", null, "{\"key\":\"t-hyg-q\",\"questionnaire\":\"t-hyg-missing\",\"topic\":\"governance\",\"text\":\"%s\"}", "text"},
                {"PUT", "/api/questions/" + question, stale, "{\"questionnaire\":\"ailabwatch-questions-to-labs\",\"topic\":\"governance\",\"text\":\"t\",\"notes\":\"%s\"}", "notes"},
                {"POST", "/api/agreements", null, "{\"slug\":\"t-hyg-deal\",\"title\":\"t\",\"kind\":\"OTHER\",\"parties\":[{\"lab\":\"t-hyg-missing\",\"role\":\"%s\"}]}", "parties[0].role"},
                {"PUT", "/api/agreements/" + agreement, stale, "{\"title\":\"%s\",\"kind\":\"OTHER\",\"parties\":[{\"lab\":\"openai\",\"role\":\"r\"}]}", "title"},
                {"POST", "/api/agreements/" + agreement + "/provisions", null, "{\"key\":\"t-hyg-p\",\"category\":\"OTHER\",\"summary\":\"%s\",\"beneficiary\":\"t-hyg-missing\"}", "summary"},
                {"PUT", "/api/agreements/" + agreement + "/provisions/" + provision, stale, "{\"category\":\"OTHER\",\"summary\":\"s\",\"validUntilCondition\":\"%s\"}", "validUntilCondition"},
                {"POST", "/api/sources", null, "{\"key\":\"t-hyg-src\",\"title\":\"t\",\"kind\":\"OTHER\",\"author\":\"%s\",\"citedIn\":\"t-hyg-missing\"}", "author"},
                {"PUT", "/api/sources/" + source, stale, "{\"title\":\"t\",\"kind\":\"OTHER\",\"notes\":\"%s\"}", "notes"},
                {"POST", "/api/citations", null, "{\"subjectType\":\"LAB\",\"subject\":\"anthropic\",\"source\":\"t-hyg-missing\",\"quote\":\"%s\"}", "quote"},
                {"POST", "/api/imports/dataset", null, "{\"labs\":[{\"slug\":\"t-hyg-lab\",\"name\":\"%s\",\"kind\":\"OTHER\",\"parent\":\"t-hyg-missing\"}]}", "labs[0].name"}};
        // merge patches apply to the current version (If-Match is checked first), so they carry the current ETag
        String[][] patches = {
                {"/api/answers/" + id, "{\"summary\":\"%s\"}", "summary"},
                {"/api/labs/anthropic", "{\"aliases\":[\"%s\"]}", "aliases[0]"},
                {"/api/questions/" + question, "{\"notes\":\"%s\"}", "notes"}};
        List<String> failures = new ArrayList<>();
        String admin = "Bearer " + Tokens.admin();
        for (var c : REFUSED_IN_JSON.entrySet()) {
            for (String[] w : writes) {
                var spec = given().header("Authorization", admin).contentType("application/json; charset=utf-8").body(w[3].replace("%s", c.getValue()).getBytes(StandardCharsets.UTF_8));
                if (w[2] != null) {
                    spec = spec.header("If-Match", w[2]);
                }
                expectInvalid(failures, w[0] + " " + w[1] + " " + w[4] + " (" + c.getKey() + ")", spec.when().request(w[0], w[1]), w[4], "must not contain");
            }
            for (String[] p : patches) {
                String etag = given().when().get(p[0]).then().extract().header("ETag");
                Response r = given().header("Authorization", admin).header("If-Match", etag).contentType("application/merge-patch+json")
                        .body(p[1].replace("%s", c.getValue()).getBytes(StandardCharsets.UTF_8)).when().patch(p[0]);
                expectInvalid(failures, "PATCH " + p[0] + " " + p[2] + " (" + c.getKey() + ")", r, p[2], "must not contain");
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        given().when().get("/api/labs/t-hyg-lab").then().statusCode(404);
    }

    /** FMTI uploads: a cell with a character TextRules refuses is a 400 naming the file, line and column. */
    @Test
    void refusedCharactersInFmtiCsvCellsAre400NamingFileLineAndColumn() {
        List<String> failures = new ArrayList<>();
        for (String c : List.of("\u0000", "\u0007", "\uFFFE", "\uFFFF")) {
            String what = String.format("U+%04X", (int) c.charAt(0));
            // in the scores matrix (an indicator name), in a quoted cell, and in a report's disclosure text
            for (Object[] t : new Object[][]{
                    {"Indicator,A,B\nX,1,0\nY" + c + "z,1,1\n", Map.of(), "hyg_scores.csv", 3, 1},
                    {"Indicator,A,B\nX,1,0\n\"Y,\n" + c + "\",1,1\n", Map.of(), "hyg_scores.csv", 3, 1},
                    {"Indicator,A,B\nX,1,0\nY,1,1\n", Map.of("A_fmtransparencyreport_Hygiene.csv", "Indicator,Disclosure,Score\nX,we say " + c + " here,1\nY,ok,1\n"),
                            "A_fmtransparencyreport_Hygiene.csv", 2, 2}}) {
                var spec = given().header("Authorization", "Bearer " + Tokens.curator()).multiPart("edition", "Hygiene")
                        .multiPart("scores", "hyg_scores.csv", ((String) t[0]).getBytes(StandardCharsets.UTF_8), "text/csv");
                @SuppressWarnings("unchecked")
                Map<String, String> reports = (Map<String, String>) t[1];
                for (var r : reports.entrySet()) {
                    spec = spec.multiPart("reports", r.getKey(), r.getValue().getBytes(StandardCharsets.UTF_8), "text/csv");
                }
                Response r = spec.when().post("/api/imports/fmti");
                String label = "FMTI " + t[2] + " " + what;
                if (r.statusCode() != 400 || !String.valueOf(r.contentType()).startsWith("application/problem+json")) {
                    failures.add(label + " -> " + r.statusCode() + " " + abbreviate(r.asString()));
                    continue;
                }
                var body = r.jsonPath();
                if (!t[2].equals(body.getString("errors[0].file")) || !t[3].equals(body.get("errors[0].line")) || !t[4].equals(body.get("errors[0].column"))
                        || !body.getString("detail").contains("must not contain")) {
                    failures.add(label + " -> " + abbreviate(r.asString()));
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        given().when().get("/api/questionnaires/fmti-hygiene").then().statusCode(404);
    }

    /**
     * Text stored before input was checked (or written by SQL) may hold characters XML 1.0 refuses: the Atom feed
     * must still be a well-formed document, by a real XML parser.
     */
    @Test
    void theAtomFeedParsesEvenWhenStoredTextHoldsCharactersXmlRefuses() throws Exception {
        long revision = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("insert into revision (entity, entity_key, action, actor, reason, source_url) values ('ANSWER', ?1, 'UPDATE', ?2, ?3, ?4)")
                    .setParameter(1, "t-hyg\uFFFEkey").setParameter(2, "actor\uFFFF\u0001").setParameter(3, "reason \uFFFE\uFFFF\u0008 end")
                    .setParameter(4, "https://example.org/\uFFFE").executeUpdate();
            return ((Number) em.createNativeQuery("select max(id) from revision").getSingleResult()).longValue();
        });
        try {
            Response r = given().when().get("/api/changes.atom");
            assertEquals(200, r.statusCode());
            javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            org.w3c.dom.Document feed = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(r.asByteArray()));
            org.w3c.dom.NodeList entries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
            String summary = null;
            for (int i = 0; i < entries.getLength(); i++) {
                org.w3c.dom.Element e = (org.w3c.dom.Element) entries.item(i);
                if (e.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id").item(0).getTextContent().equals("urn:labledger:revision:" + revision)) {
                    summary = e.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "summary").item(0).getTextContent();
                }
            }
            assertEquals("reason \uFFFD\uFFFD\uFFFD end (source: https://example.org/\uFFFD)", summary);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from revision where id = ?1").setParameter(1, revision).executeUpdate());
        }
    }

    /**
     * CSV exports defuse every cell a spreadsheet would run as a formula (a leading -, =, +, @, tab or carriage
     * return) with a leading apostrophe, unless the whole cell is a plain number.
     */
    @Test
    void csvExportsDefuseFormulaShapedCells() {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        names.put("t-hyg-csv-dde", "-2+3+cmd|' /C calc'!A0");
        names.put("t-hyg-csv-minus", "-cmd");
        names.put("t-hyg-csv-eq", "=1+1");
        names.put("t-hyg-csv-plus", "+1+1");
        names.put("t-hyg-csv-at", "@SUM(A1)");
        names.put("t-hyg-csv-tab", "tab");
        names.put("t-hyg-csv-cr", "cr");
        names.put("t-hyg-csv-num", "-1.5");
        names.put("t-hyg-csv-plain", "Plain name");
        String curator = Tokens.curator();
        try {
            int i = 0;
            for (var n : names.entrySet()) {
                given().auth().oauth2(curator).contentType("application/json").body(Map.of("slug", n.getKey(), "name", n.getValue()))
                        .when().post("/api/topics").then().statusCode(201);
                given().auth().oauth2(curator).contentType("application/json").body(Map.of("key", "t-hyg-csv-q" + i++, "questionnaire", "ailabwatch-questions-to-labs",
                        "topic", n.getKey(), "text", "csv export", "addressedTo", List.of("openai"), "reason", "test")).when().post("/api/questions").then().statusCode(201);
            }
            // names that begin with a tab or a carriage return cannot be written through the API (names are trimmed): stored by SQL
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("update topic set name = ?1 where slug = 't-hyg-csv-tab'").setParameter(1, "\t=1+1").executeUpdate();
                em.createNativeQuery("update topic set name = ?1 where slug = 't-hyg-csv-cr'").setParameter(1, "\r=1+1").executeUpdate();
            });
            Map<String, String> expected = new java.util.LinkedHashMap<>();
            expected.put("t-hyg-csv-dde", "\"'-2+3+cmd|' /C calc'!A0\"");
            expected.put("t-hyg-csv-minus", "\"'-cmd\"");
            expected.put("t-hyg-csv-eq", "\"'=1+1\"");
            expected.put("t-hyg-csv-plus", "\"'+1+1\"");
            expected.put("t-hyg-csv-at", "\"'@SUM(A1)\"");
            expected.put("t-hyg-csv-tab", "\"'\t=1+1\"");
            expected.put("t-hyg-csv-cr", "\"'\r=1+1\"");
            expected.put("t-hyg-csv-num", "-1.5");
            expected.put("t-hyg-csv-plain", "Plain name");
            for (String url : List.of("/api/labs/openai/scorecard.csv", "/api/scorecards.csv")) {
                String csv = given().when().get(url).then().statusCode(200).extract().asString();
                List<String> failures = new ArrayList<>();
                for (var e : expected.entrySet()) {
                    if (!csv.contains("openai," + e.getKey() + "," + e.getValue() + ",1,")) {
                        String line = csv.lines().filter(l -> l.startsWith("openai," + e.getKey() + ",")).findFirst().orElse("(no row)");
                        failures.add(url + ": " + e.getKey() + " written as " + line.replace("\t", "\\t").replace("\r", "\\r"));
                    }
                }
                assertTrue(failures.isEmpty(), String.join("\n", failures));
            }
        } finally {
            String admin = Tokens.admin();
            for (int i = 0; i < names.size(); i++) {
                var q = given().get("/api/questions/t-hyg-csv-q" + i);
                if (q.statusCode() == 200) {
                    for (Object a : q.jsonPath().getList("answers.id")) {
                        given().auth().oauth2(admin).header("If-Match", "*").delete("/api/answers/" + a);
                    }
                    given().auth().oauth2(admin).delete("/api/questions/t-hyg-csv-q" + i);
                }
            }
            for (String slug : names.keySet()) {
                given().auth().oauth2(admin).delete("/api/topics/" + slug);
            }
        }
    }

    /** Out-of-range timestamps (java.time parses years up to ±999999999; PostgreSQL does not store them) are a 400. */
    @Test
    void outOfRangeTimestampsAre400NamingTheParameter() {
        List<String> failures = new ArrayList<>();
        for (String v : List.of("%2B999999999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "%2B999999999-12-31", "-999999999-01-01",
                "%2B10000-01-01T00:00:00Z", "0000-12-31T00:00:00Z", "-0001-06-01")) {
            for (String[] q : new String[][]{{"/api/changes", "since"}, {"/api/scorecards", "asOf"}, {"/api/labs/anthropic/scorecard", "asOf"},
                    {"/api/labs/anthropic/scorecard.csv", "asOf"}}) {
                String path = q[0] + "?" + q[1] + "=" + v;
                expectInvalid(failures, "GET " + path, given().urlEncodingEnabled(false).when().get(path), q[1], "years 1 to 9999");
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        for (String v : List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31")) {
            given().queryParam("since", v).when().get("/api/changes").then().statusCode(200);
            given().queryParam("asOf", v).when().get("/api/scorecards").then().statusCode(200);
        }
    }

    /**
     * A body must be exactly one JSON value of the expected shape: text after it and unknown fields (a typo would
     * silently blank the field) are refused, and every problem names the field and what was expected there in
     * the client's terms, never a Java type.
     */
    @Test
    void bodyMistakesNameTheFieldAndTheExpectedTypeWithoutJavaNames() {
        long id = given().queryParam("lab", "meta").queryParam("size", 1).when().get("/api/answers").then().extract().jsonPath().getLong("items[0].id");
        String stale = "\"v999\"";
        String qn = "ailabwatch-questions-to-labs";
        String[][] cases = {
                // method, path, If-Match, body, field (null: none), what the message must say
                {"PUT", "/api/answers/" + id, stale, "{\"status\":\"PARTIAL\",\"reason\":\"r\"} {\"status\":\"ANSWERED\"}", "body", "after the JSON value"},
                {"PUT", "/api/answers/" + id, stale, "{\"status\":\"PARTIAL\",\"reason\":\"r\"} []", "body", "after the JSON value"},
                {"PUT", "/api/answers/" + id, stale, "{\"status\":\"PARTIAL\",\"reason\":\"r\"} garbage", null, "garbage"},
                {"PUT", "/api/answers/" + id, stale, "{\"status\":\"PARTIAL\",\"reason\":\"r\"} 1", "body", "after the JSON value"},
                {"PUT", "/api/answers/" + id, stale, "{\"status\":\"PARTIAL\",\"reson\":\"typo\"}", "reson", "unknown field"},
                {"PUT", "/api/answers/" + id, stale, "{\"status\":\"PARTIAL\",\"reason\":\"r\",\"delivered\":\"yes\"}", "delivered", "true or false"},
                {"PUT", "/api/answers/" + id, stale, "{\"status\":\"partial\",\"reason\":\"r\"}", "status", "one of [UNANSWERED, PARTIAL, ANSWERED]"},
                {"PUT", "/api/answers/" + id, stale, "{\"status\":[\"PARTIAL\"],\"reason\":\"r\"}", "status", "one of [UNANSWERED"},
                {"PUT", "/api/answers/" + id, stale, "{\"status\":\"PARTIAL\",\"reason\":{\"a\":1}}", "reason", "a string"},
                {"PUT", "/api/answers/" + id, stale, "[]", "body", "an object"},
                {"PUT", "/api/answers/" + id, stale, "\"text\"", "body", "an object"},
                {"PUT", "/api/answers/" + id, stale, "{", null, "end-of-input"},
                {"POST", "/api/answers/batch", null, "{\"items\":{}}", "items", "an array"},
                {"POST", "/api/answers/batch", null, "{\"items\":[{\"id\":\"x\"}]}", "items[0].id", "an integer"},
                {"POST", "/api/answers/batch", null, "{\"items\":[{\"id\":" + id + ",\"version\":0,\"sett\":{}}]}", "items[0].sett", "unknown field"},
                {"POST", "/api/questions", null, "{\"key\":\"t-hyg-q\",\"questionnaire\":\"" + qn + "\",\"topic\":\"governance\",\"text\":\"t\",\"ordinal\":\"first\"}", "ordinal", "an integer"},
                {"POST", "/api/questions", null, "{\"key\":\"t-hyg-q\",\"questionnaire\":\"" + qn + "\",\"topic\":\"governance\",\"text\":\"t\",\"ordinal\":99999999999}", "ordinal", "an integer"},
                {"POST", "/api/questions", null, "{\"key\":\"t-hyg-q\",\"questionnaire\":\"" + qn + "\",\"topic\":\"governance\",\"text\":\"t\",\"addressedTo\":\"openai\"}", "addressedTo", "an array"},
                {"POST", "/api/questions", null, "{\"key\":\"t-hyg-q\",\"questionnaire\":\"t-hyg-missing\",\"topic\":\"governance\",\"text\":\"t\",\"reasn\":\"typo\"}", "reasn", "unknown field"},
                {"POST", "/api/topics", null, "{\"slug\":\"t-hyg-topic\",\"name\":\"n\",\"parent\":\"t-hyg-missing\",\"descripton\":\"typo\"}", "descripton", "unknown field"},
                {"POST", "/api/labs", null, "{\"slug\":\"t-hyg-lab\",\"name\":\"n\",\"kind\":\"NOPE\",\"parent\":\"t-hyg-missing\"}", "kind", "one of [FRONTIER_LAB, BIG_TECH, OTHER]"},
                {"POST", "/api/labs", null, "{\"slug\":\"t-hyg-lab\",\"name\":\"n\",\"kind\":\"OTHER\",\"parent\":\"t-hyg-missing\",\"aliases\":[{}]}", "aliases[0]", "a string"},
                {"POST", "/api/agreements/x/provisions", null, "{\"key\":\"t-hyg-p\",\"category\":\"OTHER\",\"summary\":\"s\",\"value\":\"lots\"}", "value", "a number"},
                {"PATCH", "/api/answers/" + id, "current", "{\"delivered\":\"yes\"}", "delivered", "true or false"},
                {"PATCH", "/api/answers/" + id, "current", "{\"statuss\":\"PARTIAL\"}", "statuss", "unknown field"},
                {"PATCH", "/api/labs/anthropic", "current", "{\"kind\":\"NOPE\"}", "kind", "one of [FRONTIER_LAB, BIG_TECH, OTHER]"},
                {"PATCH", "/api/questions/alw-meta-weights-release-threshold", "current", "{\"ordinal\":\"first\"}", "ordinal", "an integer"},
                {"PATCH", "/api/answers/" + id, "current", "{\"summary\":\"s\"} {}", "body", "after the JSON value"},
                {"POST", "/api/imports/dataset", null, "{\"answers\":[{\"question\":\"q\",\"lab\":\"l\",\"status\":\"MAYBE\"}]}", "answers[0].status", "MAYBE"},
                {"POST", "/api/imports/dataset", null, "{\"labs\":[{\"slug\":\"x\",\"ordinal\":{}}]}", "labs[0].ordinal", "unknown field"}};
        List<String> failures = new ArrayList<>();
        String admin = "Bearer " + Tokens.admin();
        for (String[] c : cases) {
            var spec = given().header("Authorization", admin).contentType(c[0].equals("PATCH") ? "application/merge-patch+json" : "application/json").body(c[3]);
            if (c[2] != null) {
                spec = spec.header("If-Match", c[2].equals("current") ? given().when().get(c[1]).then().extract().header("ETag") : c[2]);
            }
            Response r = spec.when().request(c[0], c[1]);
            String what = c[0] + " " + c[1] + " " + abbreviate(c[3]);
            String text = r.asString();
            if (r.statusCode() != 400 || !String.valueOf(r.contentType()).startsWith("application/problem+json")) {
                failures.add(what + " -> " + r.statusCode() + " " + abbreviate(text));
                continue;
            }
            for (String leak : List.of("java.", "org.labledger", "com.fasterxml", "jakarta.", "`")) {
                if (text.contains(leak)) {
                    failures.add(what + " -> names '" + leak + "': " + text);
                }
            }
            String field = r.jsonPath().getString("errors[0].field");
            String message = c[4] == null ? r.jsonPath().getString("detail") : r.jsonPath().getString("errors[0].message");
            if (c[4] != null && (field == null || !field.startsWith(c[4])) || message == null || !message.contains(c[5])) {
                failures.add(what + " -> expected " + c[4] + " / '" + c[5] + "', got " + text);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** 400, a problem body, the parameter or field named in {@code errors[0].field}, and the message saying what is wrong. */
    private static void expectInvalid(List<String> failures, String what, Response r, String field, String says) {
        String text = r.asString();
        boolean ok = r.statusCode() == 400 && String.valueOf(r.contentType()).startsWith("application/problem+json")
                && r.jsonPath().getString("errors[0].field") != null && r.jsonPath().getString("errors[0].field").startsWith(field)
                && String.valueOf(r.jsonPath().getString("detail")).contains(says);
        if (!ok) {
            failures.add(what + " -> " + r.statusCode() + " " + r.contentType() + " " + abbreviate(text.replace("\u0000", "\\0")));
        }
    }

    private static void check(List<String> failures, String what, Response r, boolean mayBeOk) {
        int s = r.statusCode();
        boolean ok = s == 200 && mayBeOk || s == 404 && !mayBeOk
                || s >= 400 && s < 500 && String.valueOf(r.contentType()).startsWith("application/problem+json");
        if (!ok) {
            failures.add(what + " -> " + s + " " + r.contentType() + " " + abbreviate(r.asString()));
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
