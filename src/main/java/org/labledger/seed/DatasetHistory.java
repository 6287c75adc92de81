package org.labledger.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dataset document now or as it stood at a past time, rebuilt from the row history (V17): in one
 * repeatable-read transaction, every table the history keeps is shadowed by a temporary table of the same name
 * holding its rows as of that time, and the very exporter of the current state runs over them, so the document is
 * byte for byte the export that would have been taken then.
 *
 * <p>Temporary tables come first in PostgreSQL's lookup of unqualified names (pg_temp before the search_path), and
 * every query of the exporter names its tables unqualified (JPQL through Hibernate, no default schema). The
 * transaction also sets its own search_path (pg_temp, the path, pg_catalog): a statement the connection prepared
 * earlier against the real tables is planned again under another path, never run against them.
 */
@ApplicationScoped
public class DatasetHistory {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    @Inject
    EntityManager em;
    @Inject
    DatasetExporter exporter;
    @Inject
    ObjectMapper mapper;

    /**
     * A dataset document and the point it is: the data version it shows and that version's commit time (null for
     * both when no write has been recorded since the history started, e.g. a database just migrated).
     */
    public record Snapshot(byte[] document, Long version, OffsetDateTime at) {
    }

    /** The current dataset, with the version and time it is (GET /api/export?asOf=that time gives these bytes). */
    @Transactional
    public Snapshot current() {
        em.createNativeQuery("set transaction isolation level repeatable read").executeUpdate();
        Object[] p = (Object[]) em.createNativeQuery("select v.version, (select c.committed_at from tx_commit c where c.version = v.version"
                + " order by c.committed_at desc limit 1) from data_version v").getSingleResult();
        byte[] document = json(exporter.export());
        return p[1] == null ? new Snapshot(document, null, null) : new Snapshot(document, ((Number) p[0]).longValue(), time(p[1]));
    }

    /** When the row history starts (its first entry: the V17 migration), or empty on a database without one yet. */
    @Transactional
    public Optional<OffsetDateTime> start() {
        Object t = em.createNativeQuery("select min(committed_at) from tx_commit").getSingleResult();
        return t == null ? Optional.empty() : Optional.of(time(t));
    }

    /**
     * The dataset as it stood at {@code t}: empty when {@code t} is before the history's start (then only a release
     * snapshot can say). The newest commit at or before {@code t} is the state's version.
     */
    @Transactional
    public Optional<Snapshot> at(OffsetDateTime t) {
        em.createNativeQuery("set transaction isolation level repeatable read").executeUpdate();
        Object start = em.createNativeQuery("select min(committed_at) from tx_commit").getSingleResult();
        if (start == null || time(start).isAfter(t)) {
            return Optional.empty();
        }
        Object[] point = (Object[]) em.createNativeQuery("select version, committed_at from tx_commit where committed_at <= :t"
                + " order by committed_at desc limit 1").setParameter("t", t).getSingleResult();
        long version = ((Number) point[0]).longValue();
        String schema = (String) em.createNativeQuery("select current_schema()::text").getSingleResult();
        @SuppressWarnings("unchecked")
        List<String> tables = em.createNativeQuery("select substr(c.relname, length('row_history_') + 1)::text from pg_inherits i"
                + " join pg_class c on c.oid = i.inhrelid where i.inhparent = 'row_history'::regclass order by 1").getResultList();
        for (String table : tables) {
            if (!NAME.matcher(table).matches()) {
                throw new IllegalStateException("unexpected history partition for table " + table);
            }
            String real = quote(schema) + "." + quote(table);
            @SuppressWarnings("unchecked")
            List<String> key = em.createNativeQuery("select unnest(row_history_key(cast(:t as regclass)))::text").setParameter("t", real).getResultList();
            String keyExpr = key.isEmpty() ? "h.rec" : "jsonb_build_array(" + String.join(", ", key.stream().map(k -> "h.rec -> '" + k.replace("'", "''") + "'").toList()) + ")";
            em.createNativeQuery("create temp table " + quote(table) + " (like " + real + ") on commit drop").executeUpdate();
            em.createNativeQuery("insert into pg_temp." + quote(table) + " select (jsonb_populate_record(null::" + real + ", h.rec)).* from ("
                    + "select distinct on (" + keyExpr + ") h.deleted, h.rec from " + quote("row_history_" + table) + " h"
                    + " join tx_commit c on c.txid = h.txid where c.version <= :v"
                    + " order by " + keyExpr + ", c.version desc, h.stmt desc) h where not h.deleted").setParameter("v", version).executeUpdate();
            em.createNativeQuery("analyze pg_temp." + quote(table)).executeUpdate();
        }
        em.createNativeQuery("select set_config('search_path', 'pg_temp, ' || current_setting('search_path') || ', pg_catalog', true)").getSingleResult();
        byte[] document = json(exporter.export());
        return Optional.of(new Snapshot(document, version, time(point[1])));
    }

    private byte[] json(SeedDocument doc) {
        try {
            return mapper.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static OffsetDateTime time(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("not a timestamp: " + o);
    }
}
