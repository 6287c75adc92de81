package org.labledger.question;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class QuestionResourceTest {

    private static JsonPath list(Object... params) {
        var req = given();
        for (int i = 0; i < params.length; i += 2) {
            req = req.queryParam((String) params[i], params[i + 1]);
        }
        return req.when().get("/api/questions").then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    @Test
    void defaultListIsFirstPageInQuestionnaireOrder() {
        JsonPath p = list();
        assertEquals(0, p.getInt("page"));
        assertEquals(50, p.getInt("size"));
        int total = p.getInt("totalItems");
        assertTrue(total > 50, "more than one page of questions in the seeds");
        assertEquals((total + 49) / 50, p.getInt("totalPages"));
        assertEquals(50, p.getList("items").size());
        List<String> questionnaires = p.getList("items.questionnaire.slug");
        List<Integer> ordinals = p.getList("items.ordinal");
        for (int i = 1; i < ordinals.size(); i++) {
            int c = questionnaires.get(i - 1).compareTo(questionnaires.get(i));
            assertTrue(c < 0 || c == 0 && ordinals.get(i - 1) < ordinals.get(i), "ordered by questionnaire, ordinal at " + i);
        }
    }

    @Test
    void pagingWalksEveryQuestionExactlyOnce() {
        int total = list("size", 1).getInt("totalItems");
        Set<String> seen = new HashSet<>();
        int pages = (total + 19) / 20;
        for (int page = 0; page < pages; page++) {
            List<String> keys = list("size", 20, "page", page).getList("items.key");
            assertEquals(page < pages - 1 ? 20 : total - 20 * (pages - 1), keys.size(), "page " + page);
            keys.forEach(k -> assertTrue(seen.add(k), "duplicate " + k));
        }
        assertEquals(total, seen.size());
        // past the end: an empty page that still reports the total
        JsonPath beyond = list("size", 20, "page", pages + 5);
        assertEquals(0, beyond.getList("items").size());
        assertEquals(total, beyond.getInt("totalItems"));
        assertEquals(0, list("size", 200, "page", Integer.MAX_VALUE).getList("items").size());
    }

    @Test
    void linkHeaderAndTotalCountHeader() {
        int total = list("size", 1).getInt("totalItems");
        Response r = given().queryParam("size", 10).queryParam("page", 1).when().get("/api/questions");
        r.then().statusCode(200).header("X-Total-Count", String.valueOf(total));
        String link = String.join(",", r.headers().getValues("Link"));
        assertTrue(link.contains("page=0&size=10>; rel=\"first\""), link);
        assertTrue(link.contains("page=0&size=10>; rel=\"prev\""), link);
        assertTrue(link.contains("page=2&size=10>; rel=\"next\""), link);
        assertTrue(link.contains("page=" + ((total - 1) / 10) + "&size=10>; rel=\"last\""), link);
        String first = String.join(",", given().queryParam("size", 10).when().get("/api/questions").headers().getValues("Link"));
        assertFalse(first.contains("rel=\"prev\""), first);
    }

    @Test
    void filterByLabReturnsOnlyQuestionsPutToThatLab() {
        JsonPath p = list("lab", "meta", "size", 200);
        assertTrue(p.getInt("totalItems") > 0);
        for (List<String> labs : p.<List<String>>getList("items.answers.lab")) {
            assertTrue(labs.contains("meta"), "every question lists a meta answer: " + labs);
        }
        assertEquals(p.getInt("totalItems"), p.getList("items").size());
    }

    @Test
    void filterByStatusAndLabCombined() {
        JsonPath answered = list("lab", "anthropic", "status", "ANSWERED,PARTIAL");
        assertTrue(answered.getInt("totalItems") > 0, "the seeds hold Anthropic's clarifications");
        for (var item : answered.<java.util.Map<String, Object>>getList("items")) {
            @SuppressWarnings("unchecked")
            var answers = (List<java.util.Map<String, Object>>) item.get("answers");
            assertTrue(answers.stream().anyMatch(a -> a.get("lab").equals("anthropic") && !a.get("status").equals("UNANSWERED")), item.toString());
        }
        // repeated parameters mean the same as a comma-separated list
        JsonPath repeated = given().queryParam("lab", "anthropic").queryParam("status", "ANSWERED").queryParam("status", "partial")
                .when().get("/api/questions").then().statusCode(200).extract().jsonPath();
        assertEquals(answered.getList("items.key"), repeated.getList("items.key"));
        // nobody answered Microsoft: the questions never reached it
        assertEquals(0, list("lab", "microsoft", "status", "ANSWERED").getInt("totalItems"));
        int microsoftTotal = list("lab", "microsoft").getInt("totalItems");
        assertEquals(microsoftTotal, list("lab", "microsoft", "status", "UNANSWERED").getInt("totalItems"));
    }

    @Test
    void filterByTopicIncludesSubtopics() {
        JsonPath topics = when().get("/api/topics?size=200").then().statusCode(200).extract().jsonPath();
        String root = topics.getString("items.find { it.parent == null && it.slug == 'governance' }.slug");
        assertEquals("governance", root);
        JsonPath p = list("topic", "governance", "size", 200);
        assertTrue(p.getInt("totalItems") > 0);
        assertThat(p.getList("items.topic.path"), path -> path.get(0).equals("Governance"));
        Set<String> childSlugs = new HashSet<>(topics.getList("items.findAll { it.parent == 'governance' }.slug"));
        int sumOfChildren = 0;
        for (String child : childSlugs) {
            sumOfChildren += list("topic", child, "size", 1).getInt("totalItems");
        }
        int direct = 0;
        for (String slug : p.<String>getList("items.topic.slug")) {
            if (slug.equals("governance")) {
                direct++;
            }
        }
        assertEquals(p.getInt("totalItems"), sumOfChildren + direct, "topic filter covers the subtree");
    }

    @SuppressWarnings("unchecked")
    private static void assertThat(List<Object> paths, java.util.function.Predicate<List<String>> check) {
        for (Object o : paths) {
            assertTrue(check.test((List<String>) o), String.valueOf(o));
        }
    }

    @Test
    void filterByQuestionnaire() {
        JsonPath qns = when().get("/api/questionnaires?size=200").then().statusCode(200).extract().jsonPath();
        int sum = 0;
        for (var q : qns.<java.util.Map<String, Object>>getList("items")) {
            JsonPath p = list("questionnaire", q.get("slug"), "size", 200);
            assertEquals(((Number) q.get("questionCount")).intValue(), p.getInt("totalItems"));
            assertTrue(p.<String>getList("items.questionnaire.slug").stream().allMatch(s -> s.equals(q.get("slug"))));
            sum += p.getInt("totalItems");
        }
        assertEquals(list("size", 1).getInt("totalItems"), sum);
    }

    @Test
    void fullTextSearchUsesStemmingAndRanksByRelevance() {
        // "whistleblowers" stems to the same lexeme as "whistleblower" in the OpenAI governance question
        JsonPath p = list("q", "whistleblowers");
        assertTrue(p.getInt("totalItems") >= 1);
        assertTrue(p.getString("items[0].text").toLowerCase().contains("whistleblower"));
        // web-search syntax: a phrase and an exclusion
        JsonPath weights = list("q", "\"model weights\"", "size", 200);
        assertTrue(weights.getInt("totalItems") >= 1);
        int without = list("q", "\"model weights\" -china", "size", 200).getInt("totalItems");
        assertTrue(without < weights.getInt("totalItems"), "excluding a word narrows the result");
        assertEquals(0, list("q", "zzzyqx").getInt("totalItems"));
        // combined with another filter
        JsonPath combined = list("q", "evals", "lab", "openai", "size", 200);
        assertTrue(combined.<List<String>>getList("items.answers.lab").stream().allMatch(l -> l.contains("openai")));
    }

    @Test
    void sortingByKeyBothWays() {
        List<String> asc = list("sort", "key", "size", 200).getList("items.key");
        List<String> sorted = new ArrayList<>(asc);
        sorted.sort(Comparator.naturalOrder());
        assertEquals(sorted, asc);
        List<String> desc = list("sort", "-key", "size", 200).getList("items.key");
        sorted.sort(Comparator.reverseOrder());
        assertEquals(sorted, desc);
        List<String> byTopic = list("sort", "topic", "size", 200).getList("items.topic.slug");
        List<String> topicSorted = new ArrayList<>(byTopic);
        topicSorted.sort(Comparator.naturalOrder());
        assertEquals(topicSorted, byTopic);
    }

    @Test
    void badParametersAreProblem400ListingEveryMistake() {
        given().queryParam("page", -1).when().get("/api/questions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("page"));
        given().queryParam("size", 0).when().get("/api/questions").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        given().queryParam("size", 201).when().get("/api/questions").then().statusCode(400)
                .body("detail", containsString("200"));
        given().queryParam("page", "abc").when().get("/api/questions").then().statusCode(400)
                .body("detail", containsString("abc"));
        given().queryParam("status", "MAYBE").when().get("/api/questions").then().statusCode(400)
                .body("detail", containsString("MAYBE"))
                .body("detail", containsString("ANSWERED"));
        given().queryParam("size", 0).queryParam("page", -3).queryParam("status", "NOPE").when().get("/api/questions")
                .then().statusCode(400).body("errors", hasSize(3)).body("errors.field", hasItem("status"));
        given().queryParam("lab", "no-such-lab").when().get("/api/questions").then().statusCode(400)
                .body("errors[0].field", equalTo("lab"));
        given().queryParam("topic", "no-such-topic").when().get("/api/questions").then().statusCode(400)
                .body("errors[0].field", equalTo("topic"));
        given().queryParam("questionnaire", "nope").when().get("/api/questions").then().statusCode(400)
                .body("errors[0].field", equalTo("questionnaire"));
        given().queryParam("sort", "colour").when().get("/api/questions").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        given().queryParam("sort", "relevance").when().get("/api/questions").then().statusCode(400)
                .body("detail", containsString("q"));
    }

    @Test
    void injectionShapedInputIsJustText() {
        for (String evil : List.of("'; drop table question; --", "a & | ! ( ) :*", "\\\\", "%", "\u0000x")) {
            int status = given().queryParam("q", evil).when().get("/api/questions").then().extract().statusCode();
            assertTrue(status == 200 || status == 400, evil + " -> " + status);
        }
        given().queryParam("lab", "' or 1=1 --").when().get("/api/questions").then().statusCode(400);
        assertTrue(list("size", 1).getInt("totalItems") > 0, "the table is still there");
    }

    @Test
    void questionDetailHasAnswersPerLabWithSources() {
        String key = "alw-multi-staff-safety-concerns-process";
        JsonPath q = when().get("/api/questions/" + key).then().statusCode(200).extract().jsonPath();
        assertEquals(key, q.getString("key"));
        assertEquals(List.of("anthropic", "google-deepmind", "meta", "microsoft", "openai"), q.getList("answers.lab"));
        assertEquals("PARTIAL", q.getString("answers.find { it.lab == 'anthropic' }.status"));
        assertEquals("Zac Hatfield-Dodds", q.getString("answers.find { it.lab == 'anthropic' }.respondent"));
        assertFalse(q.getList("answers.find { it.lab == 'anthropic' }.citations").isEmpty());
        assertEquals(false, q.getBoolean("answers.find { it.lab == 'microsoft' }.delivered"));
        // an "[At least three different labs]" row: put to at least 3 of its 5 candidates, not said which (V9)
        assertEquals(3, q.getInt("minAddressees"));
        org.junit.jupiter.api.Assertions.assertNull(q.get("answers.find { it.lab == 'openai' }.delivered"));
        assertFalse(q.getList("citations").isEmpty(), "the question cites where it was asked");
        assertEquals("lw-ailabwatch-questions-to-labs", q.getString("citations[0].source"));
    }

    @Test
    void questionDetailLinksParentAndChildren() {
        JsonPath child = when().get("/api/questions/alw-openai-eval-two-models").then().statusCode(200).extract().jsonPath();
        String parent = child.getString("parent");
        when().get("/api/questions/" + parent).then().statusCode(200)
                .body("children", hasItem("alw-openai-eval-two-models"))
                .body("parent", notNullValue());
        when().get("/api/questions/alw-anthropic-ltbt-fifth-board-member").then().statusCode(200)
                .body("answers", hasSize(1))
                .body("answers[0].status", equalTo("UNANSWERED"))
                .body("answers[0].version", notNullValue())
                .body("topic.path", not(empty()))
                .body("children", everyItem(notNullValue()));
    }

    @Test
    void unknownQuestionIsProblem404() {
        when().get("/api/questions/no-such-question").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no-such-question"));
    }
}
