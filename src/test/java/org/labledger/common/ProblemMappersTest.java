package org.labledger.common;

import jakarta.transaction.RollbackException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import javax.transaction.xa.XAException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How failed commits are classified. Narayana reports a failed one-phase commit as a RollbackException with
 * no cause: the driver's exception hangs off an XAException in its suppressed list, wrapped once more by
 * ArC when it leaves a @Transactional method.
 */
class ProblemMappersTest {

    private static Exception failedCommit(PSQLState state) {
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new PSQLException("driver says " + state.getState(), state));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        return new RuntimeException("Error invoking subclass method", rollback);
    }

    @Test
    void commitLostWithTheConnectionIsUnavailable() {
        assertTrue(ProblemMappers.databaseUnreachable(failedCommit(PSQLState.CONNECTION_FAILURE)));
        assertFalse(ProblemMappers.concurrentConflict(failedCommit(PSQLState.CONNECTION_FAILURE)));
        assertEquals(503, new ProblemMappers().unexpected(failedCommit(PSQLState.CONNECTION_FAILURE), null).getStatus());
    }

    /** Seen by bench/fault.sh with PostgreSQL frozen (kill -STOP): a connection attempt the pool gave up on. */
    @Test
    void anyFailureToGetAConnectionIsUnavailable() {
        PSQLException driver = new PSQLException("Something unusual has occurred to cause the driver to fail. Please report this exception.",
                PSQLState.UNEXPECTED_ERROR, new RuntimeException("Interrupted while attempting to connect."));
        Exception e = new org.hibernate.exception.GenericJDBCException("Unable to acquire JDBC Connection [" + driver.getMessage() + "] [n/a]", driver);
        assertTrue(ProblemMappers.databaseUnreachable(e));
        assertEquals(503, new ProblemMappers().unexpected(e, null).getStatus());
        // the same driver failure on a statement (a connection was there) is not classified as an outage
        assertFalse(ProblemMappers.databaseUnreachable(new org.hibernate.exception.GenericJDBCException("could not execute statement", driver)));
    }

    @Test
    void commitFailingOnAUniqueConstraintIsAConflict() {
        assertFalse(ProblemMappers.databaseUnreachable(failedCommit(PSQLState.UNIQUE_VIOLATION)));
        assertTrue(ProblemMappers.concurrentConflict(failedCommit(PSQLState.UNIQUE_VIOLATION)));
        assertEquals(409, new ProblemMappers().unexpected(failedCommit(PSQLState.UNIQUE_VIOLATION), null).getStatus());
        assertEquals(409, new ProblemMappers().unexpected(failedCommit(PSQLState.SERIALIZATION_FAILURE), null).getStatus());
    }

    @Test
    void otherFailuresStay500() {
        assertEquals(500, new ProblemMappers().unexpected(failedCommit(PSQLState.DATA_ERROR), null).getStatus());
        assertEquals(500, new ProblemMappers().unexpected(new IllegalStateException("bug"), null).getStatus());
    }

    @Test
    void causesTerminateOnCycles() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.addSuppressed(b);
        assertEquals(2, ProblemMappers.causes(b).size());
    }
}
