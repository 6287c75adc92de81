package org.labledger.seed;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SeedImportTest {

    @Inject
    SeedImporter importer;
    @Inject
    SeedStartup startup;
    @Inject
    EntityManager em;

    private static final List<String> STAMPED = List.of("source", "lab", "topic", "questionnaire", "question", "answer",
            "agreement", "provision", "event", "lab_score");
    private static final List<String> UNSTAMPED = List.of("lab_alias", "agreement_party", "event_lab", "citation");

    /** Row count and newest update of every table: what a no-op import must leave exactly as it was. */
    private String snapshot() {
        StringBuilder sb = new StringBuilder();
        for (String t : STAMPED) {
            Object[] row = (Object[]) em.createNativeQuery("select count(*), max(updated_at)::text, sum(" + (t.equals("lab") || t.equals("answer") || t.equals("agreement") ? "version" : "0") + ") from " + t).getSingleResult();
            sb.append(t).append('=').append(row[0]).append('@').append(row[1]).append('v').append(row[2]).append(' ');
        }
        for (String t : UNSTAMPED) {
            Object[] row = (Object[]) em.createNativeQuery("select count(*), max(ctid::text) from " + t).getSingleResult();
            sb.append(t).append('=').append(row[0]).append('@').append(row[1]).append(' ');
        }
        return sb.toString();
    }

    @Test
    void startupImportIsSkippedWhenTheFileIsUnchanged() {
        ImportReport report = importer.importFile(startup.name(), startup.read(), false);
        assertTrue(report.skipped(), "same checksum as the import at start-up");
    }

    @Test
    void reimportingTheSameDatasetChangesNothing() {
        String before = snapshot();
        ImportReport report = importer.importFile(startup.name(), startup.read(), true);
        assertFalse(report.skipped());
        assertEquals(0, report.created(), report.counts().toString());
        assertEquals(0, report.updated(), report.counts().toString());
        assertTrue(report.counts().get("questions").unchanged() > 0);
        assertEquals(before, snapshot(), "no row created or touched");
    }

    private SeedException rejected(String json) {
        String before = snapshot();
        SeedException e = assertThrows(SeedException.class,
                () -> importer.importFile("broken.json", json.getBytes(StandardCharsets.UTF_8), true));
        assertEquals(before, snapshot(), "a rejected dataset writes nothing");
        return e;
    }

    /** A small valid document with one new lab (so a partial write would show), plus whatever the test appends. */
    private static String doc(String questions) {
        return """
                {"formatVersion": 1, "dataset": {"name": "t", "version": "1", "description": null},
                 "sources": [{"key": "src-t", "title": "T", "publisher": null, "author": null, "url": null,
                   "publishedOn": null, "kind": "OTHER", "document": null, "citedIn": null, "notes": null}],
                 "labs": [{"slug": "brand-new-lab", "name": "Brand New", "kind": "OTHER", "parent": null,
                   "website": null, "aliases": [], "citations": []}],
                 "topics": [{"slug": "t-topic", "name": "T", "parent": null, "description": null}],
                 "questionnaires": [{"slug": "t-q", "title": "T", "publisher": null, "author": null,
                   "publishedOn": null, "source": "src-t", "description": null, "notDeliveredTo": [],
                   "defaultAnswerCitations": [{"source": "src-t", "quote": null, "locator": "no reply"}]}],
                 "questions": [%s],
                 "answers": [], "agreements": [], "events": [], "scores": []}
                """.formatted(questions);
    }

    private static final String GOOD_QUESTION = """
            {"key": "t-q1", "questionnaire": "t-q", "topic": "t-topic", "parent": null, "ordinal": 1, "text": "Why?",
             "notes": null, "addressedTo": ["brand-new-lab"], "citations": [{"source": "src-t", "quote": "Why?", "locator": null}]}""";

    @Test
    void unknownStatusNamesFileRecordAndField() {
        String json = doc(GOOD_QUESTION).replace("\"answers\": []", """
                "answers": [{"question": "t-q1", "lab": "brand-new-lab", "status": "MAYBE", "delivered": true, "summary": null,
                 "respondent": null, "respondentCapacity": null, "answeredOn": null, "citations": []}]""");
        SeedException e = rejected(json);
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
        assertTrue(e.getMessage().contains("answers[0].status"), e.getMessage());
        assertTrue(e.getMessage().contains("MAYBE"), e.getMessage());
    }

    @Test
    void aCapacityOtherThanUnknownNeedsARespondent() {
        String json = doc(GOOD_QUESTION).replace("\"answers\": []", """
                "answers": [{"question": "t-q1", "lab": "brand-new-lab", "status": "ANSWERED", "delivered": true, "summary": "yes",
                 "respondent": null, "respondentCapacity": null, "capacity": "OFFICIAL", "answeredOn": null,
                 "citations": [{"source": "src-t", "quote": null, "locator": "reply"}]}]""");
        SeedException e = rejected(json);
        assertTrue(e.getMessage().contains("answers[0]") && e.getMessage().contains("capacity: OFFICIAL needs a respondent"), e.getMessage());
    }

    @Test
    void unknownAnswerKindNamesTheField() {
        String json = doc(GOOD_QUESTION).replace("\"answers\": []", """
                "answers": [{"question": "t-q1", "lab": "brand-new-lab", "status": "ANSWERED", "delivered": true, "summary": "yes",
                 "respondent": "R", "respondentCapacity": null, "kind": "RUMOUR", "answeredOn": null,
                 "citations": [{"source": "src-t", "quote": null, "locator": "reply"}]}]""");
        SeedException e = rejected(json);
        assertTrue(e.getMessage().contains("answers[0].kind") && e.getMessage().contains("RUMOUR"), e.getMessage());
    }

    @Test
    void unknownFieldIsRejected() {
        SeedException e = rejected(doc(GOOD_QUESTION.replace("\"notes\": null", "\"notes\": null, \"colour\": \"red\"")));
        assertTrue(e.getMessage().contains("questions[0]") && e.getMessage().contains("colour"), e.getMessage());
    }

    @Test
    void danglingReferenceIsRejectedWithRecordKey() {
        SeedException e = rejected(doc(GOOD_QUESTION.replace("\"topic\": \"t-topic\"", "\"topic\": \"no-topic\"")));
        assertTrue(e.getMessage().contains("questions[0] (t-q1).topic: refers to unknown 'no-topic'"), e.getMessage());
    }

    @Test
    void factWithoutCitationIsRejected() {
        SeedException e = rejected(doc(GOOD_QUESTION.replace("[{\"source\": \"src-t\", \"quote\": \"Why?\", \"locator\": null}]", "[]")));
        assertTrue(e.getMessage().contains("questions[0] (t-q1).citations"), e.getMessage());
    }

    @Test
    void badDateBadKeyAndDuplicatesAreAllReported() {
        String json = doc(GOOD_QUESTION + "," + GOOD_QUESTION.replace("\"ordinal\": 1", "\"ordinal\": 1"))
                .replace("\"publishedOn\": null, \"kind\": \"OTHER\"", "\"publishedOn\": \"2025-13-01\", \"kind\": \"OTHER\"")
                .replace("\"slug\": \"t-topic\"", "\"slug\": \"T Topic\"");
        SeedException e = rejected(json);
        List<String> problems = e.problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("sources[0] (src-t).publishedOn")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("topics[0] (T Topic).slug")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("questions[1] (t-q1).key: duplicate")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("ordinal") && p.contains("used twice")), problems.toString());
    }

    @Test
    void unansweredWithoutEvidenceIsRejected() {
        String withoutEvidence = doc(GOOD_QUESTION).replace("[{\"source\": \"src-t\", \"quote\": null, \"locator\": \"no reply\"}]", "null");
        assertFalse(withoutEvidence.contains("no reply"));
        SeedException e = rejected(withoutEvidence);
        assertTrue(e.getMessage().contains("questions[0] (t-q1).addressedTo: 'brand-new-lab' has no answer record"), e.getMessage());
    }

    @Test
    void brokenJsonNamesLineAndColumn() {
        SeedException e = rejected("{\"formatVersion\": 1,\n \"sources\": [ }");
        assertTrue(e.getMessage().contains("broken.json") && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void aValidDocumentIsImportedInFull() {
        // the control case for the rejection tests: the same document without the mistake does write
        try {
            ImportReport report = importer.importFile("good.json", doc(GOOD_QUESTION).getBytes(StandardCharsets.UTF_8), true);
            assertEquals(1, report.counts().get("labs").created());
            assertEquals(1, report.counts().get("answers").created());
            when().get("/api/questions/t-q1").then().statusCode(200)
                    .body("answers[0].lab", equalTo("brand-new-lab"))
                    .body("answers[0].status", equalTo("UNANSWERED"))
                    .body("answers[0].citations[0].locator", equalTo("no reply"));
        } finally {
            // leave the database as the seeds made it, for the other test classes
            QuarkusTransaction.requiringNew().run(() -> {
                for (String sql : List.of(
                        "delete from citation where source_id in (select id from source where key = 'src-t')",
                        "delete from answer where question_id in (select id from question where key = 't-q1')",
                        "delete from question where key = 't-q1'",
                        "delete from questionnaire where slug = 't-q'",
                        "delete from topic where slug = 't-topic'",
                        "delete from lab where slug = 'brand-new-lab'",
                        "delete from source where key = 'src-t'",
                        "delete from seed_import where file = 'good.json'")) {
                    em.createNativeQuery(sql).executeUpdate();
                }
            });
        }
    }
}
