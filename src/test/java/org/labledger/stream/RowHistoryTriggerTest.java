package org.labledger.stream;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The row history (V17): every table with the change triggers also has the history triggers and its partition,
 * except the logs V17 lists in row_history_excluded; and the history records inserts, updates (with a changed key)
 * and deletes, in the transaction's commit version.
 */
@QuarkusTest
class RowHistoryTriggerTest {

    /** The tables V17 keeps no history of, on purpose (V17 says why). */
    static final Set<String> EXCLUDED = Set.of("revision", "seed_import", "dataset_release");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyTableWithTheChangeTriggersHasTheHistoryTriggers() throws SQLException {
        List<String> missing = new ArrayList<>();
        Set<String> tables = new TreeSet<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select c.relname::text,
                            (select array_agg(tg.tgname::text) from pg_trigger tg where tg.tgrelid = c.oid and tg.tgname like 'row_history_%'),
                            to_regclass('row_history_' || c.relname) is not null
                       from pg_class c join pg_trigger d on d.tgrelid = c.oid and d.tgname = 'data_change_insert'
                      where c.relnamespace = current_schema()::regnamespace""")) {
            while (rs.next()) {
                String table = rs.getString(1);
                tables.add(table);
                java.sql.Array a = rs.getArray(2);
                Set<String> triggers = a == null ? Set.of() : Set.of((String[]) a.getArray());
                boolean partition = rs.getBoolean(3);
                if (!EXCLUDED.contains(table) && (!partition || !triggers.containsAll(Set.of("row_history_insert", "row_history_update",
                        "row_history_delete", "row_history_truncate")))) {
                    missing.add(table + " " + triggers + (partition ? "" : " (no row_history_" + table + ")"));
                }
            }
        }
        assertTrue(tables.containsAll(Set.of("answer", "lab", "question", "claim", "source", "citation")), "tables seen: " + tables);
        assertTrue(missing.isEmpty(), "tables without the history triggers (a migration must call data_change_attach): " + missing);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select array_agg(tbl order by tbl) from row_history_excluded")) {
            rs.next();
            assertEquals(new TreeSet<>(EXCLUDED), new TreeSet<>(List.of((String[]) rs.getArray(1).getArray())));
        }
    }

    @Test
    void aNewTableGetsItsHistoryWithTheChangeTriggers() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("create table row_history_probe_t (id bigint primary key, v text)");
                s.execute("select data_change_attach('row_history_probe_t')");
                s.execute("insert into row_history_probe_t values (1, 'a'), (2, 'b')");
                s.execute("update row_history_probe_t set id = 3 where id = 2");
                s.execute("update row_history_probe_t set v = 'c' where id = 1");
                s.execute("delete from row_history_probe_t where id = 3");
                try (ResultSet rs = s.executeQuery("select string_agg(case when deleted then '-' else '+' end || (rec ->> 'id') || coalesce(rec ->> 'v', ''), ' ' order by stmt, rec ->> 'id')"
                        + " from row_history_row_history_probe_t where txid = txid_current()")) {
                    rs.next();
                    assertEquals("+1a +2b -2 +3b +1c -3", rs.getString(1));
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }
}
