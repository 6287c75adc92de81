package org.labledger.curation;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same HTTP suite against the packaged application. */
@QuarkusIntegrationTest
class CurationWriteIT extends CurationWriteTest {
}
