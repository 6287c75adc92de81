package org.labledger.ops;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same suite against the packaged application (its OpenAPI filter runs at start-up of the jar). */
@QuarkusIntegrationTest
class OpenApiDocumentIT extends OpenApiDocumentTest {
}
