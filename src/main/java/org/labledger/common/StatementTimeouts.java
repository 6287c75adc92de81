package org.labledger.common;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;

/**
 * How long one SQL statement may run. Without a limit a statement waits as long as the database makes it wait
 * (a lock held by someone else, a frozen server), and so does the request. Two limits, both per connection use:
 *
 * <ul>
 *   <li>PostgreSQL's {@code statement_timeout}: the server cancels the statement (SQLState 57014), the
 *       transaction rolls back, and the request is answered {@code 503} with {@code Retry-After} (ProblemMappers;
 *       GraphQL: SERVICE_UNAVAILABLE);</li>
 *   <li>the driver's network timeout, {@code labledger.db.socket-timeout-grace} longer: the same for a server that
 *       does not answer at all (paused, packets dropped), which cannot cancel anything itself.</li>
 * </ul>
 *
 * Requests get {@code labledger.db.request-statement-timeout} (set on each connection as the pool hands it out);
 * imports, which upsert thousands of rows and may wait for another instance's import, raise it for their own
 * transaction to {@code labledger.db.import-statement-timeout} ({@link #forImport}); until the application has
 * started (Flyway's migrations, Hibernate's schema validation) {@code labledger.db.startup-statement-timeout}
 * applies. {@code 0} means no limit.
 */
@ApplicationScoped
public class StatementTimeouts implements AgroalPoolInterceptor {

    private static final Executor DIRECT = Runnable::run;

    @ConfigProperty(name = "labledger.db.request-statement-timeout", defaultValue = "5S")
    Duration request;
    @ConfigProperty(name = "labledger.db.import-statement-timeout", defaultValue = "60S")
    Duration imports;
    @ConfigProperty(name = "labledger.db.startup-statement-timeout", defaultValue = "10M")
    Duration startup;
    @ConfigProperty(name = "labledger.db.socket-timeout-grace", defaultValue = "5S")
    Duration grace;

    private volatile boolean started;
    /** The statement_timeout last set (outside a transaction, so it stays) on each physical connection. */
    private final Map<Object, Long> applied = Collections.synchronizedMap(new WeakHashMap<>());

    /** From now on connections are handed out for requests (observed before the seed import, which raises its own). */
    void started(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        started = true;
    }

    @Override
    public void onConnectionAcquire(Connection connection) {
        long ms = (started ? request : startup).toMillis();
        try {
            Object physical = physical(connection);
            Long last = applied.get(physical);
            if (last == null || last != ms) {
                try (Statement s = connection.createStatement()) {
                    s.execute("set statement_timeout = " + ms);
                }
                // a SET inside a transaction is undone by its rollback: remember only one made outside
                if (connection.getAutoCommit()) {
                    applied.put(physical, ms);
                } else {
                    applied.remove(physical);
                }
            }
            connection.setNetworkTimeout(DIRECT, networkTimeout(ms));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the statement timeout: " + e.getMessage(), e);
        }
    }

    /** Raises the statement limit to the import limit, for the current transaction only (SET LOCAL). */
    public void forImport(EntityManager em) {
        long ms = imports.toMillis();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("select set_config('statement_timeout', ?, true)")) {
                ps.setString(1, Long.toString(ms));
                ps.execute();
            }
            // set again, to the request's, when the pool next hands the connection out
            c.setNetworkTimeout(DIRECT, networkTimeout(ms));
        });
    }

    private int networkTimeout(long statementMs) {
        return statementMs == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, statementMs + grace.toMillis());
    }

    private static Object physical(Connection c) {
        try {
            return c.unwrap(org.postgresql.PGConnection.class);
        } catch (SQLException e) {
            return c;
        }
    }
}
