package org.labledger.claim;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.labledger.graphql.GraphQL;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Claims and entities over REST and GraphQL, read from the real seed records (seeds/labledger.json). */
@QuarkusTest
class ClaimResourceTest {

    @Test
    void disputedClaimsIncludePeterLeesStatementWithItsCounterClaim() {
        JsonPath body = given().queryParam("disputed", "true").queryParam("size", 200).when().get("/api/claims")
                .then().statusCode(200).contentType("application/json")
                .header("X-Total-Count", notNullValue()).header("ETag", notNullValue())
                .body("items.key", hasItem("c002-peter-lee-aoai-privacy"))
                .body("items.disputed", everyItem(equalTo(true)))
                .extract().jsonPath();
        assertEquals(body.getList("items").size(), body.getInt("totalItems"));
        Map<String, Object> lee = body.getMap("items.find { it.key == 'c002-peter-lee-aoai-privacy' }");
        assertEquals("peter-lee", ((Map<?, ?>) lee.get("claimant")).get("slug"));
        List<Map<String, Object>> by = body.getList("items.find { it.key == 'c002-peter-lee-aoai-privacy' }.disputedBy");
        assertEquals(1, by.size());
        assertEquals("c002-no-sense", by.get(0).get("claim"));
        assertEquals("DISPUTES", by.get(0).get("relation"));
        assertEquals("aim", by.get(0).get("claimant"));

        // and disputed=false is the complement
        List<String> undisputed = given().queryParam("disputed", "false").queryParam("size", 200).when().get("/api/claims")
                .then().statusCode(200).extract().jsonPath().getList("items.key");
        assertTrue(undisputed.contains("c002-no-sense"));
        assertFalse(undisputed.contains("c002-peter-lee-aoai-privacy"));
        int all = when().get("/api/claims").then().statusCode(200).extract().path("totalItems");
        assertEquals(all, undisputed.size() + body.getInt("totalItems"));
    }

    @Test
    void claimDetailHasClaimantSubjectCitationsAndBothDirections() {
        when().get("/api/claims/c002-musk-control").then().statusCode(200)
                .body("claimant.name", equalTo("Elon Musk"))
                .body("claimant.kind", equalTo("PERSON"))
                .body("stance", equalTo("ASSERTS"))
                .body("certainty", equalTo("REPORTED"))
                .body("about.type", equalTo("LAB")).body("about.key", equalTo("openai"))
                .body("disputed", equalTo(true))
                .body("disputedBy.claim", hasItems("c002-nadella-not-correct", "c000-no-control"))
                .body("disputedBy.find { it.claim == 'c002-nadella-not-correct' }.relation", equalTo("DENIES"))
                .body("citations[0].source", equalTo("article-microsoft-playing-with-openai"))
                .body("citations[0].quote", containsString("very strong say"));
        when().get("/api/claims/c002-nadella-not-correct").then().statusCode(200)
                .body("disputes.claim", hasItem("c002-musk-control"))
                .body("about.type", equalTo("EVENT")).body("about.key", equalTo("nadella-denies-microsoft-controls-openai"));
        // the WSJ via the post: quotedVia names the source the document quotes
        when().get("/api/claims/c000-wsj-under-hood").then().statusCode(200)
                .body("quotedVia", equalTo("wsj-microsoft-openai-access"))
                .body("disputes.claim", hasItem("c003-suleiman-frustration"))
                .body("disputedBy.claim", hasItem("c003-suleiman-frustration"));
        when().get("/api/claims/no-such-claim").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void filtersByClaimantCertaintyStanceAndSubject() {
        given().queryParam("claimant", "elon-musk").when().get("/api/claims").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].key", equalTo("c002-musk-control"));
        JsonPath speculation = given().queryParam("certainty", "SPECULATION").queryParam("size", 200).when().get("/api/claims")
                .then().statusCode(200).body("items.key", hasItem("c000-profits-repay"))
                .body("items.certainty", everyItem(equalTo("SPECULATION"))).extract().jsonPath();
        // the hedge is kept: the capped-profit impression cites "But I'm not sure."
        assertTrue(speculation.getList("items.find { it.key == 'c000-profits-repay' }.citations.quote").contains("But I'm not sure."));
        given().queryParam("stance", "denies,disputes").queryParam("size", 200).when().get("/api/claims").then().statusCode(200)
                .body("items.stance", everyItem(org.hamcrest.Matchers.oneOf("DENIES", "DISPUTES")))
                .body("items.key", hasItems("c002-nadella-not-correct", "c002-no-sense"));
        given().queryParam("about", "event:bing-chat-launch-early-gpt-4").queryParam("size", 200).when().get("/api/claims").then().statusCode(200)
                .body("items.about.key", everyItem(equalTo("bing-chat-launch-early-gpt-4")))
                .body("items.key", hasItems("c000-ms-own-finetune", "c000-not-deliberate", "c000-reversal-worry"));
        given().queryParam("about", "lab:anthropic").queryParam("disputed", "true").when().get("/api/claims").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].key", equalTo("c004-vox-ltbt-fifth-member"))
                .body("items[0].disputedBy[0].claim", equalTo("c004-vox-ltbt-questioned"));
        // an answer is named questionKey/labSlug
        given().queryParam("about", "answer:alw-anthropic-eval-during-deployment/anthropic").when().get("/api/claims").then().statusCode(200)
                .body("items.key", hasItems("c004-zac-drafting-error", "c004-zach-disappointed"))
                .body("items.find { it.key == 'c004-zach-disappointed' }.disputedBy[0].claim", equalTo("c004-zac-drafting-error"))
                .body("items.find { it.key == 'c004-zach-disappointed' }.inference", equalTo(true));
        // paging envelope and Link headers like the other lists
        List<String> links = given().queryParam("size", 2).queryParam("page", 1).when().get("/api/claims").then().statusCode(200)
                .body("page", equalTo(1)).body("size", equalTo(2)).body("items.size()", equalTo(2))
                .extract().headers().getValues("Link");
        assertTrue(String.join(",", links).contains("rel=\"next\""), links.toString());
    }

    @Test
    void badFilterValuesAreProblems400() {
        given().queryParam("certainty", "CERTAIN").when().get("/api/claims").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("certainty"));
        given().queryParam("stance", "shouts").when().get("/api/claims").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("stance"));
        given().queryParam("disputed", "maybe").when().get("/api/claims").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("disputed"));
        given().queryParam("about", "bing-chat-launch-early-gpt-4").when().get("/api/claims").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("type:key"));
        given().queryParam("about", "source:lw-openai-microsoft").when().get("/api/claims").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("about"));
        given().queryParam("about", "event:no-such-event").when().get("/api/claims").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("no-such-event"));
        given().queryParam("claimant", "nobody").when().get("/api/claims").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("nobody"));
        given().queryParam("kind", "ROBOT").when().get("/api/entities").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("kind"));
        given().queryParam("size", 0).when().get("/api/claims").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("colour", "red").when().get("/api/claims").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void entitiesPeopleAndAliases() {
        JsonPath people = given().queryParam("size", 200).when().get("/api/people").then().statusCode(200)
                .body("items.kind", everyItem(equalTo("PERSON")))
                .body("items.slug", hasItems("elon-musk", "satya-nadella", "peter-lee", "mustafa-suleyman"))
                .extract().jsonPath();
        assertEquals(people.getInt("totalItems"), (int) given().queryParam("kind", "person").queryParam("size", 200)
                .when().get("/api/entities").then().statusCode(200).extract().<Integer>path("totalItems"));
        when().get("/api/entities/mustafa-suleyman").then().statusCode(200)
                .body("name", equalTo("Mustafa Suleyman"))
                .body("aliases.find { it.name == 'Suleiman' }.inference", equalTo(true))
                .body("aliases.find { it.name == 'Suleiman' }.rationale", containsString("one letter"))
                .body("citations.quote", hasItem("Mustafa Suleyman [CEO of Microsoft AI]"));
        when().get("/api/entities/satya-nadella").then().statusCode(200)
                .body("aliases.find { it.name == 'Nadella' }.inference", equalTo(false))
                .body("claimCount", equalTo(1)).body("claims[0].key", equalTo("c002-nadella-not-correct"));
        when().get("/api/entities/microsoft").then().statusCode(200).body("lab", equalTo("microsoft"));
        given().queryParam("kind", "UNNAMED_COMMENTER").queryParam("size", 200).when().get("/api/entities").then().statusCode(200)
                .body("items.slug", hasItem("mic")).body("items.kind", everyItem(equalTo("UNNAMED_COMMENTER")))
                .body("items.slug", not(hasItem("elon-musk")));
        when().get("/api/entities/nobody").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void graphQLClaimsWithClaimantLinksAndEntities() {
        JsonPath data = GraphQL.data("""
                { claims(filter: {disputed: true, certainties: [OFFICIAL]}) { totalItems items { key disputed
                    claimant { slug name kind aliases { name inference } }
                    about { type key } citations { source quote }
                    disputedBy { relation claim { key stance claimant { slug } } } } } }""");
        List<String> keys = data.getList("claims.items.key");
        assertTrue(keys.contains("c002-peter-lee-aoai-privacy"), keys.toString());
        assertEquals(keys.size(), data.getInt("claims.totalItems"));
        assertEquals("c002-no-sense", data.getString("claims.items.find { it.key == 'c002-peter-lee-aoai-privacy' }.disputedBy[0].claim.key"));
        assertEquals("aim", data.getString("claims.items.find { it.key == 'c002-peter-lee-aoai-privacy' }.disputedBy[0].claim.claimant.slug"));
        assertEquals("AGREEMENT", data.getString("claims.items.find { it.key == 'c002-peter-lee-aoai-privacy' }.about.type"));

        JsonPath one = GraphQL.data("""
                { claim(key: "c002-nadella-not-correct") { stance disputes { relation claim { key } } }
                  entity(slug: "mustafa-suleyman") { kind aliases { name inference rationale } claims { key } }
                  entities(kind: PUBLICATION) { slug claims { key } }
                  lab(slug: "openai") { claims { key } } }""");
        assertEquals("DENIES", one.getString("claim.stance"));
        assertEquals("c002-musk-control", one.getString("claim.disputes[0].claim.key"));
        assertEquals("DENIES", one.getString("claim.disputes[0].relation"));
        assertTrue(one.getList("entity.aliases.name").contains("Suleiman"));
        assertTrue(one.getList("entities.slug").containsAll(List.of("wsj", "aim", "vox")));
        assertTrue(one.getList("lab.claims.key").contains("c002-musk-control"));

        JsonPath bad = GraphQL.post("{ claims(filter: {claimant: \"nobody\"}) { totalItems } }", null);
        assertEquals("BAD_REQUEST", bad.getString("errors[0].extensions.code"));
        JsonPath missing = GraphQL.post("{ claim(key: \"nope\") { key } }", null);
        assertEquals("NOT_FOUND", missing.getString("errors[0].extensions.code"));
    }
}
