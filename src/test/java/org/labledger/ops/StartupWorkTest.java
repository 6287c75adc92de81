package org.labledger.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.labledger.seed.ImportReport;
import org.labledger.seed.SeedImporter;
import org.labledger.seed.SeedStartup;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a start with an unchanged dataset relies on to be quick (bench/README.md "Start-up"): the start-up import of the
 * bundled dataset, once that file has been imported, is answered from its checksum alone: the document is not parsed
 * or validated (no entity is loaded; two statements: the import lock and the last checksum), and nothing is written (the data version, which every
 * committed write advances, stays where it was; no seed_import row, no revision). And the per-run receipt key, now
 * generated on first use instead of at start-up, is one key however many requests race to create it.
 */
@QuarkusTest
class StartupWorkTest {

    @Inject
    SeedImporter importer;
    @Inject
    SeedStartup startup;
    @Inject
    EntityManager em;
    @Inject
    SessionFactory sessionFactory;

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }

    @Test
    void anUnchangedDatasetsStartupImportReadsOnlyTheChecksumAndWritesNothing() {
        // the test profile starts from an empty schema: the start-up imported the bundled file once already
        assertTrue(count("select count(*) from seed_import") >= 1, "the start-up imported the bundled dataset");
        long version = count("select version from data_version where id = 1");
        long imports = count("select count(*) from seed_import");
        long revisions = count("select count(*) from revision");
        Statistics stats = sessionFactory.getStatistics();
        assertTrue(stats.isStatisticsEnabled(), "hibernate statistics are on in tests");
        stats.clear();

        // exactly what SeedStartup does when the service starts
        ImportReport report = importer.importFile(startup.name(), startup.read(), false);

        assertTrue(report.skipped(), "same checksum as the last import: skipped");
        assertTrue(report.counts().isEmpty(), "no record was looked at: " + report.counts());
        assertEquals(0, stats.getEntityLoadCount(), "no entity loaded: the document was neither validated nor compared");
        List<String> queries = List.of(stats.getQueries());
        assertTrue(queries.stream().noneMatch(q -> q.contains("from Lab")), "not validated (it reads the labs' slugs): " + queries);
        // the import lock and the checksum of the last import, nothing else
        assertEquals(2, stats.getQueryExecutionCount(), "statements of the skip: " + queries);
        assertEquals(0, stats.getEntityInsertCount() + stats.getEntityUpdateCount() + stats.getEntityDeleteCount());
        assertEquals(version, count("select version from data_version where id = 1"), "no committed write");
        assertEquals(imports, count("select count(*) from seed_import"), "the skip is not recorded as an import");
        assertEquals(revisions, count("select count(*) from revision"));
    }

    @Test
    void theReceiptKeyGeneratedOnFirstUseIsOneKeyForConcurrentRequests() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            Callable<String> kid = () -> JsonPath.from(when().get("/.well-known/jwks.json").then().statusCode(200)
                    .extract().asString()).getString("keys[0].kid");
            List<Future<String>> answers = pool.invokeAll(IntStream.range(0, 12).mapToObj(i -> kid).toList());
            Set<String> kids = answers.stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.toSet());
            assertEquals(1, kids.size(), "one key for the whole run: " + kids);
            assertTrue(kids.iterator().next() != null && !kids.iterator().next().isBlank());
            JsonPath jwks = JsonPath.from(when().get("/.well-known/jwks.json").then().statusCode(200).extract().asString());
            assertEquals(1, jwks.getList("keys").size());
            assertEquals(kids.iterator().next(), jwks.getString("keys[0].kid"), "and the same key afterwards");
        } finally {
            pool.shutdownNow();
        }
    }
}
