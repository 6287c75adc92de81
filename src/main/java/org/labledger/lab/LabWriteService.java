package org.labledger.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import org.labledger.common.Writes;
import org.labledger.history.Curated;
import org.labledger.history.CuratedWrites;
import org.labledger.source.Citation;
import org.labledger.source.SubjectType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Admins' writes to labs: validated, version-checked, refused while referred to, recorded as revisions. REST and
 * GraphQL take the same path, each write in one transaction with its read-back: validate (fields named under
 * {@code field}: "" over REST, "input." over GraphQL) → check the version → apply → revision → the caller's
 * {@code view} of the written lab.
 */
@ApplicationScoped
public class LabWriteService {

    public static final String ENTITY = "LAB";

    @Inject
    EntityManager em;
    @Inject
    CuratedWrites writes;
    @Inject
    LabService labs;
    @Inject
    ObjectMapper mapper;
    @Inject
    Validator validator;

    static final Curated<Lab> LABS = new Curated<>(ENTITY, "lab", "slug", Lab::findBySlug, l -> l.slug, l -> l.version,
            LabWriteService::snapshot);
    private static final List<Curated.Reference> REFERENCES = List.of(
            new Curated.Reference("answers", "select count(a) from Answer a where a.lab = ?1"),
            new Curated.Reference("agreements (as party)", "select count(a) from Agreement a join a.parties p where p.lab = ?1"),
            new Curated.Reference("provisions (as beneficiary)", "select count(p) from Provision p where p.beneficiary = ?1"),
            new Curated.Reference("child labs", "select count(c) from Lab c where c.parent = ?1"),
            new Curated.Reference("scores", "select count(s) from LabScore s where s.lab = ?1"),
            new Curated.Reference("events", "select count(e) from Event e join e.labs x where x = ?1"));

    @Transactional
    public <T> T create(LabInput in, String field, Function<Lab, T> view) {
        writes.validate(in, field);
        Lab l = new Lab();
        l.slug = in.slug();
        return view.apply(writes.create(LABS, l, x -> apply(x, in), in.reason(), null, null));
    }

    /** Full replacement; {@code expectedVersion} (GraphQL) or {@code ifMatch} (REST) guards against lost updates. */
    @Transactional
    public <T> T update(String slug, LabInput in, String field, String ifMatch, Integer expectedVersion, Function<Lab, T> view) {
        writes.validate(in, field);
        Lab l = labs.require(slug);
        writes.checkVersion(LABS, l, ifMatch, expectedVersion, false);
        return view.apply(replace(l, in));
    }

    @Transactional
    public <T> T patch(String slug, JsonNode patch, String ifMatch, Function<Lab, T> view) {
        Lab l = labs.require(slug);
        writes.checkVersion(LABS, l, ifMatch, null, false);
        LabInput current = new LabInput(l.slug, l.name, l.kind, l.parent == null ? null : l.parent.slug, l.website,
                new ArrayList<>(l.aliases), null);
        return view.apply(replace(l, Writes.merge(mapper, validator, current, patch, LabInput.class)));
    }

    private Lab replace(Lab l, LabInput in) {
        Writes.sameKey("slug", l.slug, in.slug());
        return writes.update(LABS, l, x -> apply(x, in), in.reason(), null, null);
    }

    @Transactional
    public void delete(String slug, String ifMatch, Integer expectedVersion, String reason) {
        Lab l = labs.require(slug);
        writes.checkVersion(LABS, l, ifMatch, expectedVersion, true);
        writes.delete(LABS, l, REFERENCES, () -> Citation.delete("subjectType = ?1 and subjectId = ?2", SubjectType.LAB, l.id), reason, null);
    }

    private void apply(Lab l, LabInput in) {
        Lab parent = null;
        if (in.parent() != null) {
            parent = Lab.findBySlug(in.parent());
            if (parent == null) {
                throw Writes.unknown("parent", "lab", in.parent());
            }
            for (Lab p = parent; p != null; p = p.parent) {
                if (p == l || (l.id != null && l.id.equals(p.id))) {
                    throw Writes.unprocessable("parent", "'" + in.parent() + "' would make the lab its own ancestor");
                }
            }
        }
        List<String> aliases = in.aliases() == null ? List.of() : in.aliases().stream().map(String::trim).toList();
        for (int i = 0; i < aliases.size(); i++) {
            String alias = aliases.get(i);
            List<String> owners = em.createQuery("select l.slug from Lab l join l.aliases a where lower(a) = lower(?1) and l.slug <> ?2", String.class)
                    .setParameter(1, alias).setParameter(2, l.slug).getResultList();
            if (!owners.isEmpty()) {
                throw Writes.unprocessable("aliases[" + i + "]", "'" + alias + "' is already an alias of '" + owners.get(0) + "'");
            }
            for (int j = 0; j < i; j++) {
                if (aliases.get(j).equalsIgnoreCase(alias)) {
                    throw Writes.unprocessable("aliases[" + i + "]", "'" + alias + "' is given twice");
                }
            }
        }
        l.name = in.name().trim();
        l.kind = in.kind();
        l.parent = parent;
        l.website = Writes.text(in.website());
        if (!new TreeSet<>(aliases).equals(l.aliases)) {
            l.aliases.clear();
            l.aliases.addAll(aliases);
        }
    }

    public static Map<String, Object> snapshot(Lab l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", l.slug);
        m.put("name", l.name);
        m.put("kind", l.kind.name());
        m.put("parent", l.parent == null ? null : l.parent.slug);
        m.put("website", l.website);
        m.put("aliases", new ArrayList<>(new TreeSet<>(l.aliases)));
        return m;
    }
}
