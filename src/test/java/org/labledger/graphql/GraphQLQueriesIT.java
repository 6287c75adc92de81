package org.labledger.graphql;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same GraphQL suite against the packaged application. */
@QuarkusIntegrationTest
class GraphQLQueriesIT extends GraphQLQueriesTest {
}
