package org.labledger.seed;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    private static final List<String> UNSTAMPED = List.of("lab_alias", "agreement_party", "event_lab", "citation",
            "figure", "relative_date", "lab_alias_inference");

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

    /** The same small document in format 2 (uncertain addressees, kinds of answer). */
    private static String doc2(String questions) {
        return doc(questions).replace("\"formatVersion\": 1", "\"formatVersion\": 2");
    }

    @Test
    void formatTwoFieldsNeedFormatTwo() {
        SeedException e = rejected(doc(GOOD_QUESTION.replace("\"notes\": null", "\"notes\": null, \"delivery\": \"UNKNOWN\"")));
        assertTrue(e.getMessage().contains("formatVersion: questionnaire kind, question minAddressees/delivery/context"), e.getMessage());
    }

    @Test
    void atLeastNNeedsNCandidates() {
        SeedException e = rejected(doc2(GOOD_QUESTION.replace("\"notes\": null", "\"notes\": null, \"minAddressees\": 2")));
        assertTrue(e.getMessage().contains("questions[0] (t-q1).minAddressees: at least 2 of the labs in addressedTo, but it names only 1"), e.getMessage());
        e = rejected(doc2(GOOD_QUESTION.replace("\"notes\": null", "\"notes\": null, \"minAddressees\": 0")));
        assertTrue(e.getMessage().contains("questions[0] (t-q1).minAddressees: must be 1 or greater"), e.getMessage());
    }

    @Test
    void suggestedQuestionsAndContextRowsArePutToNoLab() {
        String suggested = doc2(GOOD_QUESTION).replace("\"description\": null, \"notDeliveredTo\": []",
                "\"description\": null, \"kind\": \"SUGGESTED\", \"notDeliveredTo\": [\"brand-new-lab\"]");
        assertTrue(suggested.contains("SUGGESTED"));
        SeedException e = rejected(suggested);
        assertTrue(e.getMessage().contains("questions[0] (t-q1).addressedTo: a question of SUGGESTED questionnaire 't-q' is put to no lab: leave addressedTo empty"), e.getMessage());
        assertTrue(e.getMessage().contains("questionnaires[0] (t-q).notDeliveredTo: a SUGGESTED questionnaire was sent to no lab"), e.getMessage());
        e = rejected(doc2(GOOD_QUESTION.replace("\"notes\": null", "\"notes\": null, \"context\": true, \"delivery\": \"UNKNOWN\"")));
        assertTrue(e.getMessage().contains("questions[0] (t-q1).addressedTo: a context row is put to no lab"), e.getMessage());
        assertTrue(e.getMessage().contains("questions[0] (t-q1).delivery: a context row is put to no lab"), e.getMessage());
        // an answer to a question put to no lab has nothing to answer
        e = rejected(doc2(GOOD_QUESTION.replace("\"notes\": null", "\"notes\": null, \"context\": true")
                .replace("\"addressedTo\": [\"brand-new-lab\"]", "\"addressedTo\": []")).replace("\"answers\": []", """
                "answers": [{"question": "t-q1", "lab": "brand-new-lab", "status": "UNANSWERED", "delivered": null,
                 "citations": [{"source": "src-t", "quote": null, "locator": "reply"}]}]"""));
        assertTrue(e.getMessage().contains("answers[0] (t-q1/brand-new-lab).lab: question 't-q1' is not addressed to 'brand-new-lab'"), e.getMessage());
    }

    @Test
    void deliveryAndDeliveredMustAgree() {
        SeedException e = rejected(doc2(GOOD_QUESTION).replace("\"answers\": []", """
                "answers": [{"question": "t-q1", "lab": "brand-new-lab", "status": "UNANSWERED", "delivered": true, "delivery": "UNKNOWN",
                 "citations": [{"source": "src-t", "quote": null, "locator": "reply"}]}]"""));
        assertTrue(e.getMessage().contains("delivery: UNKNOWN disagrees with delivered true"), e.getMessage());
    }

    private Object[] theAnswer() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select a.delivered, a.version from answer a join question q on q.id = a.question_id where q.key = 't-q1'")
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void untouchedDefaultAnswersFollowTheDocumentsDelivery() {
        // a pair first imported as delivered, then read as "delivery unknown", then as never sent: its default answer
        // (no curator revision) follows each time, and the last import removes it
        try {
            importer.importFile("good.json", doc(GOOD_QUESTION).getBytes(StandardCharsets.UTF_8), true);
            assertEquals(Boolean.TRUE, theAnswer()[0]);
            ImportReport unknown = importer.importFile("good.json", doc2(GOOD_QUESTION.replace("\"notes\": null",
                    "\"notes\": null, \"delivery\": \"UNKNOWN\", \"minAddressees\": 1")).getBytes(StandardCharsets.UTF_8), true);
            assertEquals(1, unknown.counts().get("answers").updated(), unknown.counts().toString());
            assertEquals(null, theAnswer()[0], "delivery not known");
            when().get("/api/questions/t-q1").then().statusCode(200).body("minAddressees", equalTo(1))
                    .body("answers[0].delivered", org.hamcrest.Matchers.nullValue());
            given().queryParam("questionnaire", "t-q").when().get("/api/labs/brand-new-lab/scorecard").then().statusCode(200)
                    .body("counts.total", equalTo(0)).body("counts.unanswered", equalTo(0)).body("counts.unknownDelivery", equalTo(1));
            ImportReport suggested = importer.importFile("good.json", doc2(GOOD_QUESTION.replace("\"addressedTo\": [\"brand-new-lab\"]", "\"addressedTo\": []"))
                    .replace("\"description\": null, \"notDeliveredTo\": []", "\"description\": null, \"kind\": \"SUGGESTED\", \"notDeliveredTo\": []")
                    .getBytes(StandardCharsets.UTF_8), true);
            assertEquals(1, suggested.counts().get("answers").updated(), suggested.counts().toString());
            assertNull(theAnswer(), "a suggested question has no answer");
            when().get("/api/questions/t-q1").then().statusCode(200).body("answers.size()", equalTo(0));
            when().get("/api/questionnaires/t-q").then().statusCode(200).body("kind", equalTo("SUGGESTED"));
            given().queryParam("questionnaire", "t-q").when().get("/api/labs/brand-new-lab/scorecard").then().statusCode(200)
                    .body("counts.total", equalTo(0)).body("counts.unknownDelivery", equalTo(0));
            assertEquals(0L, ((Number) em.createNativeQuery("select count(*) from citation c join source s on s.id = c.source_id"
                    + " where s.key = 'src-t' and c.subject_type = 'ANSWER'").getSingleResult()).longValue(), "its citations went with it");
        } finally {
            removeTestDataset();
        }
    }

    @Test
    void aCapacityOtherThanUnknownNeedsARespondent() {
        String json = doc2(GOOD_QUESTION).replace("\"answers\": []", """
                "answers": [{"question": "t-q1", "lab": "brand-new-lab", "status": "ANSWERED", "delivered": true, "summary": "yes",
                 "respondent": null, "respondentCapacity": null, "capacity": "OFFICIAL", "answeredOn": null,
                 "citations": [{"source": "src-t", "quote": null, "locator": "reply"}]}]""");
        SeedException e = rejected(json);
        assertTrue(e.getMessage().contains("answers[0]") && e.getMessage().contains("capacity: OFFICIAL needs a respondent"), e.getMessage());
    }

    @Test
    void unknownAnswerKindNamesTheField() {
        String json = doc2(GOOD_QUESTION).replace("\"answers\": []", """
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
            removeTestDataset();
        }
    }

    /** Removes what the test dataset (good.json: source src-t, lab brand-new-lab, questionnaire t-q, …) wrote, so the
     *  database is left as the seeds made it for the other test classes. */
    private void removeTestDataset() {
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
