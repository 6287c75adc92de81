package org.labledger.event;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.labledger.graphql.GraphQL;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events and sources over GraphQL, top-level (paged, typed filters) and from Lab, with citations, on the seed records. */
@QuarkusTest
class EventGraphQLTest {

    private static List<String> restEvents(String lab) {
        var req = given().queryParam("size", 200);
        if (lab != null) {
            req = req.queryParam("lab", lab);
        }
        return req.when().get("/api/events").then().statusCode(200).extract().jsonPath().getList("items.slug");
    }

    @Test
    void eventsArePagedAndFilteredLikeRest() {
        List<String> rest = restEvents(null);
        JsonPath all = GraphQL.data("{ events(size: 200) { totalItems totalPages items { slug } } }");
        assertEquals(rest, all.getList("events.items.slug"), "the same events in the same order as REST");
        assertEquals(rest.size(), all.getInt("events.totalItems"));

        JsonPath page = GraphQL.data("{ events(size: 2, page: 1) { page size totalItems totalPages items { slug } } }");
        assertEquals(rest.subList(2, 4), page.getList("events.items.slug"));
        assertEquals((rest.size() + 1) / 2, page.getInt("events.totalPages"));

        assertEquals(restEvents("anthropic"), GraphQL.data("{ events(filter: {lab: \"anthropic\"}, size: 200) { items { slug } } }").getList("events.items.slug"));

        JsonPath launches = GraphQL.data("""
                { events(filter: {kinds: [PRODUCT_LAUNCH], from: "2022-11-15", to: "2023"}) { items { slug kind occurredOn
                    labs { slug } citations { source quote } claims { key } } } }""");
        // ChatGPT (2022-11: overlaps from mid-November at its own precision), GPT-4 (2023-03) and Azure OpenAI GA (2023-01);
        // not the private preview (2021-11) nor the undated launches
        assertEquals(List.of("chatgpt-release", "azure-openai-service-general-availability", "gpt-4-release"), launches.getList("events.items.slug"));
        assertEquals(List.of("openai"), launches.getList("events.items[0].labs.slug"));
        assertEquals("lw-openai-microsoft", launches.getString("events.items[0].citations[0].source"));
        assertEquals(0, GraphQL.data("{ events(filter: {from: \"2030\"}) { totalItems } }").getInt("events.totalItems"));
        // REST takes the same typed filters
        assertEquals(launches.getList("events.items.slug"), given().queryParam("kind", "PRODUCT_LAUNCH").queryParam("from", "2022-11-15").queryParam("to", "2023")
                .when().get("/api/events").then().statusCode(200).extract().jsonPath().getList("items.slug"));
        given().queryParam("kind", "LAUNCH").when().get("/api/events").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("from", "Nov 2022").when().get("/api/events").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("lab", "nope").when().get("/api/events").then().statusCode(400).contentType("application/problem+json");

        JsonPath bad = GraphQL.post("{ events(filter: {from: \"Nov 2022\"}) { totalItems } }", null);
        assertEquals("BAD_REQUEST", bad.getString("errors[0].extensions.code"), bad.prettify());
        assertTrue(bad.getString("errors[0].message").contains("filter.from"), bad.prettify());
        JsonPath unknown = GraphQL.post("{ events(filter: {lab: \"nope\"}) { totalItems } }", null);
        assertTrue(unknown.getString("errors[0].message").contains("nope"), unknown.prettify());
    }

    @Test
    void anEventCarriesItsLabsCitationsAndSupportingClaims() {
        JsonPath g = GraphQL.data("""
                { event(slug: "suleyman-frustration-openai-details") { title labs { slug } citations { source quote }
                    claims { key certainty disputedBy { relation claim { key claimant { slug } } } } } }""");
        assertEquals(List.of("microsoft", "openai"), g.getList("event.labs.slug"));
        assertEquals("article-microsoft-openai-saga", g.getString("event.citations[0].source"));
        assertEquals("c003-suleiman-frustration", g.getString("event.claims[0].key"));
        assertEquals("c000-wsj-under-hood", g.getString("event.claims[0].disputedBy[0].claim.key"), "the counter-claim, reached from the event");
        assertEquals("CONTRADICTS", g.getString("event.claims[0].disputedBy[0].relation"));
        assertEquals("NOT_FOUND", GraphQL.post("{ event(slug: \"nope\") { slug } }", null).getString("errors[0].extensions.code"));
    }

    @Test
    void labsReachTheirEventsAndSources() {
        JsonPath g = GraphQL.data("{ lab(slug: \"anthropic\") { events { slug } sources { key title } } }");
        assertEquals(restEvents("anthropic"), g.getList("lab.events.slug"));
        List<String> sources = g.getList("lab.sources.key");
        assertTrue(sources.contains("lw-ailabwatch-questions-to-labs"), "its answers cite the AI Lab Watch post: " + sources);
        assertEquals(sources.stream().sorted().distinct().toList(), sources, "by key, each once");

        JsonPath page = GraphQL.data("{ sourcePage(filter: {kinds: [ARTICLE]}, size: 200) { totalItems items { key kind } } }");
        List<String> kinds = page.getList("sourcePage.items.kind");
        assertTrue(!kinds.isEmpty() && kinds.stream().allMatch("ARTICLE"::equals), kinds.toString());
        assertEquals(page.getInt("sourcePage.totalItems"), kinds.size());
    }
}
