package org.labledger.ops;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.labledger.security.Tokens;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /api/changes.atom against RFC 4287, read with the JDK's XML parser. */
@QuarkusTest
class AtomFeedTest {

    static final String ATOM = "http://www.w3.org/2005/Atom";

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && ATOM.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element one(Element parent, String name) {
        List<Element> l = children(parent, name);
        assertEquals(1, l.size(), parent.getLocalName() + " must contain exactly one atom:" + name);
        return l.get(0);
    }

    /** atom:id is an IRI (RFC 4287 §4.2.6): absolute, no whitespace. */
    private static String iri(Element e) {
        String id = e.getTextContent();
        assertTrue(URI.create(id).isAbsolute(), id);
        return id;
    }

    /** atom:updated is an RFC 3339 date-time with an offset (§3.3). */
    private static void date(Element e) {
        assertNotNull(OffsetDateTime.parse(e.getTextContent()), e.getTextContent());
        assertTrue(e.getTextContent().contains("T"));
    }

    private static byte[] feed(String host) {
        return given().header("Host", host).when().get("/api/changes.atom").then().statusCode(200)
                .contentType("application/atom+xml; charset=utf-8").extract().asByteArray();
    }

    @Test
    void feedIsValidAtom() throws Exception {
        // at least a change of its own: a citation added and removed (two revisions)
        String admin = Tokens.admin();
        long citation = ((Number) given().contentType(ContentType.JSON).auth().oauth2(admin)
                .body(Map.of("subjectType", "LAB", "subject", "anthropic", "source", sourceKey(), "quote", "Atom test quote", "reason", "Atom <test> & reason"))
                .post("/api/citations").then().statusCode(201).extract().path("id")).longValue();
        given().auth().oauth2(admin).delete("/api/citations/" + citation).then().statusCode(204);

        Element feed = parse(feed("localhost")).getDocumentElement();
        assertEquals(ATOM, feed.getNamespaceURI());
        assertEquals("feed", feed.getLocalName());
        // §4.1.1: exactly one id, title, updated; an author (the feed's, as not every entry is required to have one)
        iri(one(feed, "id"));
        assertFalse(one(feed, "title").getTextContent().isBlank());
        date(one(feed, "updated"));
        assertFalse(one(one(feed, "author"), "name").getTextContent().isBlank());
        // "SHOULD contain one atom:link element with a rel attribute value of self"
        List<Element> self = children(feed, "link").stream().filter(l -> "self".equals(l.getAttribute("rel"))).toList();
        assertEquals(1, self.size());
        assertTrue(self.get(0).getAttribute("href").endsWith("/api/changes.atom"));

        List<Element> entries = children(feed, "entry");
        assertTrue(entries.size() >= 2, "the two changes just made");
        Set<String> ids = new HashSet<>();
        for (Element entry : entries) {
            // §4.1.2: exactly one id, title, updated; an author (here every entry names its actor)
            assertTrue(ids.add(iri(one(entry, "id"))), "entry ids are unique");
            assertFalse(one(entry, "title").getTextContent().isBlank());
            date(one(entry, "updated"));
            assertFalse(one(one(entry, "author"), "name").getTextContent().isBlank());
            // content, and (required where there is no content, here in any case) an alternate link
            Element content = one(entry, "content");
            assertEquals("text", content.getAttribute("type"));
            assertFalse(content.getTextContent().isBlank());
            List<Element> alternate = children(entry, "link").stream()
                    .filter(l -> l.getAttribute("rel").isEmpty() || "alternate".equals(l.getAttribute("rel"))).toList();
            assertEquals(1, alternate.size(), "at most one alternate link per type and language (§4.1.1)");
            assertTrue(URI.create(alternate.get(0).getAttribute("href")).isAbsolute());
            // §4.1.2: at most one summary
            assertTrue(children(entry, "summary").size() <= 1);
        }
        // the newest entries: the citation's deletion, then its creation, with what changed
        Element deleted = entries.get(0);
        String text = one(deleted, "content").getTextContent();
        assertTrue(one(deleted, "title").getTextContent().startsWith("DELETE citation"), one(deleted, "title").getTextContent());
        assertTrue(text.contains("DELETE by ") && text.contains("quote: Atom test quote → –"), text);
        Element created = entries.get(1);
        assertTrue(one(created, "content").getTextContent().contains("reason: Atom <test> & reason"), "escaped and read back");
        String link = children(created, "link").get(0).getAttribute("href");
        assertTrue(link.endsWith("/api/changes?entity=CITATION"), link);
        // each link resolves
        given().when().get(URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery()).then().statusCode(200);
    }

    @Test
    void idsDoNotDependOnTheHostHeader() throws Exception {
        byte[] a = feed("localhost");
        byte[] b = feed("attacker.example:9999");
        assertEquals(ids(parse(a)), ids(parse(b)));
        assertFalse(new String(b, java.nio.charset.StandardCharsets.UTF_8).contains("attacker.example"), "nothing taken from Host");
        assertEquals(new String(a, java.nio.charset.StandardCharsets.UTF_8), new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }

    static List<String> ids(Document d) {
        List<String> ids = new ArrayList<>();
        ids.add(one(d.getDocumentElement(), "id").getTextContent());
        for (Element e : children(d.getDocumentElement(), "entry")) {
            ids.add(one(e, "id").getTextContent());
        }
        return ids;
    }

    private static String sourceKey() {
        io.restassured.path.json.JsonPath sources = given().when().get("/api/sources").then().statusCode(200).extract().jsonPath();
        return sources.get("$") instanceof List ? sources.getString("[0].key") : sources.getString("items[0].key");
    }
}
