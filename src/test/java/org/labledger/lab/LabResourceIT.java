package org.labledger.lab;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same HTTP suite against the packaged application. */
@QuarkusIntegrationTest
class LabResourceIT extends LabResourceTest {
}
