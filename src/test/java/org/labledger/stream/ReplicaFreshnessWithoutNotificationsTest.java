package org.labledger.stream;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ReplicaFreshnessTest} with every notification lost: this instance does not LISTEN at all, only the periodic
 * check of data_version remains, and a write committed elsewhere is still served within the check interval.
 */
@QuarkusTest
@TestProfile(ReplicaFreshnessWithoutNotificationsTest.NoListen.class)
class ReplicaFreshnessWithoutNotificationsTest {

    public static class NoListen implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("labledger.changes.listen", "false");
        }
    }

    @Inject
    DataVersion versions;

    @Test
    void aLostNotificationDelaysAtMostTheCheckInterval() throws Exception {
        assertTrue(versions.current() >= 0, "the version is known from the check alone");
        ReplicaFreshnessTest.checkBothWays("not notified");
    }
}
