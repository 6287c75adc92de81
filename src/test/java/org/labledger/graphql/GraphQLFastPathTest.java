package org.labledger.graphql;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GraphQL speed work is engaged: if a SmallRye upgrade stops calling the public SPIs it uses (or changes what
 * they hand over), this fails instead of the service silently running slower.
 */
@QuarkusTest
class GraphQLFastPathTest {

    @Test
    void fastPathIsEngaged() {
        GraphQL.data("{ labs { slug answers { status question { key } } } }"); // the schema is built
        GraphQLFastPath.Report r = GraphQLFastPath.report();
        // plain properties of the node records (slug, name, status, key, text, …): well over a hundred
        assertTrue(r.plainFields() > 100, r.toString());
        // the batch relations (Lab.answers, Answer.question, Question.topic, …): every @Source List resolver
        assertTrue(r.batchFields() >= 20, r.toString());
        assertTrue(r.defaultVisibility(), r.toString());
    }
}
