package org.labledger.curation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labledger.security.Tokens;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 14: an answer's kind, capacity and afterPublication are written by curators through the one answer write
 * path (PATCH, PUT, batch, GraphQL), recorded in the revision snapshot; LAB_REPLY comes only through the right of reply.
 */
@QuarkusTest
class AnswerKindWriteTest {

    @Inject
    EntityManager em;

    private long id;
    private Object[] saved;

    @BeforeEach
    void remember() {
        id = given().queryParam("lab", "meta").queryParam("questionnaire", "ailabwatch-questions-to-labs").queryParam("size", 1)
                .when().get("/api/answers").then().statusCode(200).extract().jsonPath().getList("items.id", Long.class).get(0);
        saved = (Object[]) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select kind, capacity, after_publication, version from answer where id = ?1").setParameter(1, id).getSingleResult());
    }

    @AfterEach
    void restore() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update answer set kind = ?1, capacity = ?2, after_publication = ?3, version = ?4 where id = ?5")
                    .setParameter(1, saved[0]).setParameter(2, saved[1]).setParameter(3, saved[2]).setParameter(4, saved[3]).setParameter(5, id)
                    .executeUpdate();
            em.createNativeQuery("delete from revision where entity = 'ANSWER' and entity_id = ?1").setParameter(1, id).executeUpdate();
        });
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    private String etag() {
        return when().get("/api/answers/" + id).then().statusCode(200).extract().header("ETag");
    }

    private int version() {
        return when().get("/api/answers/" + id).then().statusCode(200).extract().jsonPath().getInt("version");
    }

    @Test
    void kindCapacityAndAfterPublicationRoundTripAndAreRecorded() {
        assertEquals("QUESTIONNAIRE_REPLY", saved[0]);
        OffsetDateTime before = OffsetDateTime.now();
        as(Tokens.curator()).contentType("application/merge-patch+json").header("If-Match", etag())
                .body("{\"kind\": \"PUBLIC_STATEMENT\", \"capacity\": \"PERSONAL\", \"afterPublication\": true, \"reason\": \"test: read as a public statement\"}")
                .when().patch("/api/answers/" + id).then().statusCode(200)
                .body("kind", equalTo("PUBLIC_STATEMENT")).body("capacity", equalTo("PERSONAL")).body("afterPublication", equalTo(true));
        JsonPath a = when().get("/api/answers/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("PUBLIC_STATEMENT", a.getString("kind"));
        assertEquals("PERSONAL", a.getString("capacity"));
        assertEquals(true, a.getBoolean("afterPublication"));

        // a patch that leaves them out leaves them as they are
        as(Tokens.curator()).contentType("application/merge-patch+json").header("If-Match", etag())
                .body("{\"respondent\": \"a spokesperson\"}").when().patch("/api/answers/" + id).then().statusCode(200)
                .body("kind", equalTo("PUBLIC_STATEMENT")).body("capacity", equalTo("PERSONAL"));

        JsonPath h = given().queryParam("entity", "ANSWER").queryParam("since", before.minusSeconds(1).toString()).queryParam("size", 200)
                .get("/api/changes").then().statusCode(200).extract().jsonPath();
        String rev = "items.find { it.entityId == " + id + " && it.after.kind == 'PUBLIC_STATEMENT' && it.before.kind == null }";
        assertEquals("PERSONAL", h.getString(rev + ".after.capacity"));
        assertEquals(true, h.getBoolean(rev + ".after.afterPublication"));
        assertNull(h.get(rev + ".before.capacity"), "the defaults stay out of the snapshot");

        // the batch and GraphQL take them the same way
        String batch = "{\"items\": [{\"id\": " + id + ", \"version\": " + version() + ", \"set\": {\"status\": \"" + a.getString("status")
                + "\", \"kind\": \"CORRECTION_OF_ASSESSMENT\", \"capacity\": \"OFFICIAL\"}}]}";
        as(Tokens.curator()).body(batch).when().post("/api/answers/batch").then().statusCode(200);
        assertEquals("CORRECTION_OF_ASSESSMENT", when().get("/api/answers/" + id).jsonPath().getString("kind"));
        String m = "mutation($id: ID!, $v: Int!, $s: ResponseStatus!) { updateAnswer(id: $id, version: $v, change: {status: $s, kind: QUESTIONNAIRE_REPLY, afterPublication: false}) { kind capacity afterPublication } }";
        JsonPath g = as(Tokens.curator()).body(Map.of("query", m, "variables", Map.of("id", String.valueOf(id), "v", version(), "s", a.getString("status"))))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        assertNull(g.get("errors"), () -> g.prettify());
        assertEquals("QUESTIONNAIRE_REPLY", g.getString("data.updateAnswer.kind"));
        assertEquals("OFFICIAL", g.getString("data.updateAnswer.capacity"));
        assertEquals(false, g.getBoolean("data.updateAnswer.afterPublication"));
    }

    @Test
    void labReplyIsRefusedOutsideTheRightOfReply() {
        OffsetDateTime before = OffsetDateTime.now();
        int v = version();
        as(Tokens.curator()).contentType("application/merge-patch+json").header("If-Match", etag())
                .body("{\"kind\": \"LAB_REPLY\", \"reason\": \"test\"}").when().patch("/api/answers/" + id).then().statusCode(422)
                .contentType(containsString("application/problem+json")).body("errors[0].field", equalTo("kind"))
                .body("detail", containsString("right of reply"));
        as(Tokens.curator()).contentType("application/merge-patch+json").header("If-Match", etag())
                .body("{\"capacity\": \"SOMETIMES\"}").when().patch("/api/answers/" + id).then().statusCode(400);
        String m = "mutation($id: ID!, $v: Int!) { updateAnswer(id: $id, version: $v, change: {status: UNANSWERED, kind: LAB_REPLY, reason: \"test\"}) { kind } }";
        JsonPath g = as(Tokens.curator()).body(Map.of("query", m, "variables", Map.of("id", String.valueOf(id), "v", v)))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals("UNPROCESSABLE", g.getString("errors[0].extensions.code"), () -> g.prettify());
        assertEquals(v, version(), "nothing written");
        assertEquals("QUESTIONNAIRE_REPLY", when().get("/api/answers/" + id).jsonPath().getString("kind"));
        assertEquals(List.of(), given().queryParam("entity", "ANSWER").queryParam("since", before.minusSeconds(1).toString()).queryParam("size", 200).get("/api/changes").jsonPath()
                .getList("items.findAll { it.entityId == " + id + " }"));
    }
}
