package org.labledger.agreement;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.labledger.graphql.GraphQL;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.when;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What changed between two versions of the Microsoft–OpenAI agreement, read from the provisions' lineage links. */
@QuarkusTest
class AgreementDiffTest {

    static final String V1 = "microsoft-openai-2019";
    static final String V2 = "microsoft-openai-extended-partnership";
    static final String V3 = "microsoft-openai-definitive-agreement";
    static final String P3 = "microsoft-openai-definitive-agreement-";

    @Inject
    SessionFactory sessionFactory;

    @Test
    void fromTheFirstVersionToTheDefinitiveAgreement() {
        JsonPath d = when().get("/api/agreements/" + V1 + "/diff/" + V3).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(V2, V3), d.getList("versions"));
        // the relinquished right of first refusal is a removal of a term no document records, not a positive term
        assertEquals(List.of(P3 + "no-compute-rofr"), d.getList("removed.after.key"));
        assertEquals("REMOVAL", d.getString("removed[0].after.kind"));
        assertEquals("REMOVAL", d.getString("removed[0].after.status"));
        assertNull(d.get("removed[0].before"), "the removed right is recorded by no document: no invented predecessor");
        assertNull(d.get("removed[0].after.beneficiary"));
        assertTrue(d.getString("removed[0].after.lineage.citation.quote").contains("relinquished its right of first refusal"));
        // "Microsoft's IP rights have been extended until 2032" modifies the until-AGI (pre-AGI) licence: before/after
        String ip = "modified.find { it.after.key == '" + P3 + "ip-rights-through-2032' }";
        assertEquals("MODIFIES", d.getString(ip + ".change"));
        assertEquals("microsoft-openai-2019-ip-licence-pre-agi", d.getString(ip + ".before.key"));
        assertEquals("MODIFIED", d.getString(ip + ".before.status"));
        assertNull(d.getString(ip + ".before.endedOn"), "the definitive agreement states no effective date: the earlier term stays open");
        assertEquals("2032", d.getString(ip + ".after.validUntil"));
        assertEquals(V1, d.getString(ip + ".after.lineage.ofAgreement"));
        assertEquals(true, d.getBoolean(ip + ".after.lineage.inference"));
        // "the existing revenue-sharing agreement will remain effective": continued, its earlier terms unrecorded
        String rev = "continued.find { it.after.key == '" + P3 + "revenue-share-until-agi' }";
        assertEquals("CONTINUES", d.getString(rev + ".change"));
        assertNull(d.get(rev + ".before"));
        assertNull(d.get(rev + ".after.beneficiary"), "the article does not say who pays whom");
        // the stake in the for-profit division is replaced (another entity held): a modification with before/after
        String stake = "modified.find { it.after.key == '" + P3 + "stake' }";
        assertEquals("REPLACES", d.getString(stake + ".change"));
        assertEquals("microsoft-openai-extended-stake", d.getString(stake + ".before.key"));
        assertEquals("SUPERSEDED", d.getString(stake + ".before.status"));
        // the 2019 investment is not named by any later provision
        assertTrue(d.getList("unchanged.key").contains("microsoft-openai-2019-investment"), d.getList("unchanged.key").toString());
        assertTrue(d.getList("added.after.key").contains(P3 + "azure-commitment"));
        // every provision of the later versions is listed exactly once
        int later = when().get("/api/agreements/" + V2).then().extract().jsonPath().getList("provisions").size()
                + when().get("/api/agreements/" + V3).then().extract().jsonPath().getList("provisions").size();
        assertEquals(later, d.getList("added").size() + d.getList("removed").size() + d.getList("modified").size() + d.getList("continued").size());
    }

    @Test
    void fromTheExtensionToTheDefinitiveAgreement() {
        JsonPath d = when().get("/api/agreements/" + V2 + "/diff/" + V3).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(V3), d.getList("versions"));
        // the V1 licence is named by V3 even though it lies before `from`
        assertEquals("microsoft-openai-2019-ip-licence-pre-agi",
                d.getString("modified.find { it.after.key == '" + P3 + "ip-rights-through-2032' }.before.key"));
        assertTrue(d.getList("unchanged.key").contains("microsoft-openai-extended-additional-investment"));
        assertTrue(!d.getList("unchanged.key").contains("microsoft-openai-extended-stake"), "the stake is replaced, not unchanged");
    }

    @Test
    void provisionsCarryTheirStatusAndLineage() {
        JsonPath v1 = when().get("/api/agreements/" + V1).then().statusCode(200).extract().jsonPath();
        assertEquals("MODIFIED", v1.getString("provisions.find { it.key == 'microsoft-openai-2019-ip-licence-pre-agi' }.status"));
        assertEquals("IN_FORCE", v1.getString("provisions.find { it.key == 'microsoft-openai-2019-investment' }.status"));
        assertNull(v1.get("provisions.find { it.key == 'microsoft-openai-2019-investment' }.lineage"));
    }

    @Test
    void unknownSlugsAre404AndVersionsOfNoOneChainAre422() {
        when().get("/api/agreements/no-such-agreement/diff/" + V3).then().statusCode(404)
                .contentType(containsString("application/problem+json")).body("detail", containsString("no-such-agreement"));
        when().get("/api/agreements/" + V1 + "/diff/no-such-agreement").then().statusCode(404);
        when().get("/api/agreements/" + V3 + "/diff/" + V1).then().statusCode(422)
                .contentType(containsString("application/problem+json")).body("detail", containsString("earlier version"));
        when().get("/api/agreements/" + V1 + "/diff/" + V1).then().statusCode(422).body("detail", containsString("same version"));
        when().get("/api/agreements/" + V1 + "/diff/azure-openai-service").then().statusCode(422)
                .body("detail", containsString("not versions of the same agreement"));
    }

    static final String DIFF = """
            query($from: String!, $to: String!) { agreementDiff(from: $from, to: $to) {
              from to versions
              added { change version after { key status lineage { change of } beneficiary { slug } citations { quote } } }
              removed { change version before { key } after { key kind status endedOn lineage { change of ofAgreement inference citation { source quote } } } }
              modified { change version before { key status endedOn beneficiary { slug } citations { quote } } after { key validUntil lineage { of rationale } } }
              continued { change before { key } after { key lineage { of citation { quote } } } }
              unchanged { key status citations { source } } } }""";

    @Test
    void graphQLDiffMatchesREST() {
        JsonPath g = GraphQL.data(DIFF, Map.of("from", V1, "to", V3));
        JsonPath r = when().get("/api/agreements/" + V1 + "/diff/" + V3).then().statusCode(200).extract().jsonPath();
        assertEquals(r.getList("removed.after.key"), g.getList("agreementDiff.removed.after.key"));
        assertEquals(r.getList("modified.after.key"), g.getList("agreementDiff.modified.after.key"));
        assertEquals(r.getList("modified.before.key"), g.getList("agreementDiff.modified.before.key"));
        assertEquals(r.getList("continued.after.key"), g.getList("agreementDiff.continued.after.key"));
        assertEquals(r.getList("added.after.key"), g.getList("agreementDiff.added.after.key"));
        assertEquals(r.getList("unchanged.key"), g.getList("agreementDiff.unchanged.key"));
        assertEquals("REMOVAL", g.getString("agreementDiff.removed[0].after.status"));
        assertEquals("MODIFIED", g.getString("agreementDiff.modified.find { it.after.key == '" + P3 + "ip-rights-through-2032' }.before.status"));
    }

    @Test
    void graphQLErrorsCarryCodes() {
        JsonPath nf = GraphQL.post("{ agreementDiff(from: \"nope\", to: \"" + V3 + "\") { from } }", Map.of());
        assertEquals("NOT_FOUND", nf.getString("errors[0].extensions.code"));
        JsonPath un = GraphQL.post("{ agreementDiff(from: \"" + V3 + "\", to: \"" + V1 + "\") { from } }", Map.of());
        assertEquals("UNPROCESSABLE", un.getString("errors[0].extensions.code"));
    }

    @Test
    void graphQLDiffStatementsDoNotGrowWithTheNumberOfProvisions() {
        // V2 -> V3: the definitive agreement's provisions; V1 -> V3: the extension's too, and more of them named as
        // before; every list non-empty in both, so the same statements for both (every relation batched)
        GraphQL.data(DIFF, Map.of("from", V2, "to", V3)); // warm-up
        sessionFactory.getStatistics().clear();
        JsonPath small = GraphQL.uncached(DIFF, Map.of("from", V2, "to", V3)); // the statements, not the response cache
        long few = sessionFactory.getStatistics().getPrepareStatementCount();
        sessionFactory.getStatistics().clear();
        JsonPath big = GraphQL.uncached(DIFF, Map.of("from", V1, "to", V3));
        long many = sessionFactory.getStatistics().getPrepareStatementCount();
        assertTrue(big.getList("agreementDiff.added").size() > small.getList("agreementDiff.added").size());
        assertEquals(few, many, "SQL statements for a diff of the definitive agreement alone vs with the extension");
        assertTrue(many <= 20, "a bounded handful of statements, was " + many);
    }
}
