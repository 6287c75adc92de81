package org.labledger.claim;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same claims and entities suite (REST and GraphQL) against the packaged application. */
@QuarkusIntegrationTest
class ClaimResourceIT extends ClaimResourceTest {
}
