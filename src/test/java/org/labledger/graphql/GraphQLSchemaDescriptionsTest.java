package org.labledger.graphql;

import graphql.introspection.IntrospectionQueryBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema as client tools read it: the standard introspection query (graphql-java's, with the options graphql-js'
 * getIntrospectionQuery and graphql-codegen send: descriptions, specifiedByURL, deprecated input values) passes, and
 * every type, field, argument, input field and enum value of LabLedger's own carries a description (the built-in
 * {@code __} types and the spec's scalars excepted); every scalar of LabLedger's own says what specifies it; no output
 * list holds nullable items. The count of nullable output fields is printed (the nullable ones are values that can be
 * absent: a lab's website, an answer's summary, a lookup by slug that fails with NOT_FOUND).
 */
@QuarkusTest
class GraphQLSchemaDescriptionsTest {

    private static final Set<String> BUILT_IN_SCALARS = Set.of("String", "Int", "Float", "Boolean", "ID");

    static final String INTROSPECTION = IntrospectionQueryBuilder.build(IntrospectionQueryBuilder.Options.defaultOptions()
            .descriptions(true).specifiedByUrl(true).inputValueDeprecation(true).isOneOf(false));

    @Test
    void everyTypeFieldArgumentAndEnumValueIsDescribed() {
        JsonPath r = given().contentType("application/json").body(Map.of("query", INTROSPECTION))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertNull(r.get("errors"), () -> "the standard introspection query failed: " + r.get("errors"));
        List<Map<String, Object>> types = r.getList("data.__schema.types");
        List<String> undescribed = new ArrayList<>();
        List<String> nullableItems = new ArrayList<>();
        List<String> unspecified = new ArrayList<>();
        int fields = 0;
        int nullable = 0;
        for (Map<String, Object> type : types) {
            String name = (String) type.get("name");
            if (name.startsWith("__") || BUILT_IN_SCALARS.contains(name)) {
                continue;
            }
            check(undescribed, name, type);
            if ("SCALAR".equals(type.get("kind")) && type.get("specifiedByURL") == null) {
                unspecified.add(name);
            }
            for (Map<String, Object> field : list(type, "fields")) {
                String at = name + "." + field.get("name");
                check(undescribed, at, field);
                for (Map<String, Object> arg : list(field, "args")) {
                    check(undescribed, at + "(" + arg.get("name") + ")", arg);
                }
                fields++;
                @SuppressWarnings("unchecked")
                Map<String, Object> t = (Map<String, Object>) field.get("type");
                if (!"NON_NULL".equals(t.get("kind"))) {
                    nullable++;
                }
                if (listOfNullable(t)) {
                    nullableItems.add(at);
                }
            }
            for (Map<String, Object> input : list(type, "inputFields")) {
                check(undescribed, name + "." + input.get("name"), input);
            }
            for (Map<String, Object> value : list(type, "enumValues")) {
                check(undescribed, name + "." + value.get("name"), value);
            }
        }
        System.out.printf("GraphQL schema: %d output fields, %d nullable%n", fields, nullable);
        assertEquals(List.of(), undescribed, "schema elements without a description (@Description)");
        assertEquals(List.of(), unspecified, "scalars without @specifiedBy (GraphQLScalars)");
        assertEquals(List.of(), nullableItems, "output lists with nullable items ([T] instead of [T!])");
        assertTrue(fields > 150 && nullable < fields / 2, fields + " fields, " + nullable + " nullable");
    }

    private static void check(List<String> undescribed, String at, Map<String, Object> element) {
        Object d = element.get("description");
        if (!(d instanceof String s) || s.isBlank()) {
            undescribed.add(at);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? List.of() : (List<Map<String, Object>>) v;
    }

    /** Whether the type is (or wraps) a list whose items may be null. */
    @SuppressWarnings("unchecked")
    private static boolean listOfNullable(Map<String, Object> t) {
        Map<String, Object> type = "NON_NULL".equals(t.get("kind")) ? (Map<String, Object>) t.get("ofType") : t;
        if (!"LIST".equals(type.get("kind"))) {
            return false;
        }
        Map<String, Object> item = (Map<String, Object>) type.get("ofType");
        return !"NON_NULL".equals(item.get("kind")) || listOfNullable(item);
    }
}
