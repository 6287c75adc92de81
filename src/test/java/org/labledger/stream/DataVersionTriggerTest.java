package org.labledger.stream;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.labledger.security.Tokens;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data version (V12): every data table carries the change triggers, every committed write advances the version
 * once per transaction and is announced with its table, keys and labs; a rolled-back one advances nothing.
 */
@QuarkusTest
class DataVersionTriggerTest {

    /** Tables without the triggers, on purpose (V12 and V17 say why for each, answer_rollup V16; row_history_* are the history's partitions). */
    static final Set<String> EXCLUDED = Set.of("flyway_schema_history", "data_version", "data_change_pending", "answer_tally",
            "answer_rollup", "tx_commit", "row_history", "row_history_excluded");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    DataVersion versions;

    private long dbVersion() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version from data_version")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyDataTableHasTheChangeTriggers() throws SQLException {
        List<String> missing = new ArrayList<>();
        Set<String> tables = new TreeSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select t.table_name,
                            (select array_agg(tg.tgname::text order by tg.tgname) from pg_trigger tg
                              where tg.tgrelid = (quote_ident(t.table_schema) || '.' || quote_ident(t.table_name))::regclass
                                and tg.tgname like 'data_change_%') as triggers
                       from information_schema.tables t
                      where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'""")) {
            while (rs.next()) {
                String table = rs.getString(1);
                tables.add(table);
                java.sql.Array a = rs.getArray(2);
                Set<String> triggers = a == null ? Set.of() : Set.of((String[]) a.getArray());
                if (!EXCLUDED.contains(table) && !table.startsWith("row_history_") && !triggers.containsAll(Set.of("data_change_insert", "data_change_update",
                        "data_change_delete", "data_change_truncate"))) {
                    missing.add(table + " " + triggers);
                }
            }
        }
        assertTrue(tables.containsAll(Set.of("answer", "lab", "question", "claim", "source", "citation", "revision")), "tables seen: " + tables);
        assertTrue(missing.isEmpty(), "data tables without the change triggers (a migration must call data_change_attach): " + missing);
    }

    @Test
    void aCommittedWriteAdvancesTheVersionOnceAndIsAnnouncedWithItsKeysAndLabs() throws Exception {
        List<Change> seen = new CopyOnWriteArrayList<>();
        Runnable unsubscribe = versions.subscribe(seen::add);
        String slug = "stream-lab-" + System.nanoTime();
        try {
            long before = dbVersion();
            given().contentType(ContentType.JSON).auth().oauth2(Tokens.admin())
                    .body(Map.of("slug", slug, "name", "Stream Lab", "kind", "OTHER", "aliases", List.of("Stream Labs")))
                    .post("/api/labs").then().statusCode(201);
            long after = dbVersion();
            // lab and lab_alias written in one transaction (the revision with it): one version step
            assertEquals(before + 1, after, "one transaction, one version");
            // this process re-reads the version when its own transaction ends: current at once, no waiting
            assertEquals(after, versions.current());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (seen.stream().noneMatch(c -> c.version() == after && "lab_alias".equals(c.type())) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Change lab = seen.stream().filter(c -> c.version() == after && "lab".equals(c.type())).findFirst().orElseThrow(
                    () -> new AssertionError("no notification for the lab: " + seen));
            assertEquals(slug, lab.key());
            assertEquals(List.of(slug), lab.labs());
            assertEquals(List.of("INSERT"), lab.ops());
            Change alias = seen.stream().filter(c -> c.version() == after && "lab_alias".equals(c.type())).findFirst().orElseThrow();
            assertEquals(List.of(slug), alias.labs(), "lab_alias names its lab through lab_id");

            // a rolled-back write: no version, no notification
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("update lab set name = 'Rolled Back' where slug = '" + slug + "'");
                }
                c.rollback();
            }
            assertEquals(after, dbVersion());

            // a committed statement that matches no row changes no data: no version step (an unchanged re-import's
            // updates and deletes of nothing must not invalidate every replica's cache)
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                assertEquals(0, s.executeUpdate("update lab set name = 'Nobody' where slug = 'no-such-lab'"));
                assertEquals(0, s.executeUpdate("delete from lab_alias where alias = 'no-such-alias'"));
            }
            assertEquals(after, dbVersion(), "a statement that changed no row advanced the version");

            given().auth().oauth2(Tokens.admin()).delete("/api/labs/" + slug).then().statusCode(204);
            assertEquals(after + 1, dbVersion(), "a delete is a write too");
        } finally {
            unsubscribe.run();
        }
    }
}
