package org.labledger.graphql;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many items each unpaged GraphQL list field returns at most, read from the data (one SQL statement of
 * counts), so that the cost analysis ({@link GraphQLCost}) multiplies a list by what it really holds: a lab's
 * answers by the most answers any lab has, a question's answers by the number of labs, and so on. Refreshed in
 * the background at most every {@code labledger.graphql.cost.refresh}; until the first reading, and whenever the
 * database cannot be read, the last known figures (or {@code default-list-size}) apply.
 */
@ApplicationScoped
public class GraphQLListSizes {

    private static final Logger LOG = Logger.getLogger(GraphQLListSizes.class);

    /** Each list field (Type.field) and the figure of the statement below that bounds it. */
    static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("Query.labs", "labs"), Map.entry("Query.scorecards", "labs"), Map.entry("Query.agreements", "agreements"),
            Map.entry("Query.topics", "topics"), Map.entry("Query.questionnaires", "questionnaires"), 
            Map.entry("Lab.answers", "answers_per_lab"), Map.entry("Lab.questions", "answers_per_lab"),
            Map.entry("Lab.agreements", "agreements_per_lab"), Map.entry("Lab.children", "children_per_lab"),
            Map.entry("Lab.aliases", "aliases_per_lab"), Map.entry("Lab.scores", "scores_per_lab"),
            Map.entry("Question.answers", "labs"), Map.entry("Question.children", "children_per_question"),
            Map.entry("Answer.history", "revisions_per_record"),
            Map.entry("Agreement.parties", "parties_per_agreement"), Map.entry("Agreement.provisions", "provisions_per_agreement"),
            Map.entry("Agreement.citations", "citations_per_record"), Map.entry("Answer.citations", "citations_per_record"),
            Map.entry("Question.citations", "citations_per_record"), Map.entry("Provision.citations", "citations_per_record"),
            Map.entry("Score.citations", "citations_per_record"),
            Map.entry("Scorecard.topics", "topics"), Map.entry("Scorecard.rootTopics", "root_topics"),
            Map.entry("Comparison.labs", "labs"), Map.entry("Comparison.onlyInA", "questions_per_questionnaire"),
            Map.entry("Comparison.onlyInB", "questions_per_questionnaire"),
            Map.entry("Query.entities", "entities"), Map.entry("Entity.aliases", "aliases_per_entity"),
            Map.entry("Entity.citations", "citations_per_record"), Map.entry("Claim.citations", "citations_per_record"),
            Map.entry("Entity.claims", "claims_per_entity"), Map.entry("Lab.claims", "claims_per_lab"),
            Map.entry("Claim.disputes", "links_from_claim"), Map.entry("Claim.supports", "links_from_claim"),
            Map.entry("Claim.disputedBy", "links_to_claim"), Map.entry("Claim.supportedBy", "links_to_claim"),
            Map.entry("Provision.claims", "claims_per_supported"), Map.entry("Event.claims", "claims_per_supported"),
            Map.entry("Answer.claims", "claims_per_supported"), Map.entry("Claim.supportsRecords", "supported_per_claim"),
            Map.entry("Lab.events", "events_per_lab"), Map.entry("Event.labs", "labs_per_event"),
            Map.entry("Event.citations", "citations_per_record"), Map.entry("Lab.sources", "sources"), Map.entry("Query.sources", "sources"));

    private static final String SQL = """
            select (select count(*) from lab) labs,
                   (select count(*) from agreement) agreements,
                   (select count(*) from topic) topics,
                   (select count(*) from topic where parent_id is null) root_topics,
                   (select count(*) from questionnaire) questionnaires,
                   (select count(*) from source) sources,
                   (select coalesce(max(n), 0) from (select sum(n) n from answer_tally group by lab_id) t) answers_per_lab,
                   (select coalesce(max(n), 0) from (select count(*) n from agreement_party group by lab_id) t) agreements_per_lab,
                   (select coalesce(max(n), 0) from (select count(*) n from lab where parent_id is not null group by parent_id) t) children_per_lab,
                   (select coalesce(max(n), 0) from (select count(*) n from lab_alias group by lab_id) t) aliases_per_lab,
                   (select coalesce(max(n), 0) from (select count(*) n from lab_score group by lab_id) t) scores_per_lab,
                   (select coalesce(max(n), 0) from (select count(*) n from question where parent_id is not null group by parent_id) t) children_per_question,
                   (select coalesce(max(n), 0) from (select count(*) n from revision group by entity, entity_key) t) revisions_per_record,
                   (select coalesce(max(n), 0) from (select count(*) n from agreement_party group by agreement_id) t) parties_per_agreement,
                   (select coalesce(max(n), 0) from (select count(*) n from provision group by agreement_id) t) provisions_per_agreement,
                   (select coalesce(max(n), 0) from (select count(*) n from citation group by subject_type, subject_id) t) citations_per_record,
                   (select coalesce(max(n), 0) from (select count(*) n from question group by questionnaire_id) t) questions_per_questionnaire,
                   (select count(*) from named_entity) entities,
                   (select coalesce(max(n), 0) from (select count(*) n from named_entity_alias group by entity_id) t) aliases_per_entity,
                   (select coalesce(max(n), 0) from (select count(*) n from claim group by claimant_id) t) claims_per_entity,
                   (select coalesce(max(n), 0) from (select count(*) n from claim where about_type = 'LAB' group by about_id) t) claims_per_lab,
                   (select coalesce(max(n), 0) from (select count(*) n from claim_link group by claim_id) t) links_from_claim,
                   (select coalesce(max(n), 0) from (select count(*) n from claim_link group by target_id) t) links_to_claim,
                   (select coalesce(max(n), 0) from (select count(*) n from claim_support group by record_type, record_id) t) claims_per_supported,
                   (select coalesce(max(n), 0) from (select count(*) n from claim_support group by claim_id) t) supported_per_claim,
                   (select coalesce(max(n), 0) from (select count(*) n from event_lab group by lab_id) t) events_per_lab,
                   (select coalesce(max(n), 0) from (select count(*) n from event_lab group by event_id) t) labs_per_event
            """;

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "labledger.graphql.cost.default-list-size", defaultValue = "100")
    int defaultListSize;
    @ConfigProperty(name = "labledger.graphql.cost.refresh", defaultValue = "60s")
    Duration refresh;

    private volatile Map<String, Integer> sizes;
    private volatile long readAt;
    private final AtomicBoolean reading = new AtomicBoolean();

    /** The most items the list field {@code type.field} returns; {@code default-list-size} for a list not known here. */
    public int of(String type, String field) {
        Map<String, Integer> known = current();
        Integer n = known.get(type + "." + field);
        return n == null ? defaultListSize : Math.max(1, n);
    }

    private Map<String, Integer> current() {
        Map<String, Integer> s = sizes;
        if (s == null) {
            synchronized (this) {
                if (sizes == null) {
                    read(); // the first GraphQL request waits for the first reading (one statement)
                }
                s = sizes;
            }
        } else if (System.nanoTime() - readAt > refresh.toNanos() && reading.compareAndSet(false, true)) {
            CompletableFuture.runAsync(() -> {
                try {
                    read();
                } finally {
                    reading.set(false);
                }
            });
        }
        return s;
    }

    /** Reads the figures now (tests call it after changing the data). */
    public void read() {
        Map<String, Integer> next = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(5);
            try (ResultSet rs = st.executeQuery(SQL)) {
                rs.next();
                for (Map.Entry<String, String> e : FIELDS.entrySet()) {
                    next.put(e.getKey(), (int) Math.min(Integer.MAX_VALUE, rs.getLong(e.getValue())));
                }
            }
            sizes = Map.copyOf(next);
        } catch (Exception e) {
            LOG.warnf("GraphQL list sizes not read (%s); keeping %s", e.toString(), sizes == null ? "the default list size" : "the last figures");
            if (sizes == null) {
                sizes = Map.of();
            }
        }
        readAt = System.nanoTime();
    }
}
