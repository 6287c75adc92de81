package org.labledger.curation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labledger.graphql.GraphQL;
import org.labledger.security.Tokens;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The curation write API for labs, questionnaires, topics, questions, agreements/provisions, sources and
 * citations, over HTTP with real tokens. HTTP only (also run against the jar by CurationWriteIT): what a
 * test creates is named t5-… and removed through the API afterwards.
 */
@QuarkusTest
class CurationWriteTest {

    private static RequestSpecification as(String token) {
        RequestSpecification r = given().contentType(ContentType.JSON);
        return token == null ? r : r.auth().oauth2(token);
    }

    /** A record's ETag at a version: "v<version>-<hash of the body>" (weak when the response is compressed: HttpCaching). */
    private static org.hamcrest.Matcher<String> versionTag(int version) {
        return org.hamcrest.Matchers.matchesPattern("(W/)?\"v" + version + "-[A-Za-z0-9_-]{43}\"");
    }

    private static String etag(String path) {
        return given().when().get(path).then().statusCode(200).extract().header("ETag");
    }

    @AfterEach
    void cleanUp() {
        String admin = Tokens.admin();
        for (String q : List.of("t5-q-child", "t5-q", "t5-q2")) {
            var r = given().get("/api/questions/" + q);
            if (r.statusCode() == 200) {
                for (Object id : r.jsonPath().getList("answers.id")) {
                    as(admin).header("If-Match", "*").delete("/api/answers/" + id);
                }
            }
        }
        for (Object id : given().get("/api/changes?entity=CITATION&size=200").jsonPath().getList("items.findAll { it.action == 'CREATE' && it.after.subject.startsWith('t5-') }.entityId")) {
            as(admin).delete("/api/citations/" + id);
        }
        for (String path : List.of("/api/questions/t5-q-child", "/api/questions/t5-q", "/api/questions/t5-q2",
                "/api/agreements/t5-deal/provisions/t5-term", "/api/agreements/t5-deal/provisions/t5-term2",
                "/api/agreements/t5-deal-2", "/api/agreements/t5-deal", "/api/questionnaires/t5-qn",
                "/api/topics/t5-sub", "/api/topics/t5-topic", "/api/sources/t5-src", "/api/labs/t5-child", "/api/labs/t5-lab")) {
            as(admin).delete(path);
        }
        // sources created on the fly from a sourceUrl given as evidence
        List<Object> keys = new java.util.ArrayList<>();
        for (int page = 0; ; page++) {
            io.restassured.path.json.JsonPath sources = given().queryParam("page", page).queryParam("size", 200).get("/api/sources").jsonPath();
            keys.addAll(sources.getList("items.findAll { it.url != null && it.url.startsWith('https://t5.example') }.key"));
            if (page + 1 >= sources.getInt("totalPages")) {
                break;
            }
        }
        for (Object key : keys) {
            as(admin).delete("/api/sources/" + key);
        }
    }

    private static Map<String, Object> lab(String slug) {
        return Map.of("slug", slug, "name", "T5 Lab", "kind", "OTHER", "website", "https://t5.example", "aliases", List.of("T5 Labs"));
    }

    // --- labs: admin ---

    @Test
    void labsNeedAdmin() {
        as(null).body(lab("t5-lab")).post("/api/labs").then().statusCode(401).body("status", equalTo(401));
        as(Tokens.reader()).body(lab("t5-lab")).post("/api/labs").then().statusCode(403);
        as(Tokens.curator()).body(lab("t5-lab")).post("/api/labs").then().statusCode(403);
        given().get("/api/labs/t5-lab").then().statusCode(404);
        as(Tokens.admin()).body(lab("t5-lab")).post("/api/labs").then().statusCode(201)
                .header("Location", containsString("/api/labs/t5-lab")).header("ETag", versionTag(0))
                .body("slug", equalTo("t5-lab")).body("aliases", hasItem("T5 Labs"));
        as(Tokens.admin()).body(lab("t5-lab")).post("/api/labs").then().statusCode(409);

        Map<String, Object> change = Map.of("name", "T5 Renamed", "kind", "BIG_TECH", "reason", "renamed");
        as(null).header("If-Match", "\"v0\"").body(change).put("/api/labs/t5-lab").then().statusCode(401);
        as(Tokens.curator()).header("If-Match", "\"v0\"").body(change).put("/api/labs/t5-lab").then().statusCode(403);
        as(Tokens.admin()).body(change).put("/api/labs/t5-lab").then().statusCode(428);
        as(Tokens.admin()).header("If-Match", "\"v7\"").body(change).put("/api/labs/t5-lab").then().statusCode(412);
        String tag = etag("/api/labs/t5-lab");
        as(Tokens.admin()).header("If-Match", tag).body(change).put("/api/labs/t5-lab").then().statusCode(200)
                .header("ETag", versionTag(1)).body("name", equalTo("T5 Renamed")).body("kind", equalTo("BIG_TECH"));
        // the old ETag is stale now
        as(Tokens.admin()).header("If-Match", tag).body(change).put("/api/labs/t5-lab").then().statusCode(412);
        as(Tokens.admin()).contentType("application/merge-patch+json").header("If-Match", "\"v1\"")
                .body(Map.of("website", "https://t5.example/new")).patch("/api/labs/t5-lab").then().statusCode(200)
                .body("website", equalTo("https://t5.example/new")).body("name", equalTo("T5 Renamed"));
        as(Tokens.admin()).contentType("application/merge-patch+json").body(Map.of("name", "x")).patch("/api/labs/t5-lab").then().statusCode(428);

        as(Tokens.admin()).body(Map.of("slug", "t5-child", "name", "Child", "kind", "OTHER", "parent", "t5-lab")).post("/api/labs").then().statusCode(201);
        // a cycle in parents
        as(Tokens.admin()).header("If-Match", etag("/api/labs/t5-lab")).body(Map.of("name", "T5", "kind", "OTHER", "parent", "t5-child"))
                .put("/api/labs/t5-lab").then().statusCode(422).body("errors[0].field", equalTo("parent"));
        // referred to by its child
        as(null).delete("/api/labs/t5-lab").then().statusCode(401);
        as(Tokens.curator()).delete("/api/labs/t5-lab").then().statusCode(403);
        as(Tokens.admin()).delete("/api/labs/t5-lab").then().statusCode(409).body("detail", containsString("child labs"));
        as(Tokens.admin()).delete("/api/labs/anthropic").then().statusCode(409).body("detail", containsString("answers"));
        as(Tokens.admin()).delete("/api/labs/t5-child?reason=test").then().statusCode(204);
        as(Tokens.admin()).delete("/api/labs/t5-lab").then().statusCode(204);
        given().get("/api/labs/t5-lab").then().statusCode(404);

        given().get("/api/changes?entity=LAB&size=200").then().statusCode(200)
                .body("items.findAll { it.key == 't5-lab' }.action", hasItems("CREATE", "UPDATE", "DELETE"))
                .body("items.findAll { it.key == 't5-lab' && it.action == 'UPDATE' }.reason", hasItem("renamed"))
                .body("items.findAll { it.key == 't5-lab' && it.action == 'CREATE' }.actor", hasItem("test-admin"))
                .body("items.findAll { it.key == 't5-child' && it.action == 'DELETE' }.reason", hasItem("test"));
    }

    @Test
    void labValidationWritesNothing() {
        as(Tokens.admin()).body(Map.of("slug", "T5 Bad", "name", "", "website", "ftp://x", "aliases", List.of(" ")))
                .post("/api/labs").then().statusCode(400)
                .body("errors.field", hasItems("slug", "name", "kind", "website", "aliases[0].<list element>"));
        given().get("/api/labs/T5 Bad").then().statusCode(404);
        as(Tokens.admin()).body(Map.of("name", "No slug", "kind", "OTHER")).post("/api/labs").then().statusCode(400)
                .body("errors[0].field", equalTo("slug"));
        as(Tokens.admin()).body(Map.of("slug", "t5-lab", "name", "X", "kind", "NOT_A_KIND")).post("/api/labs").then().statusCode(400);
        as(Tokens.admin()).body(Map.of("slug", "t5-lab", "name", "X", "kind", "OTHER", "parent", "t5-nowhere")).post("/api/labs")
                .then().statusCode(422).body("errors[0].field", equalTo("parent"));
        as(Tokens.admin()).body(Map.of("slug", "t5-lab", "name", "X", "kind", "OTHER", "aliases", List.of("OA"))).post("/api/labs")
                .then().statusCode(422).body("errors[0].field", equalTo("aliases[0]"));
        given().get("/api/labs/t5-lab").then().statusCode(404);
    }

    // --- questionnaires: admin ---

    @Test
    void questionnairesNeedAdmin() {
        Map<String, Object> qn = Map.of("slug", "t5-qn", "title", "T5 questionnaire", "publishedOn", "2025-02");
        as(null).body(qn).post("/api/questionnaires").then().statusCode(401);
        as(Tokens.curator()).body(qn).post("/api/questionnaires").then().statusCode(403);
        as(Tokens.admin()).body(Map.of("slug", "t5-qn", "title", "T", "publishedOn", "2025-13")).post("/api/questionnaires")
                .then().statusCode(400).body("errors[0].field", equalTo("publishedOn"));
        as(Tokens.admin()).body(Map.of("slug", "t5-qn", "title", "T", "source", "t5-none")).post("/api/questionnaires")
                .then().statusCode(422).body("errors[0].field", equalTo("source"));
        given().get("/api/questionnaires/t5-qn").then().statusCode(404);
        as(Tokens.admin()).body(qn).post("/api/questionnaires").then().statusCode(201).header("ETag", versionTag(0)).body("questionCount", equalTo(0));
        as(Tokens.curator()).header("If-Match", "\"v0\"").body(qn).put("/api/questionnaires/t5-qn").then().statusCode(403);
        as(Tokens.admin()).body(qn).put("/api/questionnaires/t5-qn").then().statusCode(428);
        as(Tokens.admin()).header("If-Match", "\"v3\"").body(qn).put("/api/questionnaires/t5-qn").then().statusCode(412);
        as(Tokens.admin()).header("If-Match", etag("/api/questionnaires/t5-qn")).body(Map.of("title", "T5 renamed"))
                .put("/api/questionnaires/t5-qn").then().statusCode(200).header("ETag", versionTag(1)).body("title", equalTo("T5 renamed"));
        as(Tokens.curator()).delete("/api/questionnaires/t5-qn").then().statusCode(403);
        as(Tokens.admin()).delete("/api/questionnaires/ailabwatch-questions-to-labs").then().statusCode(409).body("detail", containsString("questions"));
        as(Tokens.admin()).delete("/api/questionnaires/t5-qn").then().statusCode(204);
        given().get("/api/changes?entity=QUESTIONNAIRE&size=200").then()
                .body("items.findAll { it.key == 't5-qn' }.action", hasItems("CREATE", "UPDATE", "DELETE"));
    }

    // --- topics: curator, delete admin ---

    @Test
    void topics() {
        Map<String, Object> topic = Map.of("slug", "t5-topic", "name", "T5 topic");
        as(null).body(topic).post("/api/topics").then().statusCode(401);
        as(Tokens.reader()).body(topic).post("/api/topics").then().statusCode(403);
        as(Tokens.curator()).body(topic).post("/api/topics").then().statusCode(201).header("ETag", versionTag(0)).body("path", hasItem("T5 topic"));
        as(Tokens.curator()).body(Map.of("slug", "t5-sub", "name", "Sub", "parent", "t5-topic")).post("/api/topics").then().statusCode(201)
                .body("path", equalTo(List.of("T5 topic", "Sub")));
        as(Tokens.curator()).header("If-Match", etag("/api/topics/t5-topic")).body(Map.of("name", "T5", "parent", "t5-sub"))
                .put("/api/topics/t5-topic").then().statusCode(422).body("errors[0].field", equalTo("parent"));
        as(Tokens.curator()).body(Map.of("name", "T5")).put("/api/topics/t5-topic").then().statusCode(428);
        as(Tokens.curator()).header("If-Match", "\"v9\"").body(Map.of("name", "T5")).put("/api/topics/t5-topic").then().statusCode(412);
        as(Tokens.curator()).header("If-Match", "\"v0\"").body(Map.of("name", "T5 topic, renamed", "description", "d"))
                .put("/api/topics/t5-topic").then().statusCode(200).header("ETag", versionTag(1)).body("description", equalTo("d"));
        as(Tokens.curator()).header("If-Match", "\"v1\"").body(Map.of("name", "x".repeat(201)))
                .put("/api/topics/t5-topic").then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().get("/api/topics/t5-topic").then().body("name", equalTo("T5 topic, renamed"));
        as(Tokens.curator()).delete("/api/topics/t5-sub").then().statusCode(403);
        as(Tokens.admin()).delete("/api/topics/t5-topic").then().statusCode(409).body("detail", containsString("subtopics"));
        as(Tokens.admin()).delete("/api/topics/governance").then().statusCode(409);
        as(Tokens.admin()).delete("/api/topics/t5-sub").then().statusCode(204);
        as(Tokens.admin()).delete("/api/topics/t5-topic").then().statusCode(204);
        given().get("/api/changes?entity=TOPIC&size=200").then()
                .body("items.findAll { it.key == 't5-topic' }.action", hasItems("CREATE", "UPDATE", "DELETE"));
    }

    // --- questions: curator, delete admin ---

    @Test
    void questions() {
        as(Tokens.admin()).body(Map.of("slug", "t5-qn", "title", "T5 questionnaire")).post("/api/questionnaires").then().statusCode(201);
        Map<String, Object> q = new java.util.HashMap<>(Map.of("key", "t5-q", "questionnaire", "t5-qn", "topic", "governance",
                "text", "Will you publish your safety framework?", "addressedTo", List.of("anthropic", "openai")));
        as(null).body(q).post("/api/questions").then().statusCode(401);
        as(Tokens.reader()).body(q).post("/api/questions").then().statusCode(403);
        // the new UNANSWERED answers need evidence
        as(Tokens.curator()).body(q).post("/api/questions").then().statusCode(422).body("errors[0].field", equalTo("sourceUrl"));
        q.put("addressedTo", List.of("anthropic", "t5-nowhere"));
        q.put("sourceUrl", "https://t5.example/letter");
        as(Tokens.curator()).body(q).post("/api/questions").then().statusCode(422).body("errors[0].field", equalTo("addressedTo[1]"));
        as(Tokens.curator()).body(Map.of("key", "t5-q", "questionnaire", "t5-nowhere", "topic", "governance", "text", "x"))
                .post("/api/questions").then().statusCode(422).body("errors[0].field", equalTo("questionnaire"));
        as(Tokens.curator()).body(Map.of("key", "t5-q", "questionnaire", "t5-qn", "topic", "governance", "text", " ", "ordinal", 0))
                .post("/api/questions").then().statusCode(400).body("errors.field", hasItems("text", "ordinal"));
        given().get("/api/questions/t5-q").then().statusCode(404);

        q.put("addressedTo", List.of("anthropic", "openai"));
        q.put("quote", "We asked both labs.");
        as(Tokens.curator()).body(q).post("/api/questions").then().statusCode(201).header("ETag", versionTag(0))
                .body("answers", hasSize(2)).body("answers.status", equalTo(List.of("UNANSWERED", "UNANSWERED")))
                .body("answers[0].citations[0].url", equalTo("https://t5.example/letter"));
        as(Tokens.curator()).body(q).post("/api/questions").then().statusCode(409);
        as(Tokens.curator()).body(Map.of("key", "t5-q-child", "questionnaire", "t5-qn", "topic", "governance", "parent", "t5-q", "text", "Sub", "ordinal", 1))
                .post("/api/questions").then().statusCode(422).body("errors[0].field", equalTo("ordinal"));
        as(Tokens.curator()).body(Map.of("key", "t5-q-child", "questionnaire", "t5-qn", "topic", "governance", "parent", "t5-q", "text", "Sub"))
                .post("/api/questions").then().statusCode(201).body("parent", equalTo("t5-q"));

        Map<String, Object> upd = Map.of("questionnaire", "t5-qn", "topic", "security", "text", "Will you publish it?", "reason", "typo");
        as(Tokens.curator()).body(upd).put("/api/questions/t5-q").then().statusCode(428);
        as(Tokens.curator()).header("If-Match", "\"v5\"").body(upd).put("/api/questions/t5-q").then().statusCode(412);
        as(Tokens.reader()).header("If-Match", "\"v0\"").body(upd).put("/api/questions/t5-q").then().statusCode(403);
        as(Tokens.curator()).header("If-Match", etag("/api/questions/t5-q")).body(upd).put("/api/questions/t5-q").then().statusCode(200)
                .header("ETag", versionTag(1)).body("topic.slug", equalTo("security")).body("text", equalTo("Will you publish it?"));
        as(Tokens.curator()).contentType("application/merge-patch+json").header("If-Match", "\"v1\"").body(Map.of("notes", "n"))
                .patch("/api/questions/t5-q").then().statusCode(200).body("notes", equalTo("n")).body("topic.slug", equalTo("security"));
        as(Tokens.curator()).contentType("application/merge-patch+json").header("If-Match", "\"v2\"").body(Map.of("parent", "t5-q-child"))
                .patch("/api/questions/t5-q").then().statusCode(422).body("errors[0].field", equalTo("parent"));

        as(Tokens.curator()).delete("/api/questions/t5-q-child").then().statusCode(403);
        as(Tokens.admin()).delete("/api/questions/t5-q").then().statusCode(409).body("detail", containsString("answers"));
        as(Tokens.admin()).delete("/api/questions/t5-q-child").then().statusCode(204);
        given().get("/api/changes?entity=QUESTION&size=200").then()
                .body("items.findAll { it.key == 't5-q' }.action", hasItems("CREATE", "UPDATE"))
                .body("items.findAll { it.key == 't5-q-child' }.action", hasItems("CREATE", "DELETE"));
        given().get("/api/changes?entity=ANSWER&size=200").then().body("items.key", hasItems("t5-q/anthropic", "t5-q/openai"));
    }

    // --- agreements and provisions: curator, delete admin ---

    @Test
    void agreementsAndProvisions() {
        Map<String, Object> deal = Map.of("slug", "t5-deal", "title", "T5 deal", "kind", "COMMERCIAL", "announcedOn", "2025",
                "parties", List.of(Map.of("lab", "openai", "role", "vendor"), Map.of("lab", "microsoft", "role", "customer")));
        as(null).body(deal).post("/api/agreements").then().statusCode(401);
        as(Tokens.reader()).body(deal).post("/api/agreements").then().statusCode(403);
        as(Tokens.curator()).body(Map.of("slug", "t5-deal", "title", "T", "kind", "COMMERCIAL", "parties", List.of(Map.of("lab", "", "role", "x"))))
                .post("/api/agreements").then().statusCode(400).body("errors[0].field", containsString("parties[0].lab"));
        as(Tokens.curator()).body(Map.of("slug", "t5-deal", "title", "T", "kind", "COMMERCIAL", "parties", List.of(Map.of("lab", "t5-nowhere", "role", "x"))))
                .post("/api/agreements").then().statusCode(422).body("errors[0].field", equalTo("parties[0].lab"));
        given().get("/api/agreements/t5-deal").then().statusCode(404);
        as(Tokens.curator()).body(deal).post("/api/agreements").then().statusCode(201).header("ETag", versionTag(0))
                .body("parties.lab", hasItems("openai", "microsoft"));

        Map<String, Object> term = Map.of("key", "t5-term", "category", "REVENUE_SHARE", "summary", "20% of revenue", "value", 20, "unit", "PERCENT",
                "beneficiary", "microsoft");
        as(null).body(term).post("/api/agreements/t5-deal/provisions").then().statusCode(401);
        as(Tokens.reader()).body(term).post("/api/agreements/t5-deal/provisions").then().statusCode(403);
        as(Tokens.curator()).body(Map.of("key", "t5-term", "category", "EQUITY", "summary", "s", "value", 5))
                .post("/api/agreements/t5-deal/provisions").then().statusCode(422).body("errors[0].field", equalTo("unit"));
        as(Tokens.curator()).body(Map.of("key", "t5-term", "category", "EQUITY", "summary", "s", "value", 5, "unit", "EUR"))
                .post("/api/agreements/t5-deal/provisions").then().statusCode(400).body("errors[0].field", equalTo("unit"));
        as(Tokens.curator()).body(Map.of("key", "t5-term", "category", "EQUITY", "summary", "s", "value", 150, "unit", "PERCENT"))
                .post("/api/agreements/t5-deal/provisions").then().statusCode(422).body("errors[0].field", equalTo("value"));
        given().get("/api/agreements/t5-deal/provisions/t5-term").then().statusCode(404);
        as(Tokens.curator()).body(term).post("/api/agreements/t5-deal/provisions").then().statusCode(201).header("ETag", versionTag(0))
                .body("beneficiary", equalTo("microsoft")).body("unit", equalTo("PERCENT"));

        Map<String, Object> term2 = Map.of("category", "REVENUE_SHARE", "summary", "25% of revenue", "value", 25, "unit", "PERCENT");
        as(Tokens.curator()).body(term2).put("/api/agreements/t5-deal/provisions/t5-term").then().statusCode(428);
        as(Tokens.curator()).header("If-Match", "\"v4\"").body(term2).put("/api/agreements/t5-deal/provisions/t5-term").then().statusCode(412);
        as(Tokens.curator()).header("If-Match", "\"v0\"").body(term2).put("/api/agreements/t5-deal/provisions/t5-term").then().statusCode(200)
                .header("ETag", versionTag(1)).body("summary", equalTo("25% of revenue"));

        Map<String, Object> upd = Map.of("title", "T5 deal, amended", "kind", "COMMERCIAL",
                "parties", List.of(Map.of("lab", "openai", "role", "vendor")));
        as(Tokens.curator()).body(upd).put("/api/agreements/t5-deal").then().statusCode(428);
        as(Tokens.curator()).header("If-Match", "\"v9\"").body(upd).put("/api/agreements/t5-deal").then().statusCode(412);
        as(Tokens.curator()).header("If-Match", etag("/api/agreements/t5-deal")).body(upd).put("/api/agreements/t5-deal").then().statusCode(200)
                .body("parties", hasSize(1)).body("title", equalTo("T5 deal, amended"));

        as(Tokens.curator()).body(Map.of("slug", "t5-deal-2", "title", "T5 v2", "kind", "COMMERCIAL", "supersedes", "t5-deal",
                "parties", List.of(Map.of("lab", "openai", "role", "vendor")))).post("/api/agreements").then().statusCode(201)
                .body("supersedes", equalTo("t5-deal"));
        as(Tokens.admin()).delete("/api/agreements/t5-deal").then().statusCode(409)
                .body("detail", containsString("provisions")).body("detail", containsString("later versions"));
        as(Tokens.curator()).delete("/api/agreements/t5-deal/provisions/t5-term").then().statusCode(403);
        as(Tokens.admin()).delete("/api/agreements/t5-deal/provisions/t5-term").then().statusCode(204);
        as(Tokens.admin()).delete("/api/agreements/t5-deal-2").then().statusCode(204);
        as(Tokens.admin()).delete("/api/agreements/t5-deal").then().statusCode(204);
        given().get("/api/changes?entity=PROVISION&size=200").then()
                .body("items.findAll { it.key == 't5-term' }.action", hasItems("CREATE", "UPDATE", "DELETE"));
        given().get("/api/changes?entity=AGREEMENT&size=200").then()
                .body("items.findAll { it.key == 't5-deal' }.action", hasItems("CREATE", "UPDATE", "DELETE"));
    }

    // --- sources and citations: curator, delete admin ---

    @Test
    void sourcesAndCitations() {
        Map<String, Object> src = Map.of("key", "t5-src", "title", "T5 source", "kind", "ARTICLE", "url", "https://t5.example/a", "publishedOn", "2025-03-01");
        as(null).body(src).post("/api/sources").then().statusCode(401);
        as(Tokens.reader()).body(src).post("/api/sources").then().statusCode(403);
        as(Tokens.curator()).body(Map.of("key", "t5-src", "title", "T", "kind", "ARTICLE", "url", "not a url", "publishedOn", "March"))
                .post("/api/sources").then().statusCode(400).body("errors.field", hasItems("url", "publishedOn"));
        given().get("/api/sources/t5-src").then().statusCode(404);
        as(Tokens.curator()).body(src).post("/api/sources").then().statusCode(201).header("ETag", versionTag(0)).body("citationCount", equalTo(0));
        Map<String, Object> upd = Map.of("title", "T5 source (updated)", "kind", "BLOG_POST");
        as(Tokens.curator()).body(upd).put("/api/sources/t5-src").then().statusCode(428);
        as(Tokens.curator()).header("If-Match", "\"v2\"").body(upd).put("/api/sources/t5-src").then().statusCode(412);
        as(Tokens.curator()).header("If-Match", "\"v0\"").body(upd).put("/api/sources/t5-src").then().statusCode(200)
                .header("ETag", versionTag(1)).body("kind", equalTo("BLOG_POST"));

        Map<String, Object> cite = Map.of("subjectType", "LAB", "subject", "t5-lab", "source", "t5-src", "quote", "T5 exists");
        as(Tokens.admin()).body(lab("t5-lab")).post("/api/labs").then().statusCode(201);
        as(null).body(cite).post("/api/citations").then().statusCode(401);
        as(Tokens.reader()).body(cite).post("/api/citations").then().statusCode(403);
        as(Tokens.curator()).body(Map.of("subjectType", "LAB", "subject", "t5-nowhere", "source", "t5-src", "quote", "q"))
                .post("/api/citations").then().statusCode(422).body("errors[0].field", equalTo("subject"));
        as(Tokens.curator()).body(Map.of("subjectType", "LAB", "subject", "t5-lab", "source", "t5-src"))
                .post("/api/citations").then().statusCode(422).body("errors[0].field", equalTo("quote"));
        as(Tokens.curator()).body(Map.of("subjectType", "NOPE", "subject", "t5-lab", "source", "t5-src", "quote", "q"))
                .post("/api/citations").then().statusCode(400);
        int id = as(Tokens.curator()).body(cite).post("/api/citations").then().statusCode(201)
                .body("ordinal", equalTo(1)).body("source", equalTo("t5-src")).extract().path("id");
        given().get("/api/labs/t5-lab").then().body("citations.source", hasItem("t5-src"));
        as(Tokens.admin()).delete("/api/sources/t5-src").then().statusCode(409).body("detail", containsString("1 citations"));
        as(Tokens.curator()).delete("/api/citations/" + id).then().statusCode(403);
        as(Tokens.admin()).delete("/api/citations/" + id).then().statusCode(204);
        as(Tokens.admin()).delete("/api/citations/" + id).then().statusCode(404);
        as(Tokens.curator()).delete("/api/sources/t5-src").then().statusCode(403);
        as(Tokens.admin()).delete("/api/sources/t5-src").then().statusCode(204);
        given().get("/api/changes?entity=CITATION&size=200").then()
                .body("items.findAll { it.entityId == " + id + " }.action", hasItems("CREATE", "DELETE"));
        given().get("/api/changes?entity=SOURCE&size=200").then()
                .body("items.findAll { it.key == 't5-src' }.action", hasItems("CREATE", "UPDATE", "DELETE"));
    }

    // --- GraphQL ---

    @Test
    void graphqlMutations() {
        String create = "mutation($i: LabInput!) { createLab(input: $i) { slug name version } }";
        Map<String, Object> vars = Map.of("i", Map.of("slug", "t5-lab", "name", "T5", "kind", "OTHER"));
        var anonymous = GraphQL.post(create, vars);
        org.junit.jupiter.api.Assertions.assertEquals("UNAUTHORIZED", anonymous.getString("errors[0].extensions.code"));
        var curator = given().contentType(ContentType.JSON).auth().oauth2(Tokens.curator())
                .body(Map.of("query", create, "variables", vars)).post("/graphql").then().statusCode(200).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals("FORBIDDEN", curator.getString("errors[0].extensions.code"));
        gql(Tokens.admin(), create, vars).body("data.createLab.version", equalTo(0));
        String update = "mutation($v: Int!) { updateLab(slug: \"t5-lab\", version: $v, input: {name: \"T5 b\", kind: OTHER}) { name version } }";
        gql(Tokens.admin(), update, Map.of("v", 0)).body("data.updateLab.version", equalTo(1));
        gql(Tokens.admin(), update, Map.of("v", 0)).body("errors[0].extensions.code", equalTo("CONFLICT"));
        gql(Tokens.admin(), "mutation { createLab(input: {slug: \"Bad Slug\", name: \"x\", kind: OTHER}) { slug } }", null)
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
        gql(Tokens.curator(), "mutation { createTopic(input: {slug: \"t5-topic\", name: \"T5\"}) { slug version } }", null)
                .body("data.createTopic.version", equalTo(0));
        gql(Tokens.curator(), "mutation { updateTopic(slug: \"t5-topic\", version: 3, input: {name: \"T5\"}) { slug } }", null)
                .body("errors[0].extensions.code", equalTo("CONFLICT"));
        gql(Tokens.curator(), "mutation { createQuestion(input: {key: \"t5-q2\", questionnaire: \"ailabwatch-questions-to-labs\", topic: \"t5-topic\", text: \"Q?\", addressedTo: [\"anthropic\"]}) { key } }", null)
                .body("errors[0].extensions.code", equalTo("UNPROCESSABLE"));
        gql(Tokens.curator(), "mutation { createQuestion(input: {key: \"t5-q2\", questionnaire: \"ailabwatch-questions-to-labs\", topic: \"t5-topic\", text: \"Q?\", addressedTo: [\"anthropic\"], reason: \"asked by letter\"}) { key version } }", null)
                .body("data.createQuestion.version", equalTo(0));
        gql(Tokens.admin(), "mutation { deleteTopic(slug: \"t5-topic\") }", null).body("errors[0].extensions.code", equalTo("CONFLICT"));
        gql(Tokens.curator(), "mutation { createSource(input: {key: \"t5-src\", title: \"T5\", kind: OTHER}) { key version } }", null)
                .body("data.createSource.key", equalTo("t5-src"));
        gql(Tokens.curator(), "mutation { addCitation(input: {subjectType: LAB, subject: \"t5-lab\", source: \"t5-src\", locator: \"p. 1\"}) { id ordinal } }", null)
                .body("data.addCitation.ordinal", equalTo(1));
        gql(Tokens.curator(), "mutation { createAgreement(input: {slug: \"t5-deal\", title: \"T5\", kind: OTHER, parties: [{lab: \"t5-lab\", role: \"party\"}]}) { slug version } }", null)
                .body("data.createAgreement.version", equalTo(0));
        gql(Tokens.curator(), "mutation { addProvision(agreement: \"t5-deal\", input: {key: \"t5-term\", category: OTHER, summary: \"s\"}) { key version } }", null)
                .body("data.addProvision.version", equalTo(0));
        gql(Tokens.curator(), "mutation { updateProvision(agreement: \"t5-deal\", key: \"t5-term\", version: 0, input: {category: OTHER, summary: \"s2\"}) { summary version } }", null)
                .body("data.updateProvision.version", equalTo(1));
        gql(Tokens.admin(), "mutation { deleteLab(slug: \"t5-lab\") }", null).body("errors[0].extensions.code", equalTo("CONFLICT"));
        GraphQL.data("{ lab(slug: \"t5-lab\") { version } }").getInt("lab.version");
    }

    private static ValidatableResponse gql(String token, String query, Map<String, Object> vars) {
        return given().contentType(ContentType.JSON).auth().oauth2(token)
                .body(vars == null ? Map.of("query", query) : Map.of("query", query, "variables", vars)).post("/graphql").then().statusCode(200);
    }
}
