package org.labledger.question;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same HTTP suite against the packaged application. */
@QuarkusIntegrationTest
class QuestionResourceIT extends QuestionResourceTest {
}
