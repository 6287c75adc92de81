package org.labledger.lab;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class LabResourceTest {

    @Test
    void listsLabsWithCountsSortedBySlug() {
        JsonPath body = when().get("/api/labs?size=200").then().statusCode(200).contentType("application/json")
                .body("items.slug", hasItems("anthropic", "openai", "google-deepmind", "microsoft", "meta"))
                .extract().jsonPath();
        List<String> slugs = body.getList("items.slug");
        assertEquals(slugs.stream().sorted().toList(), slugs, "labs are sorted by slug");
        assertEquals("google", body.getString("items.find { it.slug == 'google-deepmind' }.parent"));
        // every count agrees with the question list filtered by that lab
        for (Map<String, Object> lab : body.<Map<String, Object>>getList("items")) {
            int total = given().queryParam("lab", lab.get("slug")).queryParam("size", 1)
                    .when().get("/api/questions").then().statusCode(200).extract().path("totalItems");
            assertEquals(((Number) lab.get("questionCount")).intValue(), total, "questionCount of " + lab.get("slug"));
        }
    }

    /** Every JSON list is the same paging envelope, with the headers of the paged question list. */
    @Test
    void labsFilterByKind() {
        JsonPath all = given().queryParam("size", 200).when().get("/api/labs").then().statusCode(200).extract().jsonPath();
        JsonPath frontier = given().queryParam("kind", "FRONTIER_LAB").queryParam("size", 200).when().get("/api/labs")
                .then().statusCode(200).extract().jsonPath();
        List<String> kinds = frontier.getList("items.kind");
        assertTrue(!kinds.isEmpty() && kinds.stream().allMatch("FRONTIER_LAB"::equals), "kinds: " + kinds);
        assertTrue(frontier.getList("items.slug").contains("anthropic"));
        assertEquals(kinds.size(), frontier.getInt("totalItems"));
        long expected = all.getList("items.kind").stream().filter("FRONTIER_LAB"::equals).count();
        assertEquals(expected, kinds.size());
        assertTrue(kinds.size() < all.getInt("totalItems"), "the filter leaves labs of other kinds out");
    }

    @Test
    void everyListIsThePagingEnvelope() {
        for (String path : List.of("/api/labs", "/api/topics", "/api/questionnaires", "/api/sources", "/api/agreements",
                "/api/events", "/api/scorecards", "/api/questions", "/api/answers")) {
            JsonPath all = given().queryParam("size", 200).when().get(path).then().statusCode(200).extract().jsonPath();
            int total = all.getInt("totalItems");
            assertTrue(total >= 2, path + " has at least two items in the seed data");
            assertEquals(Math.min(total, 200), all.getList("items").size(), path);
            // the second item on its own page of one
            io.restassured.response.Response second = given().queryParam("page", 1).queryParam("size", 1).when().get(path);
            second.then().statusCode(200)
                    .body("page", equalTo(1)).body("size", equalTo(1)).body("totalItems", equalTo(total)).body("totalPages", equalTo(total))
                    .body("items.size()", equalTo(1))
                    .header("X-Total-Count", String.valueOf(total));
            String links = String.join(", ", second.headers().getValues("Link"));
            for (String rel : List.of("first", "prev", "last")) {
                assertTrue(links.contains("rel=\"" + rel + "\""), path + ": " + links);
            }
            assertEquals(total > 2, links.contains(path + "?page=2&size=1>; rel=\"next\""), path + ": " + links);
            assertEquals(all.getMap("items[1]"), second.jsonPath().getMap("items[0]"), path);
            // past the end: an empty page, not an error
            given().queryParam("page", total).queryParam("size", 1).when().get(path).then().statusCode(200).body("items.size()", equalTo(0));
            given().queryParam("size", 201).queryParam("page", -1).when().get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItems("page", "size"));
        }
    }

    @Test
    void labDetailHasParentChildrenAliasesAndCounts() {
        when().get("/api/labs/google-deepmind").then().statusCode(200)
                .body("name", equalTo("DeepMind")) // the documents write "DeepMind", never "Google DeepMind"
                .body("parent.slug", equalTo("google"));
        when().get("/api/labs/microsoft").then().statusCode(200)
                .body("aliases", hasItem("MS"))
                .body("aliasInferences.alias", hasItem("MS"));
        when().get("/api/labs/google").then().statusCode(200)
                .body("parent", nullValue())
                .body("children.slug", hasItem("google-deepmind"));
        when().get("/api/labs/openai").then().statusCode(200)
                .body("agreementCount", is(greaterThanZero()));
    }

    private static int greaterThanZero() {
        // the seed data links OpenAI to at least one Microsoft agreement: look it up instead of hard-coding
        return when().get("/api/agreements?lab=openai").then().extract().jsonPath().getInt("totalItems");
    }

    @Test
    void unknownLabIsProblem404() {
        when().get("/api/labs/no-such-lab").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("detail", containsString("no-such-lab"))
                .body("instance", equalTo("/api/labs/no-such-lab"));
        when().get("/api/labs/no-such-lab/scorecard").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void scorecardCountsAddUpAndMatchTheQuestionList() {
        for (String lab : List.of("anthropic", "openai", "microsoft", "meta", "google-deepmind")) {
            JsonPath card = when().get("/api/labs/" + lab + "/scorecard").then().statusCode(200).extract().jsonPath();
            int total = card.getInt("counts.total");
            int sum = card.getInt("counts.unanswered") + card.getInt("counts.partial") + card.getInt("counts.answered");
            assertEquals(total, sum, lab + ": total = sum of statuses");
            // the counts are over the answers whose delivery is known (delivered true or false); the rest is unknownDelivery
            int known = 0;
            for (String status : List.of("UNANSWERED", "PARTIAL", "ANSWERED")) {
                int listed = 0;
                for (String delivered : List.of("true", "false")) {
                    listed += given().queryParam("lab", lab).queryParam("status", status).queryParam("delivered", delivered).queryParam("size", 1)
                            .when().get("/api/answers").then().statusCode(200).extract().<Integer>path("totalItems");
                }
                assertEquals(card.getInt("counts." + status.toLowerCase()), listed, lab + " " + status);
                known += listed;
            }
            int questions = given().queryParam("lab", lab).queryParam("size", 1)
                    .when().get("/api/questions").then().statusCode(200).extract().path("totalItems");
            assertEquals(questions - known, card.getInt("counts.unknownDelivery"), lab + ": unknownDelivery = the lab's questions whose delivery is not known");
            List<Integer> perTopic = card.getList("topics.counts.total", Integer.class);
            assertEquals(total, perTopic.stream().mapToInt(Integer::intValue).sum(), lab + ": topics add up");
            List<Integer> perRoot = card.getList("rootTopics.counts.total", Integer.class);
            assertEquals(total, perRoot.stream().mapToInt(Integer::intValue).sum(), lab + ": root topics add up");
            if (total > 0) {
                double expected = Math.round((card.getInt("counts.partial") + card.getInt("counts.answered")) * 10000.0 / total) / 10000.0;
                assertEquals(expected, card.getDouble("counts.responseRate"), 1e-9, lab + ": response rate");
            }
        }
    }

    @Test
    void scorecardFiltersByTopicSubtreeAndQuestionnaire() {
        JsonPath all = when().get("/api/labs/anthropic/scorecard").then().statusCode(200).extract().jsonPath();
        String root = all.getString("rootTopics[0].topic");
        int rootTotal = all.getInt("rootTopics[0].counts.total");
        given().queryParam("topic", root).when().get("/api/labs/anthropic/scorecard").then().statusCode(200)
                .body("counts.total", equalTo(rootTotal))
                .body("rootTopics.size()", equalTo(1));
        String questionnaire = when().get("/api/questionnaires").then().extract().path("items[0].slug");
        int inQuestionnaire = given().queryParam("lab", "anthropic").queryParam("questionnaire", questionnaire).queryParam("size", 1)
                .when().get("/api/questions").then().extract().path("totalItems");
        JsonPath scoped = given().queryParam("questionnaire", questionnaire).when().get("/api/labs/anthropic/scorecard").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(inQuestionnaire, scoped.getInt("counts.total") + scoped.getInt("counts.unknownDelivery"));
        assertTrue(rootTotal > 0);
    }

    @Test
    void scorecardRejectsUnknownFilters() {
        given().queryParam("topic", "no-such-topic").when().get("/api/labs/anthropic/scorecard").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("no-such-topic"));
        given().queryParam("questionnaire", "nope").when().get("/api/labs/anthropic/scorecard").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("questionnaire"));
    }
}
