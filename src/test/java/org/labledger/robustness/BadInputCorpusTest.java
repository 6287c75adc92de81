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
        for (String q : queries) {
            Response r = given().contentType("application/json").body(java.util.Map.of("query", q)).when().post("/graphql");
            boolean answered = r.statusCode() < 500 && r.jsonPath().get("data") != null && r.jsonPath().get("errors") == null;
            String code = r.statusCode() < 500 ? r.jsonPath().getString("errors[0].extensions.code") : null;
            // either a clean answer (a blank filter is no filter) or an error with a code, never a 5xx or an internal error
            if (r.statusCode() >= 500 || !answered && (code == null || code.equals("INTERNAL_ERROR"))) {
                failures.add(abbreviate(q) + " -> " + r.statusCode() + " " + abbreviate(r.asString()));
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
