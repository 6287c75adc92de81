package org.labledger.reply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labledger.security.JwtKeys;
import org.labledger.security.Tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The right of reply over HTTP on the real database (issue 17): a lab's inbox, a submission and its receipt (verified
 * with the published key, and refused once tampered with), a re-submission kept beside the first, the curators'
 * accept and reject, what the public then sees; two labs kept apart on every route; the size and rate limits.
 * Answers the flow changes are restored afterwards; submissions are immutable and stay.
 */
@QuarkusTest
@QuarkusTestResource(JwtKeys.class)
class ReplyFlowTest {

    static final String ANTHROPIC_REP = "rep@anthropic.example";
    static final String OPENAI_REP = "rep@openai.example";
    static final String GDM_REP = "rep@deepmind.example";

    @Inject
    EntityManager em;

    private List<Object[]> saved = List.of();

    static String labToken(String lab, String subject) {
        long now = System.currentTimeMillis() / 1000;
        return Tokens.signed("{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                + "\",\"groups\":[\"lab\"],\"lab\":\"" + lab + "\",\"iat\":" + (now - 5) + ",\"exp\":" + (now + 600) + ",\"jti\":\"" + System.nanoTime() + "\"}");
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        for (String[] rep : new String[][]{{"anthropic", ANTHROPIC_REP}, {"openai", OPENAI_REP}, {"google-deepmind", GDM_REP}}) {
            int code = as(Tokens.admin()).body(Map.of("subject", rep[1], "note", "test")).post("/api/labs/" + rep[0] + "/representatives").statusCode();
            assertTrue(code == 200 || code == 409, "add representative: " + code);
        }
        saved = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select id, status, delivered, summary, respondent, respondent_capacity, answered_on, justification, reference_text, kind, capacity, version"
                        + " from answer where lab_id in (select id from lab where slug in ('anthropic', 'openai', 'google-deepmind'))").getResultList());
    }

    @AfterEach
    void restore() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (Object[] r : saved) {
                em.createNativeQuery("update answer set status = ?1, delivered = ?2, summary = ?3, respondent = ?4, respondent_capacity = ?5,"
                                + " answered_on = ?6, justification = ?7, reference_text = ?8, kind = ?9, capacity = ?10, version = ?11,"
                                + " reply_submission_id = null where id = ?12")
                        .setParameter(1, r[1]).setParameter(2, r[2]).setParameter(3, r[3]).setParameter(4, r[4]).setParameter(5, r[5])
                        .setParameter(6, r[6]).setParameter(7, r[7]).setParameter(8, r[8]).setParameter(9, r[9]).setParameter(10, r[10])
                        .setParameter(11, r[11]).setParameter(12, r[0]).executeUpdate();
            }
            em.createNativeQuery("update questionnaire set reply_by = null").executeUpdate();
        });
        org.labledger.answer.TallyCheck.assertExact(em);
    }

    private static List<Map<String, Object>> inbox(String token) {
        return as(token).queryParam("size", 200).get("/api/reply/questions").then().statusCode(200)
                .header("Cache-Control", "private, no-store").extract().jsonPath().getList("items");
    }

    /** The canonical form as a client computes it on its own (sorted keys, no whitespace: RFC 8785 for these values). */
    static String canonical(Map<String, Object> fields) throws Exception {
        return new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true).writeValueAsString(new TreeMap<>(fields));
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** Verifies a receipt with the key published at /.well-known/jwks.json; returns its claims, or null when the signature fails. */
    static JsonPath verify(String receipt) throws Exception {
        String jwks = when().get("/.well-known/jwks.json").then().statusCode(200).extract().asString();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(receipt);
        JsonWebKey key = new JsonWebKeySet(jwks).getJsonWebKeys().stream().filter(k -> k.getKeyId().equals(jws.getKeyIdHeaderValue())).findFirst().orElse(null);
        assertNotNull(key, "the receipt's kid names a published key");
        jws.setKey(key.getKey());
        return jws.verifySignature() ? new JsonPath(jws.getPayload()) : null;
    }

    @Test
    void oneLabsFullFlowFromInboxToPublishedAnswer() throws Exception {
        String lab = labToken("anthropic", ANTHROPIC_REP);
        // inbox: the questions put to anthropic; with a reply-by date in the past, the unanswered ones are overdue
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update questionnaire set reply_by = date '2020-01-31' where slug = 'ailabwatch-questions-to-labs'").executeUpdate());
        List<Map<String, Object>> items = inbox(lab);
        assertFalse(items.isEmpty());
        Map<String, Object> open = items.stream().filter(i -> "UNANSWERED".equals(i.get("status")) && Boolean.TRUE.equals(i.get("delivered"))
                && "ailabwatch-questions-to-labs".equals(i.get("questionnaire")) && i.get("latestSubmission") == null).findFirst().orElseThrow();
        assertEquals("2020-01-31", open.get("replyBy"));
        assertEquals(Boolean.TRUE, open.get("overdue"));
        items.stream().filter(i -> !"UNANSWERED".equals(i.get("status"))).forEach(i -> assertEquals(Boolean.FALSE, i.get("overdue"), i.toString()));
        String question = (String) open.get("question");
        long answerId = ((Number) open.get("answerId")).longValue();

        // submit: a receipt over the canonical form of what was sent
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "REPLY");
        body.put("question", question);
        body.put("status", "ANSWERED");
        body.put("statement", "Test text, not a statement of the lab — kept verbatim. «Unicode» ✓");
        body.put("links", List.of("https://example.org/anthropic/board"));
        body.put("respondent", "Head of Policy");
        body.put("capacity", "OFFICIAL");
        Response created = as(lab).body(body).post("/api/reply/submissions");
        created.then().statusCode(201).header("Location", containsString("/api/reply/submissions/"));
        JsonPath r1 = created.jsonPath();
        long id1 = r1.getLong("id");
        assertEquals(1, r1.getInt("version"));
        Map<String, Object> expected = new LinkedHashMap<>(body);
        expected.remove("question");
        expected.put("lab", "anthropic");
        expected.put("target", question);
        String mine = canonical(expected);
        assertEquals(mine, r1.getString("canonical"), "the canonical form is what the lab computes itself");
        assertEquals(sha256(mine), r1.getString("sha256"));
        JsonPath claims = verify(r1.getString("receipt"));
        assertNotNull(claims, "the receipt verifies with the published key");
        assertEquals(sha256(mine), claims.getString("sha256"));
        assertEquals("anthropic", claims.getString("lab"));
        assertEquals(question, claims.getString("target"));
        assertEquals(1, claims.getInt("version"));
        assertEquals(r1.getString("receivedAt").substring(0, 19), claims.getString("receivedAt").substring(0, 19));

        // a tampered receipt (another hash in its payload, the signature kept) fails verification
        String[] parts = r1.getString("receipt").split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace(sha256(mine), sha256(mine + " "));
        assertNotEquals(payload, forged);
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertNull(verify(tampered), "a tampered receipt does not verify");

        // re-submission: version 2 beside version 1, nothing overwritten
        body.put("statement", "Test text, second version (not a statement of the lab).");
        JsonPath r2 = as(lab).body(body).post("/api/reply/submissions").then().statusCode(201).extract().jsonPath();
        long id2 = r2.getLong("id");
        assertEquals(2, r2.getInt("version"));
        assertNotEquals(r1.getString("sha256"), r2.getString("sha256"));
        JsonPath v1 = as(lab).get("/api/reply/submissions/" + id1).then().statusCode(200).extract().jsonPath();
        assertEquals("Test text, not a statement of the lab — kept verbatim. «Unicode» ✓", v1.getString("statement"));
        assertEquals(r1.getString("sha256"), v1.getString("sha256"));
        assertEquals(List.of(1, 2), v1.getList("versions.version"));
        // pending: not public
        when().get("/api/reply/submissions/" + id1).then().statusCode(404);

        // the curators' queue holds both
        List<Long> queue = as(Tokens.curator()).queryParam("state", "pending").queryParam("size", 200).get("/api/reply/submissions")
                .then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
        assertTrue(queue.containsAll(List.of(id1, id2)), queue.toString());

        // accept version 2: it becomes the lab's answer through the answer write path
        as(Tokens.curator()).body(Map.of("decision", "ACCEPT", "reason", "the lab's official reply")).post("/api/reply/submissions/" + id2 + "/decision")
                .then().statusCode(200).body("state", equalTo("ACCEPTED"));
        as(Tokens.curator()).body(Map.of("decision", "ACCEPT")).post("/api/reply/submissions/" + id2 + "/decision")
                .then().statusCode(409).contentType("application/problem+json");
        JsonPath answer = when().get("/api/answers/" + answerId).then().statusCode(200).extract().jsonPath();
        assertEquals("LAB_REPLY", answer.getString("kind"));
        assertEquals("OFFICIAL", answer.getString("capacity"));
        assertEquals("ANSWERED", answer.getString("status"));
        assertEquals("Test text, second version (not a statement of the lab).", answer.getString("summary"));
        assertEquals("/api/reply/submissions/" + id2, answer.getString("labReply"));
        JsonPath published = when().get("/api/reply/submissions/" + id2).then().statusCode(200).extract().jsonPath();
        assertEquals(r2.getString("receipt"), published.getString("receipt"));
        assertEquals("ACCEPTED", published.getString("state"));
        List<Long> onAnswer = when().get("/api/answers/" + answerId + "/lab-replies").then().statusCode(200).extract().jsonPath().getList("id", Long.class);
        assertEquals(List.of(id2), onAnswer);
        JsonPath gql = org.labledger.graphql.GraphQL.data("query($f: AnswerFilter) { answers(filter: $f, size: 200) { items { id kind labReply { id statement sha256 receipt state } } } }",
                Map.of("f", Map.of("lab", "anthropic", "question", question)));
        assertEquals(r2.getString("sha256"), gql.getString("answers.items[0].labReply.sha256"));
        assertEquals("LAB_REPLY", gql.getString("answers.items[0].kind"));

        // every step is a revision: the submissions' creation and decision, the answer's update
        List<Map<String, Object>> history = given().queryParam("size", 200).get("/api/answers/" + answerId + "/history").then().statusCode(200).extract().jsonPath().getList("items");
        assertTrue(history.stream().anyMatch(h -> h.get("after") instanceof Map<?, ?> m && "LAB_REPLY".equals(m.get("kind"))), history.toString());
        List<Map<String, Object>> subs = given().queryParam("entity", "REPLY_SUBMISSION").queryParam("size", 200).get("/api/changes")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertTrue(subs.stream().anyMatch(c -> ((Number) c.get("entityId")).longValue() == id2 && "UPDATE".equals(c.get("action"))));
        assertTrue(subs.stream().filter(c -> ((Number) c.get("entityId")).longValue() == id1 && "CREATE".equals(c.get("action"))).count() == 1);

        // reject version 1 as off-topic: published with its public reason
        as(Tokens.curator()).body(Map.of("decision", "REJECT", "rejection", "OFF_TOPIC", "reason", "superseded by version 2"))
                .post("/api/reply/submissions/" + id1 + "/decision").then().statusCode(200);
        JsonPath rejected = when().get("/api/reply/submissions/" + id1).then().statusCode(200).extract().jsonPath();
        assertEquals("REJECTED", rejected.getString("state"));
        assertEquals("OFF_TOPIC", rejected.getString("rejection"));
        assertEquals("superseded by version 2", rejected.getString("decisionReason"));
        assertEquals("Test text, not a statement of the lab — kept verbatim. «Unicode» ✓", rejected.getString("statement"));

        // the lab's feed and the scorecard
        String feed = when().get("/api/labs/anthropic/replies.atom").then().statusCode(200).extract().asString();
        assertTrue(feed.contains("urn:labledger:reply-decision:" + id2) && feed.contains("urn:labledger:reply-decision:" + id1), feed);
        assertTrue(feed.contains("urn:labledger:question-put:" + answerId), "the question put to the lab is in its feed");
        JsonPath card = when().get("/api/labs/anthropic/scorecard").then().statusCode(200).extract().jsonPath();
        assertEquals(1, card.getInt("counts.answeredByLab"));
        assertEquals(card.getInt("counts.partial") + card.getInt("counts.answered") - 1, card.getInt("counts.answeredPerCurator"));
    }

    @Test
    void twoLabsAreKeptApartOnEveryRouteAndMutation() {
        String anthropic = labToken("anthropic", ANTHROPIC_REP);
        String openai = labToken("openai", OPENAI_REP);
        List<Map<String, Object>> theirs = inbox(anthropic);
        // the inbox is a page like every list: the envelope, X-Total-Count and Link; an unknown parameter is refused
        Response page = as(anthropic).queryParam("size", 1).get("/api/reply/questions");
        page.then().statusCode(200);
        // (page 0 of a keyset list: with the cursor of the next page, as the inbox holds more than one question)
        assertEquals(List.of("items", "nextCursor", "page", "size", "totalItems", "totalPages"), page.jsonPath().getMap("$").keySet().stream().sorted().toList());
        assertEquals(String.valueOf(theirs.size()), page.header("X-Total-Count"));
        assertNotNull(page.header("Link"));
        as(anthropic).queryParam("zz-unknown", "1").get("/api/reply/questions").then().statusCode(400).contentType("application/problem+json");
        as(Tokens.curator()).queryParam("zz-unknown", "1").get("/api/reply/submissions").then().statusCode(400).contentType("application/problem+json");
        List<Map<String, Object>> ours = inbox(openai);
        List<Object> ourQuestions = ours.stream().map(i -> i.get("question")).toList();
        List<Object> ourAnswers = ours.stream().map(i -> i.get("answerId")).toList();
        theirs.forEach(i -> assertFalse(ourAnswers.contains(i.get("answerId")), "openai's inbox holds no answer of anthropic's"));
        Map<String, Object> foreign = theirs.stream().filter(i -> !ourQuestions.contains(i.get("question"))).findFirst().orElseThrow();
        long theirAnswer = ((Number) foreign.get("answerId")).longValue();

        // submissions on anthropic's question, answer, claim: 403
        List<Map<String, Object>> attempts = List.of(
                Map.of("kind", "REPLY", "question", foreign.get("question"), "status", "ANSWERED", "statement", "not ours"),
                Map.of("kind", "CORRECTION", "answer", theirAnswer, "statement", "not ours"),
                Map.of("kind", "DISPUTE", "claim", "c004-vox-ltbt-fifth-member", "statement", "not ours"));
        for (Map<String, Object> a : attempts) {
            as(openai).body(a).post("/api/reply/submissions").then().statusCode(403).contentType("application/problem+json");
        }
        // ... while a claim about openai may be disputed by openai
        long dispute = as(openai).body(Map.of("kind", "DISPUTE", "claim", "c002-musk-control", "statement", "Test text: a dispute (not a statement of the lab)."))
                .post("/api/reply/submissions").then().statusCode(201).extract().jsonPath().getLong("id");
        long pending = as(anthropic).body(Map.of("kind", "CORRECTION", "answer", theirAnswer, "statement", "A correction."))
                .post("/api/reply/submissions").then().statusCode(201).extract().jsonPath().getLong("id");
        // reading and listing another lab's pending submissions: 403
        as(openai).get("/api/reply/submissions/" + pending).then().statusCode(403);
        as(anthropic).get("/api/reply/submissions/" + dispute).then().statusCode(403);
        as(openai).queryParam("lab", "anthropic").get("/api/reply/submissions").then().statusCode(403);
        List<Long> own = as(openai).queryParam("size", 200).get("/api/reply/submissions").then().statusCode(200).extract().jsonPath().getList("items.id", Long.class);
        assertTrue(own.contains(dispute) && !own.contains(pending), own.toString());
        // a lab does not review, nor manage representatives
        as(openai).body(Map.of("decision", "ACCEPT")).post("/api/reply/submissions/" + pending + "/decision").then().statusCode(403);
        as(openai).get("/api/labs/openai/representatives").then().statusCode(403);
        as(openai).body(Map.of("subject", "someone")).post("/api/labs/anthropic/representatives").then().statusCode(403);
        // GraphQL: the same checks
        JsonPath g = given().header("Authorization", "Bearer " + openai).contentType("application/json")
                .body(Map.of("query", "mutation($i: ReplySubmissionInput!) { submitReply(input: $i) { id } }",
                        "variables", Map.of("i", Map.of("kind", "CORRECTION", "answer", theirAnswer, "statement", "not ours"))))
                .post("/graphql").then().extract().jsonPath();
        assertEquals("FORBIDDEN", g.getString("errors[0].extensions.code"), g.prettify());
        JsonPath gi = given().header("Authorization", "Bearer " + openai).contentType("application/json")
                .body(Map.of("query", "{ replyInbox(page: 0, size: 200) { answerId } }")).post("/graphql").then().statusCode(200).extract().jsonPath();
        List<Object> gAnswers = gi.getList("data.replyInbox.answerId");
        assertEquals(ourAnswers.size(), gAnswers.size());
        assertFalse(gAnswers.contains((int) theirAnswer) || gAnswers.contains(theirAnswer));

        // a subject not on the lab's allow-list, and one revoked: 403; a lab token without its lab claim: 401
        as(labToken("anthropic", "stranger@example.org")).get("/api/reply/questions").then().statusCode(403);
        as(labToken("anthropic", OPENAI_REP)).get("/api/reply/questions").then().statusCode(403);
        as(Tokens.admin()).body(Map.of("subject", "temp@anthropic.example")).post("/api/labs/anthropic/representatives").then().statusCode(200);
        String temp = labToken("anthropic", "temp@anthropic.example");
        as(temp).get("/api/reply/questions").then().statusCode(200);
        List<String> listed = as(Tokens.admin()).get("/api/labs/anthropic/representatives").then().statusCode(200).extract().jsonPath().getList("subject");
        assertTrue(listed.contains("temp@anthropic.example") && listed.contains(ANTHROPIC_REP), listed.toString());
        as(Tokens.admin()).delete("/api/labs/anthropic/representatives/temp@anthropic.example").then().statusCode(204);
        as(temp).get("/api/reply/questions").then().statusCode(403);
        as(temp).body(attempts.get(1)).post("/api/reply/submissions").then().statusCode(403);
        long now = System.currentTimeMillis() / 1000;
        String noClaim = Tokens.signed("{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"sub\":\"x\",\"groups\":[\"lab\"],\"iat\":"
                + (now - 5) + ",\"exp\":" + (now + 600) + "}");
        as(noClaim).get("/api/reply/questions").then().statusCode(401);
        // readers and curators have no inbox
        when().get("/api/reply/questions").then().statusCode(401);
        as(Tokens.curator()).get("/api/reply/questions").then().statusCode(403);
    }

    @Test
    void oversizeIs413AndTooManyIs429() {
        String gdm = labToken("google-deepmind", GDM_REP);
        List<Map<String, Object>> items = inbox(gdm);
        assertFalse(items.isEmpty(), "questions were put to google-deepmind");
        String question = (String) items.get(0).get("question");
        as(gdm).body(Map.of("kind", "REPLY", "question", question, "status", "PARTIAL", "statement", "x".repeat(9000)))
                .post("/api/reply/submissions").then().statusCode(413).contentType("application/problem+json");
        // bad input: a problem, nothing stored
        as(gdm).body(Map.of("kind", "REPLY", "question", question, "statement", "no status")).post("/api/reply/submissions")
                .then().statusCode(400).contentType("application/problem+json");
        List<Integer> codes = new ArrayList<>();
        Response last = null;
        for (int i = 0; i < 8; i++) {
            last = as(gdm).body(Map.of("kind", "REPLY", "question", question, "status", "PARTIAL", "statement", "attempt " + i)).post("/api/reply/submissions");
            codes.add(last.statusCode());
            if (last.statusCode() == 429) {
                break;
            }
        }
        assertEquals(429, codes.get(codes.size() - 1), codes.toString());
        assertTrue(codes.subList(0, codes.size() - 1).stream().allMatch(c -> c == 201), codes.toString());
        assertTrue(Long.parseLong(last.header("Retry-After")) > 0);
        assertEquals("application/problem+json", last.contentType().split(";")[0]);
    }

    @Test
    void disputesShowOnTheClaimAndAbuseIsWithheld() {
        String openai = labToken("openai", OPENAI_REP);
        long accepted = as(openai).body(Map.of("kind", "DISPUTE", "claim", "c002-musk-control", "statement", "Test text: a dispute to accept (not a statement of the lab).",
                "links", List.of("https://example.org/dispute"))).post("/api/reply/submissions").then().statusCode(201).extract().jsonPath().getLong("id");
        long abusive = as(openai).body(Map.of("kind", "DISPUTE", "claim", "c002-musk-control", "statement", "Test text standing for an abusive one."))
                .post("/api/reply/submissions").then().statusCode(201).extract().jsonPath().getLong("id");
        // a claim has no status to judge; a rejection needs its public reason
        as(Tokens.curator()).body(Map.of("decision", "JUDGE", "status", "PARTIAL")).post("/api/reply/submissions/" + accepted + "/decision")
                .then().statusCode(400).contentType("application/problem+json");
        as(Tokens.curator()).body(Map.of("decision", "REJECT", "rejection", "ABUSE")).post("/api/reply/submissions/" + abusive + "/decision")
                .then().statusCode(400);
        as(Tokens.curator()).body(Map.of("decision", "ACCEPT")).post("/api/reply/submissions/" + accepted + "/decision").then().statusCode(200);
        as(Tokens.curator()).body(Map.of("decision", "REJECT", "rejection", "ABUSE", "reason", "insults"))
                .post("/api/reply/submissions/" + abusive + "/decision").then().statusCode(200);
        List<Map<String, Object>> onClaim = when().get("/api/claims/c002-musk-control/lab-replies").then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> shown = onClaim.stream().filter(m -> ((Number) m.get("id")).longValue() == accepted).findFirst().orElseThrow();
        assertEquals("ACCEPTED", shown.get("state"));
        assertEquals("Test text: a dispute to accept (not a statement of the lab).", shown.get("statement"));
        Map<String, Object> withheld = onClaim.stream().filter(m -> ((Number) m.get("id")).longValue() == abusive).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, withheld.get("withheld"));
        assertNull(withheld.get("statement"));
        assertEquals("insults", withheld.get("decisionReason"));
        assertNotNull(withheld.get("sha256"), "the hash stays public: the lab can still prove what it sent");
        // ... while the lab itself still reads its own text
        assertEquals("Test text standing for an abusive one.", as(openai).get("/api/reply/submissions/" + abusive).then().statusCode(200).extract().path("statement"));
        JsonPath g = org.labledger.graphql.GraphQL.data("{ claim(key: \"c002-musk-control\") { labReplies { id state statement } } }");
        assertTrue(g.getList("claim.labReplies.id").stream().anyMatch(i -> ((Number) i).longValue() == accepted), g.prettify());
        // a lab token may not also be a curator's: refused as a bad token
        long now = System.currentTimeMillis() / 1000;
        String both = Tokens.signed("{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"sub\":\"" + OPENAI_REP
                + "\",\"groups\":[\"lab\",\"curator\"],\"lab\":\"openai\",\"iat\":" + (now - 5) + ",\"exp\":" + (now + 600) + "}");
        as(both).get("/api/reply/questions").then().statusCode(401);
        // the database keeps what was received: no update of the text, no deletion
        for (String sql : List.of("update reply_submission set statement = 'altered' where id = " + accepted, "delete from reply_submission where id = " + accepted)) {
            try {
                QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).executeUpdate());
                org.junit.jupiter.api.Assertions.fail("the database allowed: " + sql);
            } catch (RuntimeException e) {
                assertTrue(String.valueOf(e).contains("immutable") || String.valueOf(e.getCause()).contains("immutable")
                        || rootMessage(e).contains("immutable"), rootMessage(e));
            }
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
