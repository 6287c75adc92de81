package org.labledger.seed;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several replicas start at once and each imports the dataset: the imports must not collide on the unique
 * keys (two transactions each inserting the "new" lab). SeedImporter serialises them with an advisory lock.
 */
@QuarkusTest
class SeedConcurrentImportTest {

    @Inject
    SeedImporter importer;
    @Inject
    EntityManager em;

    private static final String DOC = """
            {"formatVersion": 1, "dataset": {"name": "c", "version": "1", "description": null},
             "sources": [{"key": "src-conc", "title": "C", "publisher": null, "author": null, "url": null,
               "publishedOn": null, "kind": "OTHER", "document": null, "citedIn": null, "notes": null}],
             "labs": [{"slug": "concurrent-lab", "name": "Concurrent", "kind": "OTHER", "parent": null,
               "website": null, "aliases": ["conc"], "citations": [{"source": "src-conc", "quote": "C", "locator": null}]}],
             "topics": [{"slug": "conc-topic", "name": "C", "parent": null, "description": null}],
             "questionnaires": [{"slug": "conc-q", "title": "C", "publisher": null, "author": null,
               "publishedOn": null, "source": "src-conc", "description": null, "notDeliveredTo": [],
               "defaultAnswerCitations": [{"source": "src-conc", "quote": null, "locator": "no reply"}]}],
             "questions": [{"key": "conc-q1", "questionnaire": "conc-q", "topic": "conc-topic", "parent": null,
               "ordinal": 1, "text": "Together?", "notes": null, "addressedTo": ["concurrent-lab"],
               "citations": [{"source": "src-conc", "quote": "Together?", "locator": null}]}],
             "answers": [], "agreements": [], "events": [], "scores": []}
            """;

    @Test
    void concurrentForcedImportsBothSucceedAndCreateEverythingOnce() throws Exception {
        byte[] json = DOC.getBytes(StandardCharsets.UTF_8);
        int replicas = 3;
        CyclicBarrier start = new CyclicBarrier(replicas);
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            List<Future<ImportReport>> runs = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                Callable<ImportReport> run = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return importer.importFile("concurrent.json", json, true);
                };
                runs.add(pool.submit(run));
            }
            int labsCreated = 0;
            int questionsCreated = 0;
            int answersCreated = 0;
            for (Future<ImportReport> f : runs) {
                ImportReport report = f.get(60, TimeUnit.SECONDS); // an import that failed throws here
                labsCreated += report.counts().get("labs").created();
                questionsCreated += report.counts().get("questions").created();
                answersCreated += report.counts().get("answers").created();
            }
            // exactly one import created the records; the others found them and changed nothing
            assertEquals(1, labsCreated);
            assertEquals(1, questionsCreated);
            assertEquals(1, answersCreated);
            assertEquals(1L, count("select count(*) from lab where slug = 'concurrent-lab'"));
            assertEquals(1L, count("select count(*) from lab_alias a join lab l on l.id = a.lab_id where l.slug = 'concurrent-lab'"));
            assertEquals(1L, count("select count(*) from question where key = 'conc-q1'"));
            assertEquals(1L, count("select count(*) from answer a join question q on q.id = a.question_id where q.key = 'conc-q1'"));
            // lab, question and the unlisted answer's default evidence: once each
            assertEquals(3L, count("select count(*) from citation c join source s on s.id = c.source_id where s.key = 'src-conc'"));
            assertEquals((long) replicas, count("select count(*) from seed_import where file = 'concurrent.json'"));
        } finally {
            pool.shutdownNow();
        }
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    @AfterEach
    void cleanUp() {
        // leave the database as the seeds made it, for the other test classes
        QuarkusTransaction.requiringNew().run(() -> {
            for (String sql : List.of(
                    "delete from citation where source_id in (select id from source where key = 'src-conc')",
                    "delete from answer where question_id in (select id from question where key = 'conc-q1')",
                    "delete from question where key = 'conc-q1'",
                    "delete from questionnaire where slug = 'conc-q'",
                    "delete from topic where slug = 'conc-topic'",
                    "delete from lab_alias where lab_id in (select id from lab where slug = 'concurrent-lab')",
                    "delete from lab where slug = 'concurrent-lab'",
                    "delete from source where key = 'src-conc'",
                    "delete from seed_import where file = 'concurrent.json'")) {
                em.createNativeQuery(sql).executeUpdate();
            }
        });
    }
}
