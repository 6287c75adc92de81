package org.labledger.answer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.labledger.graphql.GraphQL;
import org.labledger.question.TallyFilter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keyset paging (issue 15, cursors): walking a list by cursor yields every record once, in the order of offset paging;
 * a write between pages neither repeats nor skips a record; a bad, altered or foreign cursor is a 400; a deep page runs
 * the same statements as the first (no OFFSET, the same count) and its SQL reads indexes.
 */
@QuarkusTest
class CursorPagingTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>;\\s*rel=\"next\"");

    @Inject
    SessionFactory sessionFactory;
    @Inject
    EntityManager em;

    /** Every id of a list by offset pages of {@code size}. */
    static List<Long> byOffset(String path, Map<String, ?> query, int size) {
        return byOffset(path, query, size, "id").stream().map(o -> ((Number) o).longValue()).toList();
    }

    /** Every {@code idField} of a list by offset pages of {@code size}, page 1 on by OFFSET. */
    static List<Object> byOffset(String path, Map<String, ?> query, int size, String idField) {
        return byOffset(path, Map.of(), query, size, idField);
    }

    /** {@link #byOffset(String, Map, int, String)} with these request headers (e.g. a token). */
    static List<Object> byOffset(String path, Map<String, String> headers, Map<String, ?> query, int size, String idField) {
        List<Object> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonPath j = given().headers(headers).queryParams(query).queryParam("page", page).queryParam("size", size).when().get(path)
                    .then().statusCode(200).extract().jsonPath();
            ids.addAll(j.getList("items." + idField));
            if (page + 1 >= j.getInt("totalPages")) {
                return ids;
            }
        }
    }

    /** Every id of a list by cursor pages of {@code size}, following nextCursor; checks the Link rel="next" carries it. */
    static List<Object> byCursor(String path, Map<String, ?> query, int size, String idField) {
        return byCursor(path, Map.of(), query, size, idField);
    }

    /** {@link #byCursor(String, Map, int, String)} with these request headers (e.g. a token). */
    static List<Object> byCursor(String path, Map<String, String> headers, Map<String, ?> query, int size, String idField) {
        List<Object> ids = new ArrayList<>();
        String cursor = null;
        long total = -1;
        for (int pages = 0; pages < 10_000; pages++) {
            var request = given().headers(headers).queryParams(query).queryParam("size", size);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response r = request.when().get(path).then().statusCode(200).extract().response();
            JsonPath j = r.jsonPath();
            List<Object> items = j.getList("items." + idField);
            ids.addAll(items);
            if (total >= 0) {
                assertEquals(total, j.getLong("totalItems"), "the total is that of the whole list on every page");
            }
            total = j.getLong("totalItems");
            String next = j.getString("nextCursor");
            String link = String.join(", ", r.getHeaders().getValues("Link"));
            Matcher m = NEXT.matcher(link);
            if (next == null) {
                assertFalse(m.find(), "no next link on the last page: " + link);
                assertEquals(total, ids.size(), "the walk holds the whole list");
                return ids;
            }
            assertTrue(items.size() == size, "a page before the last is full");
            assertTrue(m.find(), "a next link: " + link);
            // page 0 keeps its offset link (page=1); a cursor page's next link carries the cursor
            assertTrue(cursor == null ? m.group(1).contains("page=1") : m.group(1).contains("cursor=" + next) && !m.group(1).contains("page="),
                    "the next link: " + m.group(1));
            cursor = next;
        }
        throw new AssertionError("no last page");
    }

    @Test
    void answersByCursorEqualAnswersByOffset() {
        for (Map<String, ?> q : List.<Map<String, ?>>of(Map.of(), Map.of("lab", "anthropic"), Map.of("status", "UNANSWERED"),
                Map.of("questionnaire", "ailabwatch-questions-to-labs", "status", "ANSWERED,PARTIAL"), Map.of("topic", "governance"))) {
            List<Object> offset = byOffset("/api/answers", q, 7, "id");
            List<Object> cursor = byCursor("/api/answers", q, 7, "id");
            assertFalse(offset.isEmpty(), "the seed has answers for " + q);
            assertEquals(offset, cursor, "cursor pages hold the rows of offset pages, in order, for " + q);
            assertEquals(cursor.size(), new HashSet<>(cursor).size(), "each answer once");
        }
    }

    @Test
    void questionsAndChangesByCursorEqualThemByOffset() {
        for (Map<String, ?> q : List.<Map<String, ?>>of(Map.of(), Map.of("lab", "anthropic", "status", "UNANSWERED"), Map.of("topic", "governance"),
                Map.of("status", "ANSWERED"), Map.of("q", "safety", "sort", "ordinal"))) {
            List<Object> offset = byOffset("/api/questions", q, 9, "key");
            assertFalse(offset.isEmpty(), "the seed has questions for " + q);
            assertEquals(offset, byCursor("/api/questions", q, 9, "key"), "questions by cursor and by offset, for " + q);
        }
        revisions();
        for (Map<String, ?> q : List.<Map<String, ?>>of(Map.of(), Map.of("entity", "CURSORTEST"), Map.of("entity", "CURSORTEST", "since", "2000-01-05T00:00:00Z"))) {
            List<Object> offset = byOffset("/api/changes", q, 6, "id");
            assertTrue(offset.size() >= 13, "changes recorded: " + offset.size());
            assertEquals(offset, byCursor("/api/changes", q, 6, "id"), "changes by cursor and by offset, for " + q);
        }
        // a cursor pages the questionnaire order only
        String next = given().queryParam("size", 2).when().get("/api/questions").then().statusCode(200).extract().path("nextCursor");
        given().queryParam("size", 2).queryParam("sort", "key").queryParam("cursor", next).when().get("/api/questions")
                .then().statusCode(400).contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("cursor"));
        // a cursor of the answers is no cursor of the questions
        String answers = given().queryParam("size", 2).when().get("/api/answers").then().statusCode(200).extract().path("nextCursor");
        given().queryParam("cursor", answers).when().get("/api/questions").then().statusCode(400).body("detail", containsString("another list"));
        given().queryParam("cursor", answers).when().get("/api/changes").then().statusCode(400).body("detail", containsString("another list"));
    }

    /** 40 revisions of a test entity, in pairs at the same instant (the order then falls to the id), once per database. */
    private void revisions() {
        QuarkusTransaction.requiringNew().run(() -> {
            if (((Number) em.createNativeQuery("select count(*) from revision where entity = 'CURSORTEST'").getSingleResult()).longValue() == 0) {
                for (int i = 0; i < 40; i++) {
                    em.createNativeQuery("insert into revision (entity, entity_key, action, actor, changed_at) values ('CURSORTEST', ?1, 'UPDATE', 'test', "
                            + "timestamptz '2000-01-01 00:00:00+00' + make_interval(days => ?2))").setParameter(1, "k" + i).setParameter(2, 20 - i / 2).executeUpdate();
                }
            }
        });
    }

    static final String ANSWER_CONNECTION = """
            query($after: String, $first: Int!) { answerConnection(filter: {statuses: [UNANSWERED]}, first: $first, after: $after) {
                totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status question { key topic { slug } } lab { slug } } } } }""";

    @Test
    void graphQLConnectionsWalkEveryRecordOnceInListOrder() {
        List<Object> offset = byOffset("/api/answers", Map.of("status", "UNANSWERED"), 50, "id");
        List<Object> walked = new ArrayList<>();
        String after = null;
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> vars = new java.util.HashMap<>(Map.of("first", 11));
            vars.put("after", after);
            JsonPath j = GraphQL.data(ANSWER_CONNECTION, vars);
            assertEquals(offset.size(), j.getInt("answerConnection.totalCount"));
            List<Map<String, Object>> edges = j.getList("answerConnection.edges");
            edges.forEach(e -> walked.add(Long.valueOf(((Map<?, ?>) e.get("node")).get("id").toString())));
            if (!edges.isEmpty()) {
                assertEquals(edges.get(edges.size() - 1).get("cursor"), j.getString("answerConnection.pageInfo.endCursor"));
            }
            if (!j.getBoolean("answerConnection.pageInfo.hasNextPage")) {
                break;
            }
            after = j.getString("answerConnection.pageInfo.endCursor");
        }
        assertEquals(offset.stream().map(o -> ((Number) o).longValue()).toList(), walked, "the connection walks the list of offset pages");

        List<Object> questions = byOffset("/api/questions", Map.of(), 50, "key");
        List<Object> keys = new ArrayList<>();
        after = null;
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("after", after);
            JsonPath j = GraphQL.data("query($after: String) { questionConnection(first: 13, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { key } } } }", vars);
            keys.addAll(j.getList("questionConnection.edges.node.key"));
            if (!j.getBoolean("questionConnection.pageInfo.hasNextPage")) {
                break;
            }
            after = j.getString("questionConnection.pageInfo.endCursor");
        }
        assertEquals(questions, keys);

        revisions();
        List<Object> changes = byOffset("/api/changes", Map.of(), 50, "id");
        List<Object> ids = new ArrayList<>();
        after = null;
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("after", after);
            JsonPath j = GraphQL.data("query($after: String) { changeConnection(first: 17, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }", vars);
            ids.addAll(j.getList("changeConnection.edges.node.id").stream().map(o -> (Object) Long.valueOf(o.toString())).toList());
            if (!j.getBoolean("changeConnection.pageInfo.hasNextPage")) {
                break;
            }
            after = j.getString("changeConnection.pageInfo.endCursor");
        }
        assertEquals(changes.stream().map(o -> ((Number) o).longValue()).toList(), ids);
    }

    /** Every {@code idField} of a GraphQL connection, {@code first} at a time, following endCursor; checks totalCount and edge cursors. */
    static List<Object> walkConnection(String field, String filter, int first, String idField) {
        return walkConnection(Map.of(), field, filter, first, idField);
    }

    /** {@link #walkConnection(String, String, int, String)} with these request headers (e.g. a token). */
    static List<Object> walkConnection(Map<String, String> headers, String field, String filter, int first, String idField) {
        List<Object> out = new ArrayList<>();
        String after = null;
        int total = -1;
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("after", after);
            JsonPath j = GraphQL.data(headers, "query($after: String) { " + field + "(" + filter + " first: " + first + ", after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { " + idField + " } } } }", vars);
            List<Object> cursors = j.getList(field + ".edges.cursor");
            out.addAll(j.getList(field + ".edges.node." + idField));
            total = j.getInt(field + ".totalCount");
            if (!cursors.isEmpty()) {
                assertEquals(cursors.get(cursors.size() - 1), j.getString(field + ".pageInfo.endCursor"));
            }
            if (!j.getBoolean(field + ".pageInfo.hasNextPage")) {
                assertEquals(total, out.size(), "the walk holds the whole list");
                return out;
            }
            assertEquals(first, cursors.size(), "a page before the last is full");
            after = j.getString(field + ".pageInfo.endCursor");
        }
        throw new AssertionError("no last page");
    }

    @Test
    void claimsAndEventsByCursorEqualThemByOffset() {
        for (Map<String, ?> q : List.<Map<String, ?>>of(Map.of(), Map.of("stance", "ASSERTS,REPORTS"), Map.of("disputed", "false"), Map.of("about", "lab:openai"))) {
            List<Object> offset = byOffset("/api/claims", q, 3, "key");
            assertFalse(offset.isEmpty(), "the seed has claims for " + q);
            assertEquals(offset, byCursor("/api/claims", q, 3, "key"), "claims by cursor and by offset, for " + q);
        }
        for (Map<String, ?> q : List.<Map<String, ?>>of(Map.of(), Map.of("lab", "openai"), Map.of("from", "2023"))) {
            List<Object> offset = byOffset("/api/events", q, 3, "slug");
            assertFalse(offset.isEmpty(), "the seed has events for " + q);
            assertEquals(offset, byCursor("/api/events", q, 3, "slug"), "events by cursor and by offset, for " + q);
        }
        assertEquals(byOffset("/api/claims", Map.of(), 50, "key"), walkConnection("claimConnection", "", 4, "key"));
        assertEquals(byOffset("/api/claims", Map.of("about", "lab:openai"), 50, "key"),
                walkConnection("claimConnection", "filter: {aboutType: LAB, aboutKey: \"openai\"},", 2, "key"));
        assertEquals(byOffset("/api/events", Map.of(), 50, "slug"), walkConnection("eventConnection", "", 4, "slug"));
        assertEquals(byOffset("/api/events", Map.of("lab", "openai"), 50, "slug"), walkConnection("eventConnection", "filter: {lab: \"openai\"},", 2, "slug"));

        // a cursor of one list is refused by the others, and an altered one by its own
        String claims = given().queryParam("size", 2).when().get("/api/claims").then().statusCode(200).extract().path("nextCursor");
        String events = given().queryParam("size", 2).when().get("/api/events").then().statusCode(200).extract().path("nextCursor");
        assertNotNull(claims);
        assertNotNull(events);
        given().queryParam("cursor", claims).when().get("/api/events").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("cursor")).body("detail", containsString("another list"));
        given().queryParam("cursor", events).when().get("/api/claims").then().statusCode(400).body("detail", containsString("another list"));
        given().queryParam("cursor", events).queryParam("lab", "openai").when().get("/api/events").then().statusCode(400).body("detail", containsString("other filters"));
        given().queryParam("cursor", claims).queryParam("page", 1).when().get("/api/claims").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        for (String[] c : new String[][]{{claims, "/api/claims"}, {events, "/api/events"}}) {
            String altered = c[0].substring(0, 5) + (c[0].charAt(5) == 'A' ? 'B' : 'A') + c[0].substring(6);
            given().queryParam("cursor", altered).when().get(c[1]).then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("cursor"));
        }
        for (String query : List.of("{ claimConnection(after: \"forged\") { totalCount } }", "{ eventConnection(after: \"forged\") { totalCount } }",
                "{ claimConnection(after: \"" + events + "\") { totalCount } }", "{ eventConnection(after: \"" + claims + "\") { totalCount } }",
                "{ eventConnection(first: 201) { totalCount } }")) {
            JsonPath r = GraphQL.post(query, null);
            assertEquals("BAD_REQUEST", r.getString("errors[0].extensions.code"), query + ": " + r.prettify());
        }
        // a REST cursor continues the GraphQL connection of the same list and filter
        JsonPath g = GraphQL.data("query($after: String) { eventConnection(first: 2, after: $after) { edges { node { slug } } } }",
                java.util.Collections.singletonMap("after", events));
        assertEquals(given().queryParam("size", 2).queryParam("cursor", events).when().get("/api/events").then().statusCode(200)
                .extract().jsonPath().getList("items.slug"), g.getList("eventConnection.edges.node.slug"));
    }

    @Test
    void graphQLBadCursorsAndSizesAreBadRequest() {
        JsonPath r = GraphQL.post("{ answerConnection(after: \"forged\") { totalCount } }", null);
        assertEquals("BAD_REQUEST", r.getString("errors[0].extensions.code"), r.prettify());
        r = GraphQL.post("{ answerConnection(first: 201) { totalCount } }", null);
        assertEquals("BAD_REQUEST", r.getString("errors[0].extensions.code"), r.prettify());
        r = GraphQL.post("{ questionConnection(first: 0) { totalCount } }", null);
        assertEquals("BAD_REQUEST", r.getString("errors[0].extensions.code"), r.prettify());
    }

    static final String LAB_CONNECTIONS = """
            query($labs: [String]) { labs(slugs: $labs) { slug
                answerConnection(statuses: [UNANSWERED], first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id question { key } } } } } }""";

    private long noStoreStatements(String query, Map<String, Object> vars) {
        sessionFactory.getStatistics().clear();
        JsonPath j = given().header("Cache-Control", "no-store").contentType("application/json").body(Map.of("query", query, "variables", vars))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertNull(j.get("errors"), () -> j.prettify());
        return sessionFactory.getStatistics().getPrepareStatementCount();
    }

    @Test
    void aLabsAnswerConnectionIsBatchedAndSharesTheCursorsOfTheTopLevelOne() {
        List<String> labs = List.of("anthropic", "google-deepmind", "meta", "microsoft", "openai");
        JsonPath j = GraphQL.data(LAB_CONNECTIONS, Map.of("labs", labs));
        for (int i = 0; i < labs.size(); i++) {
            Map<String, Object> vars = Map.of("lab", labs.get(i));
            JsonPath top = GraphQL.data("query($lab: String) { answerConnection(filter: {lab: $lab, statuses: [UNANSWERED]}, first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }", vars);
            assertEquals(top.getList("answerConnection.edges.cursor"), j.getList("labs[" + i + "].answerConnection.edges.cursor"), labs.get(i));
            assertEquals(top.getList("answerConnection.edges.node.id"), j.getList("labs[" + i + "].answerConnection.edges.node.id"), labs.get(i));
            assertEquals(top.getInt("answerConnection.totalCount"), j.getInt("labs[" + i + "].answerConnection.totalCount"), labs.get(i));
            assertEquals(top.getBoolean("answerConnection.pageInfo.hasNextPage"), j.getBoolean("labs[" + i + "].answerConnection.pageInfo.hasNextPage"), labs.get(i));
        }
        // the next page of one lab, from the lab's connection, is the next page of the top-level one
        String end = j.getString("labs[0].answerConnection.pageInfo.endCursor");
        JsonPath next = GraphQL.data("query($after: String) { lab(slug: \"anthropic\") { answerConnection(statuses: [UNANSWERED], first: 3, after: $after) { edges { node { id } } } } }",
                Map.of("after", end));
        JsonPath topNext = GraphQL.data("query($after: String) { answerConnection(filter: {lab: \"anthropic\", statuses: [UNANSWERED]}, first: 3, after: $after) { edges { node { id } } } }",
                Map.of("after", end));
        assertFalse(topNext.getList("answerConnection.edges").isEmpty());
        assertEquals(topNext.getList("answerConnection.edges.node.id"), next.getList("lab.answerConnection.edges.node.id"));
        // a cursor continues one lab only
        JsonPath many = GraphQL.post("query($after: String) { labs(slugs: [\"anthropic\", \"openai\"]) { answerConnection(first: 3, after: $after) { totalCount } } }", Map.of("after", end));
        assertEquals("BAD_REQUEST", many.getString("errors[0].extensions.code"), many.prettify());
        // batched: as many statements for five labs as for two
        assertEquals(noStoreStatements(LAB_CONNECTIONS, Map.of("labs", labs.subList(0, 2))), noStoreStatements(LAB_CONNECTIONS, Map.of("labs", labs)),
                "the labs' connections are loaded together");
    }

    @Test
    void theCostOfAConnectionGrowsWithFirst() {
        String q = "{ answerConnection(first: %d) { totalCount edges { cursor node { question { answers { question { answers { lab { slug } status } } } } } } } }";
        JsonPath refused = GraphQL.refused(String.format(q, 200), null);
        assertEquals("QUERY_TOO_COMPLEX", refused.getString("errors[0].extensions.code"), refused.prettify());
        assertEquals(2, GraphQL.data(String.format(q, 2)).getList("answerConnection.edges").size(), "the same selection over 2 edges is accepted");
    }

    /** Statements of one connection page at a cursor: the same for a deep page as for the second, and for 5 as for 40 edges. */
    private long connectionStatements(String after, int first) {
        Map<String, Object> vars = new java.util.HashMap<>(Map.of("first", first));
        vars.put("after", after);
        sessionFactory.getStatistics().clear();
        JsonPath j = given().header("Cache-Control", "no-store").contentType("application/json").body(Map.of("query", ANSWER_CONNECTION, "variables", vars))
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
        assertNull(j.get("errors"), () -> j.prettify());
        assertEquals(first, j.getList("data.answerConnection.edges").size());
        long count = sessionFactory.getStatistics().getPrepareStatementCount();
        assertTrue(count > 0, "the page ran statements");
        return count;
    }

    @Test
    void aConnectionPageCostsTheSameStatementsAtAnyDepthAndSize() {
        assertTrue(sessionFactory.getStatistics().isStatisticsEnabled(), "hibernate statistics are on in tests");
        String second = GraphQL.data(ANSWER_CONNECTION, Map.of("first", 5)).getString("answerConnection.pageInfo.endCursor");
        String deep = second;
        for (int i = 0; i < 10; i++) {
            deep = GraphQL.data(ANSWER_CONNECTION, Map.of("first", 5, "after", deep)).getString("answerConnection.pageInfo.endCursor");
        }
        long atSecond = connectionStatements(second, 5);
        assertEquals(atSecond, connectionStatements(deep, 5), "a deep page runs as many statements as the second");
        assertEquals(atSecond, connectionStatements(second, 40), "40 edges run as many statements as 5 (nodes and their fields batched)");
    }

    @Test
    void badCursorsAre400() {
        String good = given().queryParam("size", 2).when().get("/api/answers").then().statusCode(200).extract().path("nextCursor");
        assertNotNull(good);
        String altered = (good.charAt(3) == 'A' ? "B" : "A");
        altered = good.substring(0, 3) + altered + good.substring(4);
        for (String bad : List.of("not a cursor!", "AAAA", altered, "x".repeat(600), good + "A")) {
            given().queryParam("cursor", bad).when().get("/api/answers")
                    .then().statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("errors[0].field", equalTo("cursor"));
        }
        // a cursor of another filter
        given().queryParam("cursor", good).queryParam("lab", "anthropic").when().get("/api/answers")
                .then().statusCode(400).contentType(startsWith("application/problem+json")).body("detail", containsString("other filters"));
        // cursor and page together
        given().queryParam("cursor", good).queryParam("page", 1).when().get("/api/answers")
                .then().statusCode(400).contentType(startsWith("application/problem+json")).body("detail", containsString("page"));
        given().queryParam("cursor", good).when().get("/api/answers").then().statusCode(200);
        // a REST cursor is a GraphQL cursor of the same list and filter, and the other way round
        String rest = given().queryParam("size", 2).queryParam("lab", "anthropic").when().get("/api/answers").then().statusCode(200).extract().path("nextCursor");
        JsonPath g = GraphQL.data("query($after: String) { answerConnection(filter: {lab: \"anthropic\"}, first: 2, after: $after) { edges { node { id } } } }",
                java.util.Collections.singletonMap("after", rest));
        assertEquals(given().queryParam("size", 2).queryParam("lab", "anthropic").queryParam("cursor", rest).when().get("/api/answers")
                .then().statusCode(200).extract().jsonPath().getList("items.id").stream().map(String::valueOf).toList(),
                g.getList("answerConnection.edges.node.id").stream().map(String::valueOf).toList());
    }

    @Test
    void aWriteBetweenPagesNeitherRepeatsNorSkipsARecord() {
        Map<String, ?> q = Map.of("lab", "anthropic");
        List<Long> before = byOffset("/api/answers", q, 200);
        JsonPath first = given().queryParams(q).queryParam("size", 5).when().get("/api/answers").then().statusCode(200).extract().jsonPath();
        List<Long> seen = new ArrayList<>(first.<Number>getList("items.id").stream().map(Number::longValue).toList());
        // a new answer sorting before the cursor (on the first page's questionnaire) and one sorting after it
        List<Long> added = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Number> unasked = em.createNativeQuery("select q.id from question q where not exists (select 1 from answer a where a.question_id = q.id"
                    + " and a.lab_id = (select id from lab where slug = 'anthropic')) order by q.id").getResultList();
            assertTrue(unasked.size() >= 2, "the seed has questions not put to anthropic");
            for (Number question : List.of(unasked.get(0), unasked.get(unasked.size() - 1))) {
                added.add(((Number) em.createNativeQuery("insert into answer (question_id, lab_id, status) values (?1, (select id from lab where slug = 'anthropic'), 'UNANSWERED') returning id")
                        .setParameter(1, question.longValue()).getSingleResult()).longValue());
            }
        });
        try {
            String cursor = first.getString("nextCursor");
            while (cursor != null) {
                JsonPath j = given().queryParams(q).queryParam("size", 5).queryParam("cursor", cursor).when().get("/api/answers")
                        .then().statusCode(200).extract().jsonPath();
                seen.addAll(j.<Number>getList("items.id").stream().map(Number::longValue).toList());
                cursor = j.getString("nextCursor");
            }
            assertEquals(seen.size(), new HashSet<>(seen).size(), "no answer twice");
            assertTrue(seen.containsAll(before), "no answer that existed before is skipped");
            List<Long> after = byOffset("/api/answers", q, 200);
            List<Long> expected = after.stream().filter(id -> seen.contains(id)).toList();
            assertEquals(expected, seen, "the walk is in list order");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from answer where id in (:ids)").setParameter("ids", added).executeUpdate());
        }
    }

    @Test
    void aDeepCursorPageRunsTheStatementsOfTheFirstWithoutOffset() {
        Map<String, ?> q = Map.of("status", "UNANSWERED");
        JsonPath first = given().queryParams(q).queryParam("size", 3).when().get("/api/answers").then().statusCode(200).extract().jsonPath();
        String cursor = first.getString("nextCursor");
        String deep = null;
        for (int i = 0; i < 20 && cursor != null; i++) {
            deep = cursor;
            cursor = given().queryParams(q).queryParam("size", 3).queryParam("cursor", cursor).when().get("/api/answers")
                    .then().statusCode(200).extract().path("nextCursor");
        }
        assertNotNull(deep, "the seed has 20 pages of unanswered answers");
        long second = statements(q, first.getString("nextCursor"));
        long deepCount = statements(q, deep);
        assertEquals(second, deepCount, "a deep page runs as many statements as the second");
    }

    private long statements(Map<String, ?> q, String cursor) {
        sessionFactory.getStatistics().clear();
        // no-store: past the response cache, so that the statements are those of the page
        given().header("Cache-Control", "no-store").queryParams(q).queryParam("size", 3).queryParam("cursor", cursor).when().get("/api/answers").then().statusCode(200);
        long count = sessionFactory.getStatistics().getPrepareStatementCount();
        assertTrue(count > 0, "the page ran statements");
        return count;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKeysetStatementReadsIndexes() {
        String sql = AnswerService.keysetSql(new TallyFilter(null, null, List.of("UNANSWERED"), null, null), false);
        assertFalse(sql.toLowerCase().contains(" offset "), sql);
        List<String> plan = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            return em.createNativeQuery("explain " + sql.replace(":afterLab", "'anthropic'").replace(":afterQuestionnaire", "'ailabwatch-questions-to-labs'")
                    .replace(":afterOrdinal", "3").replace(":limit", "51").replace("(:statuses)", "('UNANSWERED')")).getResultList();
        });
        String text = String.join("\n", plan);
        assertTrue(text.contains("Index Scan using question_questionnaire_id_ordinal_key"), "the walk reads the questionnaire's ordinal index:\n" + text);
        assertTrue(text.matches("(?s).*Index Scan using answer_\\w+ on answer a.*"), "and probes the lab's answers by an index:\n" + text);
        assertFalse(text.contains("Sort Key: a.") || text.matches("(?s).*Seq Scan on answer.*"), "no sort or scan of all answers:\n" + text);

        String questions = org.labledger.question.QuestionService.keysetSql("", false);
        assertFalse(questions.toLowerCase().contains(" offset "), questions);
        String q = explain(questions.replace(":afterQuestionnaire", "'ailabwatch-questions-to-labs'").replace(":afterOrdinal", "3").replace(":limit", "51"));
        assertTrue(q.contains("Index Scan using question_questionnaire_id_ordinal_key"), "the question walk reads the ordinal index:\n" + q);

        // the change list by entity walks (entity, changed_at, id) from the cursor (V15)
        String c = explain("select * from revision where entity = 'ANSWER' and (changed_at, id) > (timestamptz '2026-01-01', 1) order by changed_at, id limit 51");
        assertTrue(c.contains("Index Scan using revision_entity_changed_at_idx"), "the change walk reads its index:\n" + c);
        assertFalse(c.contains("Sort"), "and needs no sort:\n" + c);
    }

    @Test
    void theClaimAndEventKeysetStatementsReadTheirIndexes() {
        // events: the row comparison on the sort key walks event_keyset_idx (V18) from the cursor, no sort
        String e = explain("select id from event where (case when occurred_on is null then 1 else 0 end, coalesce(occurred_on, ''), slug) > (0, '2023', 'x')"
                + " order by case when occurred_on is null then 1 else 0 end, coalesce(occurred_on, ''), slug limit 51");
        assertTrue(e.contains("Index Scan using event_keyset_idx"), "the event walk reads its index:\n" + e);
        assertFalse(e.contains("Sort"), "and needs no sort:\n" + e);
        // claims: by key, and a claimant's by (claimant_id, key)
        String c = explain("select id, key from claim where key > 'x' order by key limit 51");
        assertTrue(c.matches("(?s).*Index (Only )?Scan using claim_key_key.*"), "the claim walk reads the key index:\n" + c);
        String cc = explain("select id, key from claim where claimant_id = 1 and key > 'x' order by key limit 51");
        assertTrue(cc.contains("claim_claimant_key_idx"), "a claimant's claims by key read (claimant_id, key):\n" + cc);
        assertFalse(cc.contains("Sort"), "and need no sort:\n" + cc);
    }

    @SuppressWarnings("unchecked")
    private String explain(String sql) {
        // the seed's tables are small: without these the planner may rather read them whole (or by bitmap) and sort
        return String.join("\n", QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            em.createNativeQuery("set local enable_bitmapscan = off").executeUpdate();
            return (List<String>) em.createNativeQuery("explain " + sql).getResultList();
        }));
    }
}
