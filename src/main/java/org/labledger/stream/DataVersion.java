package org.labledger.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The data version this process knows, kept current by the database's change stream (V12): a thread with its own
 * connection (not one of the pool's) LISTENs on {@code labledger_changes}, takes each notification as it commits,
 * and reads {@code data_version} itself every {@code labledger.changes.check-interval} (1 s), so a lost
 * notification (a dropped connection, a NOTIFY never sent) delays a replica by at most that interval.
 * <p>
 * {@link #current()} is what the response cache and the version-derived validators use: -1 ("unknown") unless the
 * version was confirmed within {@code labledger.changes.max-staleness} — while the listener is down (database
 * unreachable, reconnecting) nothing is served from the cache, it is never served stale.
 * <p>
 * A transaction of this process re-reads the version synchronously when it ends ({@link #afterTransaction}), so a
 * client that wrote and then reads from the same replica sees its write at once, without waiting for the
 * notification to travel back.
 */
@ApplicationScoped
public class DataVersion {

    static final String CHANNEL = "labledger_changes";
    private static final Logger LOG = Logger.getLogger(DataVersion.class);

    @ConfigProperty(name = "labledger.changes.listen", defaultValue = "true")
    boolean listen;
    @ConfigProperty(name = "labledger.changes.check-interval", defaultValue = "1S")
    Duration checkInterval;
    @ConfigProperty(name = "labledger.changes.max-staleness", defaultValue = "3S")
    Duration maxStaleness;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Inject
    ObjectMapper mapper;
    @Inject
    AgroalDataSource dataSource;

    private final AtomicLong version = new AtomicLong(-1);
    private volatile long confirmedAt; // System.nanoTime() of the last confirmation
    private volatile long published = -1; // the highest version announced to subscribers
    private volatile long reachedAt; // when the version passed 'published' without a notification
    private final List<Consumer<Change>> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;

    void start(@Observes StartupEvent event) {
        running = true;
        Thread t = new Thread(this::run, "labledger-changes");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        close();
    }

    /** The current data version, or -1 when it is not confirmed recently enough to rely on. */
    public long current() {
        long v = version.get();
        return v >= 0 && System.nanoTime() - confirmedAt <= maxStaleness.toNanos() ? v : -1;
    }

    /** Receives every change from now on (on the listener thread: hand heavy work elsewhere); returns the handle. */
    public Runnable subscribe(Consumer<Change> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** A transaction of this process ended: read the version now (a cheap primary-key read). */
    void afterTransaction(@Observes @Destroyed(TransactionScoped.class) Object ignored) {
        refreshNow();
    }

    /** Reads data_version on a pool connection and advances to it. */
    public void refreshNow() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version from data_version where id = 1")) {
            if (rs.next()) {
                reached(rs.getLong(1));
            }
        } catch (SQLException e) {
            LOG.debugf("data version not read after a transaction: %s", e.getMessage());
        }
    }

    private void run() {
        long backoff = 200;
        while (running) {
            try {
                connect();
                backoff = 200;
                long lastCheck = 0;
                while (running) {
                    if (System.nanoTime() - lastCheck >= checkInterval.toNanos()) {
                        check();
                        lastCheck = System.nanoTime();
                    }
                    long wait = Math.max(1, checkInterval.toMillis() - (System.nanoTime() - lastCheck) / 1_000_000);
                    PGNotification[] notes = listen
                            ? connection.unwrap(PGConnection.class).getNotifications((int) Math.min(wait, Integer.MAX_VALUE))
                            : null;
                    if (!listen) {
                        Thread.sleep(wait);
                    }
                    handle(notes);
                    announceUnnotified();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("change listener: %s (retrying in %d ms; the response cache is bypassed meanwhile)", e.getMessage(), backoff);
                }
                close();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    private void connect() throws SQLException {
        Properties props = new Properties();
        username.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", "3");
        props.setProperty("ApplicationName", "labledger-changes");
        Connection c = DriverManager.getConnection(url, props);
        c.setAutoCommit(true);
        if (listen) {
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
            }
        }
        connection = c;
    }

    private void check() throws SQLException {
        long v;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select version from data_version where id = 1")) {
            if (!rs.next()) {
                throw new SQLException("data_version has no row");
            }
            v = rs.getLong(1);
        }
        // notifications that arrived with the answer are handled before the version counts as not notified
        if (listen) {
            handle(connection.unwrap(PGConnection.class).getNotifications());
        }
        reached(v);
    }

    private void reached(long v) {
        long before = version.getAndAccumulate(v, Math::max);
        confirmedAt = System.nanoTime();
        if (v > before && v > published && reachedAt == 0) {
            reachedAt = System.nanoTime();
        }
    }

    private void handle(PGNotification[] notes) {
        if (notes == null) {
            return;
        }
        for (PGNotification n : notes) {
            if (!CHANNEL.equals(n.getName())) {
                continue;
            }
            Change change = parse(n.getParameter());
            if (change == null) {
                continue;
            }
            version.getAndAccumulate(change.version(), Math::max);
            confirmedAt = System.nanoTime();
            if (change.version() >= published) {
                published = change.version();
                if (published >= version.get()) {
                    reachedAt = 0;
                }
            }
            publish(change);
        }
    }

    /** A version seen by a check but never notified within a check interval: announced without details. */
    private void announceUnnotified() {
        long v = version.get();
        long since = reachedAt;
        if (v > published && since != 0 && System.nanoTime() - since >= checkInterval.toNanos()) {
            published = v;
            reachedAt = 0;
            publish(Change.unknown(v));
        }
    }

    private void publish(Change change) {
        for (Consumer<Change> s : subscribers) {
            try {
                s.accept(change);
            } catch (RuntimeException e) {
                LOG.debugf("change subscriber failed: %s", e.getMessage());
            }
        }
    }

    Change parse(String payload) {
        try {
            JsonNode j = mapper.readTree(payload);
            return new Change(j.path("version").asLong(), j.path("type").isTextual() ? j.path("type").asText() : null, null,
                    strings(j.path("keys")), strings(j.path("labs")), strings(j.path("ops")), j.path("more").asBoolean());
        } catch (Exception e) {
            LOG.warnf("unreadable change notification: %s", e.getMessage());
            return null;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private void close() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
        }
    }
}
