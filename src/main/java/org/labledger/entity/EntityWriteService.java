package org.labledger.entity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.labledger.common.Writes;
import org.labledger.history.Curated;
import org.labledger.history.CuratedWrites;
import org.labledger.lab.Lab;
import org.labledger.source.RecordCitations;
import org.labledger.source.Source;
import org.labledger.source.SubjectType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Curators' writes to named entities, REST and GraphQL alike, each in one transaction with its read-back: validate →
 * check the version → apply (lab, aliases and citations checked before anything is written) → revision → view.
 */
@ApplicationScoped
public class EntityWriteService {

    public static final String ENTITY = "ENTITY";

    private static final List<Curated.Reference> REFERENCES = List.of(
            new Curated.Reference("claims (as claimant)", "select count(c) from Claim c where c.claimant = ?1"));

    @Inject
    CuratedWrites writes;
    @Inject
    EntityManager em;
    @Inject
    RecordCitations citations;

    private final Curated<NamedEntity> entities = new Curated<>(ENTITY, "entity", "slug", NamedEntity::findBySlug, e -> e.slug, e -> e.version,
            this::snapshot);

    public NamedEntity require(String slug) {
        return writes.require(entities, slug);
    }

    /** The record as its change history says it stood at {@code asOf} (a 400 for a malformed time, 404 when it did not exist then). */
    @Transactional
    public org.labledger.history.RevisionService.PastRecord asOf(String key, String asOf) {
        return writes.asOf(entities, key, asOf);
    }

    @Transactional
    public <T> T create(EntityInput in, String field, Function<NamedEntity, T> view) {
        writes.validate(in, field);
        NamedEntity e = new NamedEntity();
        e.slug = in.slug();
        return view.apply(writes.create(entities, e, x -> apply(x, in, field), in.reason(), null, null));
    }

    @Transactional
    public <T> T update(String slug, EntityInput in, String field, String ifMatch, Integer expectedVersion, Function<NamedEntity, T> view) {
        writes.validate(in, field);
        NamedEntity e = require(slug);
        writes.checkVersion(entities, e, ifMatch, expectedVersion, false);
        Writes.sameKey("slug", slug, in.slug());
        return view.apply(writes.update(entities, e, x -> apply(x, in, field), in.reason(), null, null));
    }

    @Transactional
    public void delete(String slug, String ifMatch, Integer expectedVersion, String reason) {
        NamedEntity e = require(slug);
        writes.checkVersion(entities, e, ifMatch, expectedVersion, true);
        writes.delete(entities, e, REFERENCES,
                () -> org.labledger.source.Citation.delete("subjectType = ?1 and subjectId = ?2", SubjectType.ENTITY, e.id), reason, null);
    }

    private void apply(NamedEntity e, EntityInput in, String field) {
        Lab lab = null;
        if (Writes.text(in.lab()) != null) {
            lab = Lab.findBySlug(in.lab().trim());
            if (lab == null) {
                throw Writes.unknown(field + "lab", "lab", in.lab());
            }
        }
        boolean inference = Boolean.TRUE.equals(in.inference());
        if (inference && Writes.text(in.rationale()) == null) {
            throw Writes.unprocessable(field + "rationale", "is required when inference is true");
        }
        List<NamedEntity.Alias> aliases = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<EntityInput.AliasInput> aliasIn = in.aliases() == null ? List.of() : in.aliases();
        for (int i = 0; i < aliasIn.size(); i++) {
            EntityInput.AliasInput a = aliasIn.get(i);
            String f = field + "aliases[" + i + "]";
            if (!seen.add(a.name().trim())) {
                throw Writes.unprocessable(f + ".name", "'" + a.name().trim() + "' is listed twice");
            }
            boolean inferred = Boolean.TRUE.equals(a.inference());
            if (inferred && Writes.text(a.rationale()) == null) {
                throw Writes.unprocessable(f + ".rationale", "is required when inference is true");
            }
            aliases.add(new NamedEntity.Alias(a.name().trim(), inferred, Writes.text(a.rationale())));
        }
        List<Source> sources = citations.check(field + "citations", in.citations());

        e.name = in.name().trim();
        e.kind = in.kind();
        e.affiliation = Writes.text(in.affiliation());
        e.role = Writes.text(in.role());
        e.lab = lab;
        e.inference = inference;
        e.rationale = Writes.text(in.rationale());
        e.aliases.clear();
        e.aliases.addAll(aliases);
        if (e.id == null) { // the citations need the entity's id
            e.persist();
            em.flush();
        }
        citations.replace(SubjectType.ENTITY, e.id, in.citations(), sources);
    }

    Map<String, Object> snapshot(NamedEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", e.slug);
        m.put("name", e.name);
        m.put("kind", e.kind == null ? null : e.kind.name());
        m.put("affiliation", e.affiliation);
        m.put("role", e.role);
        m.put("lab", e.lab == null ? null : e.lab.slug);
        m.put("inference", e.inference);
        m.put("rationale", e.rationale);
        List<Map<String, Object>> aliases = new ArrayList<>();
        for (NamedEntity.Alias a : e.aliases) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", a.name);
            x.put("inference", a.inference);
            x.put("rationale", a.rationale);
            aliases.add(x);
        }
        m.put("aliases", aliases);
        m.put("citations", citations.snapshot(SubjectType.ENTITY, e.id));
        return m;
    }
}
