package org.labledger.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.common.Writes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The citations written together with their record (a claim's, an entity's): checked (every source known, each with a
 * quote or a locator), replaced as a whole, and snapshotted for the record's revisions. Called inside the write
 * service's transaction.
 */
@ApplicationScoped
public class RecordCitations {

    @Inject
    EntityManager em;

    /** Checks the citations (fields named {@code field}[i].…): 422 for an unknown source or a citation with neither quote nor locator. */
    public List<Source> check(String field, List<QuoteInput> cites) {
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < cites.size(); i++) {
            QuoteInput c = cites.get(i);
            String f = field + "[" + i + "]";
            if (c == null) {
                throw Writes.unprocessable(f, "is null");
            }
            Source s = Source.findByKey(c.source());
            if (s == null) {
                throw Writes.unknown(f + ".source", "source", c.source());
            }
            if (Writes.text(c.quote()) == null && Writes.text(c.locator()) == null) {
                throw Writes.unprocessable(f, "needs a quote or a locator");
            }
            sources.add(s);
        }
        return sources;
    }

    /** Replaces the record's citations by these, in this order (the sources as {@link #check} returned them). */
    public void replace(SubjectType type, Long id, List<QuoteInput> cites, List<Source> sources) {
        Citation.delete("subjectType = ?1 and subjectId = ?2", type, id); // (subject, ordinal) is checked at commit (V3)
        for (int i = 0; i < cites.size(); i++) {
            Citation c = new Citation();
            c.subjectType = type;
            c.subjectId = id;
            c.ordinal = i + 1;
            c.source = sources.get(i);
            c.quote = Writes.text(cites.get(i).quote());
            c.locator = Writes.text(cites.get(i).locator());
            c.persist();
        }
    }

    /** The record's citations as a revision stores them: source, quote, locator, in order. */
    public List<Map<String, Object>> snapshot(SubjectType type, Long id) {
        if (id == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Citation c : em.createQuery("select c from Citation c join fetch c.source where c.subjectType = ?1 and c.subjectId = ?2 order by c.ordinal",
                Citation.class).setParameter(1, type).setParameter(2, id).getResultList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", c.source.key);
            m.put("quote", c.quote);
            m.put("locator", c.locator);
            out.add(m);
        }
        return out;
    }
}
