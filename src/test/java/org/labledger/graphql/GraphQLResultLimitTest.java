package org.labledger.graphql;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The last line behind the cost analysis: a response that would hold more values than the cap is refused whole. */
@QuarkusTest
@TestProfile(GraphQLResultLimitTest.SmallResults.class)
class GraphQLResultLimitTest {

    public static class SmallResults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("labledger.graphql.max-result-values", "60");
        }
    }

    @Test
    void responsesOverTheCapAreOneError() {
        JsonPath r = GraphQL.refused("{ questions(size: 50) { items { key text } } }", null); // 1 + 1 + 50 x 2 values
        assertEquals("RESULT_TOO_LARGE", r.getString("errors[0].extensions.code"), r.prettify());
        assertTrue(r.getString("errors[0].message").contains("60"));
        assertNull(r.get("data"));
        assertEquals(1, r.getList("errors").size());
        // under the cap: answered; the count is per request
        for (int i = 0; i < 3; i++) {
            assertEquals(10, GraphQL.data("{ questions(size: 10) { items { key text } } }").getList("questions.items").size());
        }
    }
}
