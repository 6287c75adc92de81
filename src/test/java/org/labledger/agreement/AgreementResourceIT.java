package org.labledger.agreement;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same HTTP suite against the packaged application. */
@QuarkusIntegrationTest
class AgreementResourceIT extends AgreementResourceTest {
}
