package org.labledger.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labledger.common.Paging;
import org.labledger.common.Problem;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document served at /q/openapi is one a client generator can trust: every operation named, every
 * write behind the one bearer scheme, every success body typed, status codes and headers as the server sends
 * them, errors as Problem bodies. Each test collects every offending operation, so one run names them all.
 */
@QuarkusTest
class OpenApiDocumentTest {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    static final Set<String> WRITES = Set.of("put", "post", "delete", "patch");
    /** The reads that need a token (issue 17): what one lab's inbox holds, the reply queue, a lab's representatives. */
    static final Set<String> TOKEN_READS = Set.of("GET /api/reply/questions", "GET /api/reply/submissions", "GET /api/labs/{slug}/representatives");
    static JsonNode doc;

    @BeforeEach // not @BeforeAll: RestAssured points at the test's port only once a test runs
    void load() throws IOException {
        if (doc != null) {
            return;
        }
        String json = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).extract().asString();
        doc = new ObjectMapper().readTree(json);
    }

    /** Calls {@code check(label, operation)} for every operation; label is e.g. "GET /api/labs". */
    static void eachOperation(BiConsumer<String, JsonNode> check) {
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        assertTrue(paths.hasNext(), "the document has paths");
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(op -> {
                if (METHODS.contains(op.getKey())) {
                    check.accept(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
                }
            });
        }
    }

    static String method(String label) {
        return label.substring(0, label.indexOf(' ')).toLowerCase();
    }

    static void none(List<String> failures) {
        assertTrue(failures.isEmpty(), failures.size() + " problems:\n" + String.join("\n", failures));
    }

    /** The parameter named so (in header, query or path) of an operation, or a missing node. */
    static JsonNode parameter(JsonNode op, String in, String name) {
        for (JsonNode p : op.path("parameters")) {
            if (in.equals(p.path("in").asText()) && name.equals(p.path("name").asText())) {
                return p;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText(null);
        if (ref == null) {
            return node;
        }
        assertTrue(ref.startsWith("#/"), ref);
        JsonNode target = doc.at(ref.substring(1));
        assertFalse(target.isMissingNode(), "dangling $ref " + ref);
        return target;
    }

    @Test
    void everyOperationHasAUniqueCamelCaseOperationId() {
        List<String> failures = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int[] count = {0};
        eachOperation((label, op) -> {
            count[0]++;
            String id = op.path("operationId").asText("");
            if (!id.matches("[a-z][a-zA-Z0-9]+")) {
                failures.add(label + ": operationId '" + id + "' is missing or not camelCase");
            } else if (!seen.add(id)) {
                failures.add(label + ": operationId '" + id + "' is used twice");
            }
        });
        none(failures);
        assertTrue(count[0] >= 58, "all operations are documented, found " + count[0]);
    }

    @Test
    void everyWriteAndOnlyWritesRequireTheOneBearerScheme() {
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertEquals(List.of("bearerAuth"), names(schemes), "exactly one security scheme");
        JsonNode bearer = schemes.path("bearerAuth");
        assertEquals("http", bearer.path("type").asText());
        assertEquals("bearer", bearer.path("scheme").asText());
        assertEquals("JWT", bearer.path("bearerFormat").asText());
        assertTrue(doc.path("security").isMissingNode() || doc.path("security").isEmpty(), "no global requirement: reads are anonymous");
        List<String> failures = new ArrayList<>();
        eachOperation((label, op) -> {
            JsonNode security = op.path("security");
            boolean bearerRequired = security.isArray() && security.size() == 1 && names(security.get(0)).equals(List.of("bearerAuth"));
            if (WRITES.contains(method(label)) && !bearerRequired) {
                failures.add(label + ": a write must require bearerAuth, has " + security);
            }
            if (!WRITES.contains(method(label)) && !security.isMissingNode() && !security.isEmpty() && !TOKEN_READS.contains(label)) {
                failures.add(label + ": a read must not require a token, has " + security);
            }
            if (bearerRequired && (!op.path("responses").has("401") || !op.path("responses").has("403"))) {
                failures.add(label + ": needs a token but documents no 401/403");
            }
        });
        none(failures);
    }

    @Test
    void everySuccessBodyHasASchemaAndEveryErrorIsAProblem() {
        List<String> failures = new ArrayList<>();
        eachOperation((label, op) -> op.path("responses").fields().forEachRemaining(r -> {
            String code = r.getKey();
            JsonNode content = resolve(r.getValue()).path("content");
            if (code.startsWith("2") && !code.equals("204")) {
                if (content.isEmpty()) {
                    failures.add(label + " " + code + ": no body described");
                }
                content.fields().forEachRemaining(mt -> {
                    JsonNode schema = mt.getValue().path("schema");
                    if (schema.isMissingNode() || schema.isEmpty()) {
                        failures.add(label + " " + code + " " + mt.getKey() + ": empty schema");
                    } else {
                        JsonNode s = resolve(schema);
                        if (s.isEmpty() || !(s.has("type") || s.has("properties") || s.has("allOf") || s.has("oneOf") || s.has("$ref"))) {
                            failures.add(label + " " + code + " " + mt.getKey() + ": schema says nothing: " + s);
                        }
                    }
                });
            } else if (code.equals("204") || code.equals("304")) {
                if (!content.isMissingNode() && !content.isEmpty()) {
                    failures.add(label + " " + code + ": has a body");
                }
            } else if (code.matches("[45]\\d\\d")) {
                JsonNode problem = content.path(Problem.MEDIA_TYPE).path("schema").path("$ref");
                if (!"#/components/schemas/Problem".equals(problem.asText()) || content.size() != 1) {
                    failures.add(label + " " + code + ": not an application/problem+json Problem: " + content);
                }
            } else {
                failures.add(label + ": unexpected response code " + code);
            }
        }));
        none(failures);
        eachOperation((label, op) -> {
            if (!op.path("responses").has("400") || !op.path("responses").has("503")) {
                failures.add(label + ": every operation can answer 400 (unknown parameter) and 503 (database down)");
            }
            if (label.contains("{") && !op.path("responses").has("404")) {
                failures.add(label + ": names a record but documents no 404");
            }
            if (op.path("responses").has("503") && !resolve(op.path("responses").path("503")).path("headers").has("Retry-After")) {
                failures.add(label + ": 503 without Retry-After");
            }
        });
        none(failures);
    }

    /** The Problem schema has exactly the fields of the record the exception mappers serialise. */
    @Test
    void problemSchemaIsTheProblemRecord() {
        JsonNode problem = doc.path("components").path("schemas").path("Problem");
        assertEquals(components(Problem.class), new TreeSet<>(names(problem.path("properties"))));
        assertEquals(components(Problem.Violation.class),
                new TreeSet<>(names(resolve(problem.path("properties").path("errors").path("items")).path("properties"))));
    }

    @Test
    void createsAre201WithLocationAndDeletesAre204() {
        List<String> failures = new ArrayList<>();
        int[] creates = {0};
        eachOperation((label, op) -> {
            JsonNode responses = op.path("responses");
            List<String> success = names(responses).stream().filter(c -> c.startsWith("2")).toList();
            String id = op.path("operationId").asText();
            if (id.startsWith("create")) {
                creates[0]++;
                if (!success.equals(List.of("201"))) {
                    failures.add(label + " (" + id + "): a create documents " + success + ", the server sends 201");
                }
                // a created record that can be fetched is named by Location (a citation has no URL of its own)
                if (!id.equals("createCitation") && !resolve(responses.path("201")).path("headers").has("Location")) {
                    failures.add(label + ": 201 without a Location header");
                }
            }
            if (method(label).equals("delete") && !success.equals(List.of("204"))) {
                failures.add(label + ": a delete documents " + success + ", the server sends 204");
            }
        });
        none(failures);
        assertEquals(12, creates[0], "creates: labs, questions, questionnaires, topics, agreements, provisions, sources, citations, a question's answer, releases, claims, entities");
    }

    @Test
    void ifMatchIsDocumentedWhereTheServerChecksIt() {
        List<String> failures = new ArrayList<>();
        eachOperation((label, op) -> {
            JsonNode ifMatch = parameter(op, "header", "If-Match");
            String m = method(label);
            boolean required = ifMatch.path("required").asBoolean(false);
            // Writes.version: PUT and PATCH always need it; DELETE checks it when given, except an answer's (required)
            if ((m.equals("put") || m.equals("patch")) && !required) {
                failures.add(label + ": If-Match must be a required header");
            }
            if (label.equals("DELETE /api/answers/{id}") && !required) {
                failures.add(label + ": If-Match is required to delete an answer");
            }
            if (!ifMatch.isMissingNode() && !op.path("responses").has("412")) {
                failures.add(label + ": takes If-Match but documents no 412");
            }
            if (required && !op.path("responses").has("428")) {
                failures.add(label + ": requires If-Match but documents no 428");
            }
            if (!required && op.path("responses").has("428")) {
                failures.add(label + ": documents 428 but If-Match is optional");
            }
        });
        none(failures);
    }

    @Test
    void pagingParametersAreBoundedIntegersAndPagedBodiesAreTheEnvelope() {
        List<String> failures = new ArrayList<>();
        List<String> pagedGets = new ArrayList<>();
        List<String> keysetGets = new ArrayList<>();
        eachOperation((label, op) -> {
            JsonNode page = parameter(op, "query", "page").path("schema");
            JsonNode size = parameter(op, "query", "size").path("schema");
            if (page.isMissingNode() && size.isMissingNode()) {
                return;
            }
            if (label.endsWith(".csv")) {
                // a CSV download is paged by rows: up to CSV_MAX_SIZE, by default a whole table
                if (!"integer".equals(page.path("type").asText()) || size.path("maximum").asInt(-1) != Paging.CSV_MAX_SIZE
                        || size.path("default").asInt(-1) != Paging.CSV_MAX_SIZE) {
                    failures.add(label + ": CSV page/size must be integers, size 1.." + Paging.CSV_MAX_SIZE + " by default " + Paging.CSV_MAX_SIZE);
                }
                JsonNode headers = resolve(op.path("responses").path("200")).path("headers");
                if (!headers.has("X-Total-Count") || !headers.has("Link")) {
                    failures.add(label + ": a paged CSV documents X-Total-Count and Link");
                }
                return;
            }
            if (!"integer".equals(page.path("type").asText()) || page.path("minimum").asInt(-1) != 0) {
                failures.add(label + ": page must be an integer from 0, is " + page);
            }
            if (!"integer".equals(size.path("type").asText()) || size.path("minimum").asInt(-1) != 1
                    || size.path("maximum").asInt(-1) != Paging.MAX_SIZE || size.path("default").asInt(-1) != Paging.DEFAULT_SIZE) {
                failures.add(label + ": size must be an integer 1.." + Paging.MAX_SIZE + " (default " + Paging.DEFAULT_SIZE + "), is " + size);
            }
            JsonNode ok = resolve(op.path("responses").path("200"));
            JsonNode envelope = resolve(ok.path("content").path("application/json").path("schema"));
            JsonNode cursor = parameter(op, "query", "cursor").path("schema");
            if (!cursor.isMissingNode()) {
                // keyset lists: cursor an opaque bounded string, nextCursor in the envelope
                if (!"string".equals(cursor.path("type").asText()) || cursor.path("maxLength").asInt(-1) <= 0) {
                    failures.add(label + ": cursor must be a bounded string, is " + cursor);
                }
                keysetGets.add(label.substring(4));
            }
            if (!names(envelope.path("properties")).equals(cursor.isMissingNode() ? List.of("items", "page", "size", "totalItems", "totalPages")
                    : List.of("items", "nextCursor", "page", "size", "totalItems", "totalPages"))
                    || !"array".equals(envelope.path("properties").path("items").path("type").asText())
                    || resolve(envelope.path("properties").path("items").path("items")).path("properties").isEmpty()) {
                failures.add(label + ": a paged list's body must be the envelope of typed items, is " + envelope);
            }
            for (String header : List.of("X-Total-Count", "Link", "ETag")) {
                if (!ok.path("headers").has(header)) {
                    failures.add(label + ": 200 without " + header);
                }
            }
            if (!label.contains("{")) {
                pagedGets.add(label.substring(4));
            }
        });
        none(failures);
        assertEquals(List.of("/api/agreements", "/api/answers", "/api/changes", "/api/claims", "/api/entities", "/api/events", "/api/labs", "/api/people", "/api/questionnaires",
                "/api/questions", "/api/releases", "/api/reply/questions", "/api/reply/submissions", "/api/scorecards", "/api/sources", "/api/topics"), pagedGets.stream().sorted().toList(), "every JSON list is paged");
        assertEquals(List.of("/api/answers", "/api/answers/{id}/history", "/api/changes", "/api/claims", "/api/entities", "/api/events", "/api/people", "/api/questions",
                "/api/releases", "/api/reply/questions", "/api/reply/submissions"), keysetGets.stream().sorted().toList(), "every list read page by page from the database pages by keyset too");
        // and the server does send that envelope and those headers, on each public list without path parameters (the
        // reply lists need a lab's or a curator's token: ReplyFlowTest checks theirs)
        for (String path : pagedGets.stream().filter(p -> !TOKEN_READS.contains("GET " + p)).toList()) {
            io.restassured.response.Response r = given().queryParam("size", 1).when().get(path);
            r.then().statusCode(200);
            // nextCursor only where a next page exists (a list of at most one item, e.g. no change recorded yet, has none)
            boolean hasNext = r.jsonPath().getLong("totalItems") > 1;
            assertEquals(keysetGets.contains(path) && hasNext ? List.of("items", "nextCursor", "page", "size", "totalItems", "totalPages")
                            : List.of("items", "page", "size", "totalItems", "totalPages"),
                    r.jsonPath().getMap("$").keySet().stream().sorted().toList(), path);
            assertTrue(r.header("X-Total-Count") != null && r.header("ETag") != null && r.header("Link") != null, path);
            if (keysetGets.contains(path) && r.jsonPath().getLong("totalItems") > 2) {
                // and a cursor page: items, size, totalItems and nextCursor (answers and questions: the seed holds
                // hundreds; changes: when the tests that ran before this one wrote at least three)
                io.restassured.response.Response c = given().queryParam("size", 1).queryParam("cursor", r.jsonPath().getString("nextCursor")).when().get(path);
                c.then().statusCode(200);
                assertEquals(List.of("items", "nextCursor", "size", "totalItems"), c.jsonPath().getMap("$").keySet().stream().sorted().toList(), path);
            }
        }
    }

    /** Where the document promises 304 to If-None-Match, the server keeps it (on the lists without parameters). */
    @Test
    void conditionalGetsAnswer304() {
        List<String> checked = new ArrayList<>();
        eachOperation((label, op) -> {
            if (label.startsWith("GET /api/") && !label.contains("{") && op.path("responses").has("304") && !TOKEN_READS.contains(label)) {
                String path = label.substring(4);
                String tag = when().get(path).then().statusCode(200).extract().header("ETag");
                given().header("If-None-Match", tag).when().get(path).then().statusCode(304);
                checked.add(path);
            }
        });
        assertEquals(18, checked.size(), "checked: " + checked);
        // every CSV, answers.csv included (built in memory, no longer streamed), is tagged and promised 304
        assertTrue(checked.containsAll(List.of("/api/answers.csv", "/api/scorecards.csv")), "checked: " + checked);
    }

    @Test
    void theChangeStreamIsDescribed() {
        // a Vert.x route (stream/ChangeStream), which the annotation scan does not see: written by stream/ChangeStreamOpenApi
        JsonNode get = doc.path("paths").path("/api/changes/stream").path("get");
        assertEquals("streamChanges", get.path("operationId").asText());
        assertTrue(get.path("responses").path("200").path("content").has("text/event-stream"), get.toString());
        assertEquals("array", parameter(get, "query", "lab").path("schema").path("type").asText());
        assertEquals("#/components/schemas/Problem", get.path("responses").path("400").path("content").path("application/problem+json")
                .path("schema").path("$ref").asText());
        assertTrue(get.path("responses").path("503").path("headers").has("Retry-After"));
        assertFalse(get.path("responses").has("304"), "an event stream has no validator");
        // and what it documents is what the route does
        when().get("/api/changes/stream?type=la-b").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void enumParametersAreEnums() {
        for (String path : List.of("/api/questions", "/api/answers")) {
            JsonNode status = parameter(doc.path("paths").path(path).path("get"), "query", "status").path("schema");
            assertEquals("array", status.path("type").asText(), path);
            assertEquals(List.of("UNANSWERED", "PARTIAL", "ANSWERED"),
                    new ObjectMapper().convertValue(resolve(status.path("items")).path("enum"), List.class), path);
        }
        JsonNode kind = resolve(parameter(doc.path("paths").path("/api/agreements").path("get"), "query", "kind").path("schema"));
        assertTrue(kind.path("enum").size() > 1, "agreement kind is an enum: " + kind);
        JsonNode sort = parameter(doc.path("paths").path("/api/questions").path("get"), "query", "sort").path("schema");
        assertEquals(10, sort.path("enum").size(), "sort keys, ascending and descending: " + sort);
    }

    /** JSON Schema patterns are ECMA-262: no Java-only inline flags such as (?s) from Bean Validation patterns. */
    @Test
    void patternsAreEcmaRegularExpressions() {
        List<String> javaOnly = new ArrayList<>();
        doc.path("components").path("schemas").findValues("pattern").forEach(p -> {
            if (p.asText().matches("(?s).*\\(\\?[a-zA-Z-]+[:)].*")) { // (?s) (?i) (?s: ..., not (?: nor lookarounds
                javaOnly.add(p.asText());
            }
        });
        assertTrue(doc.path("components").path("schemas").findValues("pattern").size() > 3, "the input schemas carry their patterns");
        none(javaOnly);
    }

    @Test
    void serversAndInfo() {
        assertEquals("http://localhost:8080", doc.path("servers").path(0).path("url").asText(), "labledger.http.public-base-url");
        JsonNode info = doc.path("info");
        assertEquals("LabLedger API", info.path("title").asText());
        assertFalse(info.path("version").asText().isBlank());
        assertFalse(info.path("description").asText().isBlank());
        assertFalse(info.path("contact").path("name").asText().isBlank());
        // the API's licence: the code's (Apache-2.0, LICENSE and the pom), by SPDX identifier, with its text's URL
        assertEquals("Apache-2.0", info.path("license").path("name").asText(), "info.license.name: " + info);
        assertEquals("https://www.apache.org/licenses/LICENSE-2.0", info.path("license").path("url").asText());
        List<String> untagged = new ArrayList<>();
        eachOperation((label, op) -> {
            if (op.path("tags").isEmpty()) {
                untagged.add(label);
            }
        });
        none(untagged);
        for (JsonNode tag : doc.path("tags")) {
            assertFalse(tag.path("description").asText().isBlank(), "tag " + tag.path("name").asText() + " has a description");
        }
    }

    static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Set<String> components(Class<? extends Record> type) {
        return new TreeSet<>(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList());
    }
}
