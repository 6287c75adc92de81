package org.labledger.seed;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same HTTP suite against the packaged application. */
@QuarkusIntegrationTest
class SeedDataIT extends SeedDataTest {
}
