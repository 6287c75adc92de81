package org.labledger.ops;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The service started with its database unreachable: the datasource points at a port nothing listens on
 * (127.0.0.1:1, connection refused), and nothing needs the database to start (no migration, no seed
 * import, no schema validation). Stopping the shared PostgreSQL server is not an option in tests.
 */
public class DatabaseDownProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/labledger",
                "%test.quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/labledger",
                "quarkus.flyway.migrate-at-start", "false",
                "quarkus.flyway.clean-at-start", "false",
                "quarkus.hibernate-orm.schema-management.strategy", "none",
                "quarkus.hibernate-orm.database.version-check.enabled", "false",
                "labledger.seed.import-on-start", "false");
    }
}
