package org.labledger.ops;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same suite against the packaged application. */
@QuarkusIntegrationTest
class OperationsIT extends OperationsTest {
}
