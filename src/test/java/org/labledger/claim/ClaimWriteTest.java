package org.labledger.claim;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.labledger.graphql.GraphQL;
import org.labledger.security.Tokens;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Curators' writes to claims and entities (issue 14): one write path with revisions, its links and supported records
 * written as part of the claim, optimistic locking, roles, problem+json with nothing half-written, and asOf.
 */
@QuarkusTest
class ClaimWriteTest {

    static final String KEY = "t14-aim-no-sense-again";

    @Inject
    EntityManager em;

    private static Map<String, Object> claim(String summary, List<Map<String, Object>> links) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("key", KEY);
        m.put("claimant", "aim");
        m.put("stance", "DISPUTES");
        m.put("certainty", "REPORTED");
        m.put("summary", summary);
        m.put("about", Map.of("type", "AGREEMENT", "key", "azure-openai-service"));
        m.put("links", links);
        m.put("supports", List.of());
        m.put("citations", List.of(Map.of("source", "article-microsoft-playing-with-openai", "quote", "This, literally, makes no sense whatsoever.")));
        m.put("reason", "test");
        return m;
    }

    private static final List<Map<String, Object>> DISPUTES_LEE = List.of(Map.of("relation", "DISPUTES", "claim", "c002-peter-lee-aoai-privacy"));

    private static io.restassured.specification.RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).auth().oauth2(token);
    }

    @Test
    void createUpdateDeleteAClaimWithADisputeAsRevisionsWithAsOf() throws InterruptedException {
        // no token: 401; a reader: 403; nothing written
        given().contentType(ContentType.JSON).body(claim("s", DISPUTES_LEE)).when().post("/api/claims").then().statusCode(401);
        as(Tokens.reader()).body(claim("s", DISPUTES_LEE)).when().post("/api/claims").then().statusCode(403).contentType("application/problem+json");
        when().get("/api/claims/" + KEY).then().statusCode(404);

        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC);
        Thread.sleep(20);
        String etag = as(Tokens.curator()).body(claim("AIM answers Peter Lee: it makes no sense.", DISPUTES_LEE)).when().post("/api/claims")
                .then().statusCode(201).header("Location", containsString("/api/claims/" + KEY))
                .body("key", equalTo(KEY)).body("claimant.slug", equalTo("aim"))
                .body("disputes[0].claim", equalTo("c002-peter-lee-aoai-privacy"))
                .body("citations[0].quote", equalTo("This, literally, makes no sense whatsoever."))
                .extract().header("ETag");
        // the dispute is served from the other end: the claim it disputes, and the provision that claim supports
        when().get("/api/claims/c002-peter-lee-aoai-privacy").then().statusCode(200).body("disputedBy.claim", hasItem(KEY));
        JsonPath g = GraphQL.data("{ claim(key: \"c002-peter-lee-aoai-privacy\") { disputedBy { claim { key version } } } }");
        assertTrue(g.getList("claim.disputedBy.claim.key").contains(KEY));

        // the write is a revision in the change history
        JsonPath changes = given().queryParam("entity", "CLAIM").queryParam("size", 200).when().get("/api/changes").then().statusCode(200).extract().jsonPath();
        Map<String, Object> created = changes.getMap("items.find { it.key == '" + KEY + "' && it.action == 'CREATE' }");
        assertEquals("aim", ((Map<?, ?>) created.get("after")).get("claimant"));
        assertTrue(when().get("/api/changes.atom").then().statusCode(200).extract().asString().contains(KEY), "and in the Atom feed");

        // asOf before the write does not show it; after it, it does
        given().queryParam("asOf", before.toString()).when().get("/api/claims/" + KEY + "/state").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("asOf", OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).toString()).when().get("/api/claims/" + KEY + "/state").then().statusCode(200)
                .body("fromHistory", equalTo(true)).body("state.summary", equalTo("AIM answers Peter Lee: it makes no sense."))
                .body("state.links[0].claim", equalTo("c002-peter-lee-aoai-privacy"));
        given().queryParam("asOf", "yesterday").when().get("/api/claims/" + KEY + "/state").then().statusCode(400);
        // a seeded claim nobody changed: its current state, not from the history
        given().queryParam("asOf", "2020-01-01").when().get("/api/claims/c002-no-sense/state").then().statusCode(200).body("fromHistory", equalTo(false));

        // update: If-Match required, a stale one refused, the current one accepted
        Map<String, Object> changed = claim("AIM answers Peter Lee's statement: it makes no sense.", DISPUTES_LEE);
        changed.put("supports", List.of(Map.of("type", "PROVISION", "key", "microsoft-openai-2019-investment")));
        as(Tokens.curator()).body(changed).when().put("/api/claims/" + KEY).then().statusCode(428);
        as(Tokens.curator()).header("If-Match", "\"v7\"").body(changed).when().put("/api/claims/" + KEY).then().statusCode(412).contentType("application/problem+json");
        String etag2 = as(Tokens.curator()).header("If-Match", etag).body(changed).when().put("/api/claims/" + KEY).then().statusCode(200)
                .body("supportsRecords[0].key", equalTo("microsoft-openai-2019-investment")).extract().header("ETag");
        assertTrue(!etag.equals(etag2), etag + " then " + etag2);
        as(Tokens.curator()).header("If-Match", etag).body(changed).when().put("/api/claims/" + KEY).then().statusCode(412);
        // the supported provision now lists it
        JsonPath agreement = when().get("/api/agreements/microsoft-openai-2019").then().statusCode(200).extract().jsonPath();
        assertTrue(agreement.getList("provisions.find { it.key == 'microsoft-openai-2019-investment' }.claims.key").contains(KEY));

        // the claim it disputes cannot be deleted while this one links to it
        as(Tokens.curator()).when().delete("/api/claims/c002-peter-lee-aoai-privacy").then().statusCode(409).contentType("application/problem+json");

        OffsetDateTime afterUpdate = OffsetDateTime.now(ZoneOffset.UTC);
        Thread.sleep(20);
        as(Tokens.reader()).when().delete("/api/claims/" + KEY).then().statusCode(403);
        as(Tokens.curator()).header("If-Match", etag2).queryParam("reason", "test done").when().delete("/api/claims/" + KEY).then().statusCode(204);
        when().get("/api/claims/" + KEY).then().statusCode(404);
        when().get("/api/claims/c002-peter-lee-aoai-privacy").then().statusCode(200).body("disputedBy.claim", not(hasItem(KEY)));
        // deleted now, but as it stood before the deletion
        given().queryParam("asOf", afterUpdate.toString()).when().get("/api/claims/" + KEY + "/state").then().statusCode(200)
                .body("state.summary", equalTo("AIM answers Peter Lee's statement: it makes no sense."));
        List<String> actions = given().queryParam("entity", "CLAIM").queryParam("size", 200).when().get("/api/changes").then().extract().jsonPath()
                .getList("items.findAll { it.key == '" + KEY + "' }.action");
        assertEquals(List.of("CREATE", "UPDATE", "DELETE"), actions);
    }

    @Test
    void invalidClaimsAreProblemsAndNothingIsWritten() {
        long revisions = revisionCount();
        Map<String, Object> bad = claim("s", List.of(Map.of("relation", "DISPUTES", "claim", "c-nowhere")));
        as(Tokens.curator()).body(bad).when().post("/api/claims").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("links[0].claim"));
        Map<String, Object> badSupport = claim("s", DISPUTES_LEE);
        badSupport.put("supports", List.of(Map.of("type", "LAB", "key", "openai")));
        as(Tokens.curator()).body(badSupport).when().post("/api/claims").then().statusCode(422).body("detail", containsString("supports[0].type"));
        Map<String, Object> noQuote = claim("s", DISPUTES_LEE);
        noQuote.put("citations", List.of(Map.of("source", "article-microsoft-playing-with-openai", "locator", "somewhere")));
        as(Tokens.curator()).body(noQuote).when().post("/api/claims").then().statusCode(422).body("detail", containsString("verbatim quote"));
        Map<String, Object> unknownClaimant = claim("s", DISPUTES_LEE);
        unknownClaimant.put("claimant", "nobody");
        as(Tokens.curator()).body(unknownClaimant).when().post("/api/claims").then().statusCode(422).body("detail", containsString("claimant"));
        Map<String, Object> blank = claim(" ", DISPUTES_LEE);
        blank.remove("stance");
        as(Tokens.curator()).body(blank).when().post("/api/claims").then().statusCode(400).contentType("application/problem+json");
        when().get("/api/claims/" + KEY).then().statusCode(404);
        assertEquals(revisions, revisionCount(), "no revision for a refused write");
    }

    @Test
    void graphQLMutationsWriteClaimsAndEntitiesThroughTheSamePath() throws InterruptedException {
        String create = """
                mutation($in: ClaimInput!) { createClaim(input: $in) { key version stance claimant { slug } disputes { claim { key } } supportsRecords { key } } }""";
        Map<String, Object> in = claim("AIM answers Peter Lee: it makes no sense.", DISPUTES_LEE);
        in.remove("reason");
        gql(Tokens.reader(), create, Map.of("in", in)).body("errors[0].extensions.code", equalTo("FORBIDDEN"));
        JsonPath made = gql(Tokens.curator(), create, Map.of("in", in)).extract().jsonPath();
        assertEquals(0, made.getInt("data.createClaim.version"));
        assertEquals("c002-peter-lee-aoai-privacy", made.getString("data.createClaim.disputes[0].claim.key"));
        String update = "mutation($in: ClaimInput!, $v: Int!) { updateClaim(key: \"" + KEY + "\", version: $v, input: $in) { version summary } }";
        in.put("summary", "changed");
        gql(Tokens.curator(), update, Map.of("in", in, "v", 5)).body("errors[0].extensions.code", equalTo("CONFLICT"));
        gql(Tokens.curator(), update, Map.of("in", in, "v", 0)).body("data.updateClaim.summary", equalTo("changed"))
                .body("data.updateClaim.version", equalTo(1));
        in.put("claimant", "nobody");
        gql(Tokens.curator(), update, Map.of("in", in, "v", 1)).body("errors[0].extensions.code", not(equalTo(null)));
        gql(Tokens.curator(), "mutation { deleteClaim(key: \"" + KEY + "\", version: 1) }", null).body("data.deleteClaim", equalTo(true));

        // entities: create, update, refuse to delete a claimant, delete
        String entity = "mutation($in: EntityInput!) { createEntity(input: $in) { slug name version aliases { name inference } } }";
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("slug", "t14-someone");
        e.put("name", "Mustafa Suleyman");
        e.put("kind", "PERSON");
        e.put("aliases", List.of(Map.of("name", "Suleiman", "inference", false)));
        e.put("citations", List.of(Map.of("source", "article-microsoft-openai-saga", "quote", "Suleiman")));
        gql(Tokens.curator(), entity, Map.of("in", e)).body("data.createEntity.aliases[0].name", equalTo("Suleiman"))
                .body("data.createEntity.version", equalTo(0));
        String etag = when().get("/api/entities/t14-someone").then().statusCode(200).body("name", equalTo("Mustafa Suleyman")).extract().header("ETag");
        e.put("role", "as the document states it");
        as(Tokens.curator()).header("If-Match", "\"v9\"").body(e).when().put("/api/entities/t14-someone").then().statusCode(412);
        as(Tokens.curator()).header("If-Match", etag).body(e).when().put("/api/entities/t14-someone").then().statusCode(200).body("role", equalTo("as the document states it"));
        Thread.sleep(20);
        String afterUpdate = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).toString();
        Thread.sleep(20);
        Map<String, Object> badAlias = new java.util.LinkedHashMap<>(e);
        badAlias.put("aliases", List.of(Map.of("name", "Suleiman", "inference", true)));
        as(Tokens.curator()).header("If-Match", "*").body(badAlias).when().put("/api/entities/t14-someone").then().statusCode(422)
                .body("detail", containsString("aliases[0].rationale"));
        given().contentType(ContentType.JSON).body(e).when().post("/api/entities").then().statusCode(401);
        as(Tokens.curator()).when().delete("/api/entities/aim").then().statusCode(409).body("detail", containsString("claims (as claimant)"));
        as(Tokens.curator()).when().delete("/api/entities/t14-someone").then().statusCode(204);
        // deleted now, the entity is still in its history: as it stood after the update, and nowhere in 2020
        given().queryParam("asOf", afterUpdate)
                .when().get("/api/entities/t14-someone/state").then().statusCode(200)
                .body("fromHistory", equalTo(true)).body("state.role", equalTo("as the document states it"));
        given().queryParam("asOf", "2020-01-01").when().get("/api/entities/t14-someone/state").then().statusCode(404);
        given().when().get("/api/entities/t14-someone/state").then().statusCode(400).contentType("application/problem+json");
        List<String> actions = given().queryParam("entity", "ENTITY").queryParam("size", 200).when().get("/api/changes").then().extract().jsonPath()
                .getList("items.findAll { it.key == 't14-someone' }.action");
        assertEquals(List.of("CREATE", "UPDATE", "DELETE"), actions);
    }

    private long revisionCount() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*) from revision").getSingleResult()).longValue());
    }

    private static ValidatableResponse gql(String token, String query, Map<String, Object> vars) {
        return given().contentType(ContentType.JSON).auth().oauth2(token)
                .body(vars == null ? Map.of("query", query) : Map.of("query", query, "variables", vars)).post("/graphql").then().statusCode(200);
    }

    @AfterEach
    void cleanUp() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from citation where subject_type = 'CLAIM' and subject_id in (select id from claim where key like 't14-%')").executeUpdate();
            em.createNativeQuery("delete from claim where key like 't14-%'").executeUpdate();
            em.createNativeQuery("delete from citation where subject_type = 'ENTITY' and subject_id in (select id from named_entity where slug like 't14-%')").executeUpdate();
            em.createNativeQuery("delete from named_entity where slug like 't14-%'").executeUpdate();
            em.createNativeQuery("delete from revision where entity_key like 't14-%'").executeUpdate();
        });
    }
}
