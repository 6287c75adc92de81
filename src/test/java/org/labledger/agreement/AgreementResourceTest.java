package org.labledger.agreement;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AgreementResourceTest {

    @Test
    void listLinksVersionsBothWays() {
        JsonPath all = when().get("/api/agreements?size=200").then().statusCode(200).extract().jsonPath().setRootPath("items");
        List<String> slugs = all.getList("slug");
        for (String slug : slugs) {
            String sup = all.getString("find { it.slug == '" + slug + "' }.supersedes");
            if (sup != null) {
                assertEquals(slug, all.getString("find { it.slug == '" + sup + "' }.supersededBy"), slug + " <-> " + sup);
                assertEquals(false, all.getBoolean("find { it.slug == '" + sup + "' }.current"));
            }
        }
        assertTrue(all.getList("parties").stream().allMatch(p -> !((List<?>) p).isEmpty()), "every agreement has parties");
    }

    @Test
    void listIsATimelineOfVersionChains() {
        List<String> slugs = when().get("/api/agreements?size=200").then().statusCode(200).extract().jsonPath().getList("items.slug");
        // each version comes right after the one it supersedes, the dated 2019 chain first
        assertEquals(List.of("microsoft-openai-2019", "microsoft-openai-extended-partnership", "microsoft-openai-definitive-agreement"),
                slugs.subList(0, 3));
        int dsb = slugs.indexOf("microsoft-openai-deployment-safety-board");
        int azure = slugs.indexOf("azure-openai-service");
        assertTrue(dsb > 2 && dsb < azure, "2021 before 2021-11: " + slugs);
        assertEquals("microsoft-meta-llama-2", slugs.get(slugs.size() - 1), "undated last");
    }

    @Test
    void definitiveAgreementDetail() {
        JsonPath a = when().get("/api/agreements/microsoft-openai-definitive-agreement").then().statusCode(200).extract().jsonPath();
        assertEquals("DEFINITIVE_AGREEMENT", a.getString("kind"));
        assertTrue(a.getBoolean("current"));
        assertEquals(List.of("microsoft-openai-2019", "microsoft-openai-extended-partnership", "microsoft-openai-definitive-agreement"),
                a.getList("versions.slug"), "the whole chain, oldest first");
        assertEquals(List.of("microsoft", "openai"), a.getList("parties.lab").stream().sorted().toList());
        assertNull(a.getString("announcedOn"), "the documents do not date the definitive agreement");
        assertTrue(a.getList("provisions").size() > 5);
        assertTrue(a.getList("provisions.citations").stream().allMatch(c -> !((List<?>) c).isEmpty()), "every provision cites a source");
        assertTrue(a.getList("citations").size() > 0);
    }

    @Test
    void olderVersionPointsToItsSuccessor() {
        when().get("/api/agreements/microsoft-openai-2019").then().statusCode(200)
                .body("supersedes", equalTo(null))
                .body("supersededBy", equalTo("microsoft-openai-extended-partnership"))
                .body("current", equalTo(false))
                .body("announcedOn", equalTo("2019"))
                .body("versions.size()", equalTo(3));
    }

    @Test
    void filterByLabAndKind() {
        given().queryParam("lab", "meta").when().get("/api/agreements").then().statusCode(200)
                .body("items.slug", hasItem("microsoft-meta-llama-2"))
                .body("items.parties", everyItem(not(empty())));
        JsonPath meta = given().queryParam("lab", "meta").when().get("/api/agreements").then().extract().jsonPath();
        for (Object parties : meta.getList("items.parties.lab")) {
            assertTrue(((List<?>) parties).contains("meta"));
        }
        given().queryParam("kind", "joint_body").when().get("/api/agreements").then().statusCode(200)
                .body("items.kind", everyItem(equalTo("JOINT_BODY")))
                .body("items.slug", hasItem("microsoft-openai-deployment-safety-board"));
        given().queryParam("kind", "MERGER").when().get("/api/agreements").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("MERGER"));
        given().queryParam("lab", "nobody").when().get("/api/agreements").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void unknownAgreementIsProblem404() {
        when().get("/api/agreements/no-such-deal").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no-such-deal"));
    }
}
