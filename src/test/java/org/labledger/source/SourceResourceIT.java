package org.labledger.source;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same HTTP suite against the packaged application. */
@QuarkusIntegrationTest
class SourceResourceIT extends SourceResourceTest {
}
