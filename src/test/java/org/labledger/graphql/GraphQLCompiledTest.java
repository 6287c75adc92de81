package org.labledger.graphql;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled completion ({@link GraphQLCompiled}) answers byte for byte what graphql-java's generic execution
 * answers, over shapes that exercise it (aliases, __typename, named and inline fragments, variables in @include and
 * @skip, enums, nulls, lists, to-one relations, an error) and shapes it must leave to the generic path; and it
 * engages for workload 4 of bench/run.sh with no more SQL statements than the generic path.
 */
@QuarkusTest
class GraphQLCompiledTest {

    static final String W4 = "{ answers(filter: {lab: \"openai\"}, size: 100) { items { status question { key text topic { slug name } } } } }";

    static final List<String> SHAPES = List.of(
            W4,
            // aliases, __typename, fragments, every plain field of Answer (enums, nulls, booleans), to-one relations
            """
            query($lab: String, $withLab: Boolean!, $noTopic: Boolean!) {
              page: answers(filter: {lab: $lab}, size: 30, page: 1) {
                __typename totalItems totalPages size page
                items { ...A st: status ... on Answer { kind capacity } lab @include(if: $withLab) { slug name kind }
                        q: question { __typename key ordinal text notes minAddressees context
                                      topic @skip(if: $noTopic) { slug name description path parent }
                                      questionnaire { slug title } } }
              }
            }
            fragment A on Answer { status delivered summary respondent respondentCapacity afterPublication answeredOn version }""",
            // the same, other variables: the relation left out by @include/@skip
            """
            query($lab: String, $withLab: Boolean!, $noTopic: Boolean!) {
              answers(filter: {lab: $lab, statuses: [ANSWERED, PARTIAL]}, size: 7) {
                items { status lab @include(if: $withLab) { slug } question { key topic @skip(if: $noTopic) { slug } } }
              }
            }""",
            // fields the compiled path does not complete (id, updatedAt: SmallRye's own fetchers; claims: a batch)
            "{ answers(size: 5) { items { id updatedAt status question { key } claims { key } } } }",
            // an object under a list above it: relations stay batched by DataLoaders
            "{ labs(slugs: [\"openai\", \"anthropic\"]) { slug answerPage(size: 3) { totalItems items { status question { key topic { slug } } } } } }",
            // an empty page, and a refused argument (an error with its code)
            "{ answers(filter: {lab: \"no-such-lab\"}, size: 5) { totalItems items { status question { key } } } }",
            "{ answers(size: 500) { items { status } } }");

    @Inject
    SessionFactory sessionFactory;

    @org.junit.jupiter.api.BeforeEach
    void genericOnly() {
        GraphQLDirect.active = false; // what is compared here is graphql-java's execution, not the direct plans
    }

    @AfterEach
    void restore() {
        GraphQLCompiled.enabled = true;
        GraphQLDirect.active = true;
    }

    private static String post(String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        if (variables != null) {
            body.put("variables", variables);
        }
        return given().contentType("application/json").header("Cache-Control", "no-store").body(body)
                .when().post("/graphql").then().extract().asString();
    }

    @Test
    void compiledAndGenericAnswerTheSameBytes() {
        List<Map<String, Object>> variableSets = List.of(
                Map.of("lab", "openai", "withLab", true, "noTopic", false),
                Map.of("lab", "anthropic", "withLab", false, "noTopic", true));
        for (String shape : SHAPES) {
            for (Map<String, Object> variables : shape.startsWith("query") ? variableSets : java.util.Collections.<Map<String, Object>>singletonList(null)) {
                GraphQLCompiled.enabled = false;
                String generic = post(shape, variables);
                GraphQLCompiled.enabled = true;
                String compiled = post(shape, variables);
                assertEquals(generic, compiled, () -> "compiled vs generic for " + shape + " with " + variables);
                assertTrue(generic.contains("\"data\"") || generic.contains("\"errors\""), generic);
            }
        }
        // the shapes had real content: items, nulls and the refused size's error
        String w4 = post(W4, null);
        assertTrue(w4.contains("\"question\":{\"key\":"), w4);
        assertTrue(post(SHAPES.get(1), variableSets.get(0)).contains("\"summary\":null"));
        assertTrue(post(SHAPES.get(6), null).contains("\"code\":\"BAD_REQUEST\""), post(SHAPES.get(6), null));
    }

    @Test
    void workload4IsCompiledWithoutMoreStatements() {
        post(W4, null); // warm: topic tree, documents
        GraphQLCompiled.enabled = false;
        sessionFactory.getStatistics().clear();
        post(W4, null);
        long generic = sessionFactory.getStatistics().getPrepareStatementCount();

        GraphQLCompiled.enabled = true;
        long before = GraphQLCompiled.COMPILED.get();
        sessionFactory.getStatistics().clear();
        post(W4, null);
        long compiled = sessionFactory.getStatistics().getPrepareStatementCount();

        assertTrue(GraphQLCompiled.COMPILED.get() > before, "workload 4 went through the compiled path");
        assertEquals(generic, compiled, "SQL statements of workload 4, generic vs compiled");
        assertTrue(compiled <= 6, "a handful of statements, was " + compiled);
        assertTrue(GraphQLFastPath.report().compiledRelations() >= 4, GraphQLFastPath.report().toString());
    }
}
