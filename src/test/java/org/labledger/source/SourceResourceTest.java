package org.labledger.source;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SourceResourceTest {

    @Test
    void theFiveDocumentsAreSourcesAndEachIsCited() {
        JsonPath all = when().get("/api/sources?size=200").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> documents = all.getList("items.findAll { it.document != null }");
        assertEquals(5, documents.size(), "one source per shared/sources document");
        for (Map<String, Object> d : documents) {
            assertTrue(((Number) d.get("citationCount")).intValue() > 0, d.get("key") + " is cited");
            assertTrue(((String) d.get("document")).matches("00[0-4]_[0-9a-f]{16}\\.txt"), String.valueOf(d.get("document")));
        }
        // sources known only through a document name the document that cites them
        for (Map<String, Object> s : all.<Map<String, Object>>getList("items.findAll { it.document == null }")) {
            assertTrue(s.get("citedIn") != null, s.get("key") + " says where it is cited");
        }
    }

    @Test
    void oneSourceAndUnknownSource() {
        when().get("/api/sources/article-microsoft-openai-saga").then().statusCode(200)
                .body("publishedOn", equalTo("2025-03-10"));
        when().get("/api/sources/nope").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("nope"));
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/questions"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/labs/{slug}/scorecard"));
        when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
