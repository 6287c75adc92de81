package org.labledger.claim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.labledger.common.Writes;
import org.labledger.entity.NamedEntity;
import org.labledger.history.Curated;
import org.labledger.history.CuratedWrites;
import org.labledger.source.RecordCitations;
import org.labledger.source.Source;
import org.labledger.source.SubjectKeys;
import org.labledger.source.SubjectType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Curators' writes to claims (deletes too: a claim is evidence, not structure), REST and GraphQL alike, each in one
 * transaction with its read-back: validate → check the version → apply (claimant, subject, links to other claims,
 * supported records and citations, all checked before anything is written) → revision → the caller's view.
 */
@ApplicationScoped
public class ClaimWriteService {

    public static final String ENTITY = "CLAIM";

    private static final List<Curated.Reference> REFERENCES = List.of(
            new Curated.Reference("claims linking to it (disputes, contradicts, supports, denies)",
                    "select count(c) from Claim c join c.links l where l.target = ?1"));

    @Inject
    CuratedWrites writes;
    @Inject
    EntityManager em;
    @Inject
    SubjectKeys subjectKeys;
    @Inject
    RecordCitations citations;

    /** The claim type as CuratedWrites sees it (its snapshot reads subject keys and citations, so it needs this bean). */
    private final Curated<Claim> claims = new Curated<>(ENTITY, "claim", "key", Claim::findByKey, c -> c.key, c -> c.version, this::snapshot);

    private Curated<Claim> type() {
        return claims;
    }

    public Claim require(String key) {
        return writes.require(type(), key);
    }

    /** The record as its change history says it stood at {@code asOf} (a 400 for a malformed time, 404 when it did not exist then). */
    @Transactional
    public org.labledger.history.RevisionService.PastRecord asOf(String key, String asOf) {
        return writes.asOf(claims, key, asOf);
    }

    @Transactional
    public <T> T create(ClaimInput in, String field, Function<Claim, T> view) {
        writes.validate(in, field);
        Claim c = new Claim();
        c.key = in.key();
        return view.apply(writes.create(type(), c, x -> apply(x, in, field), in.reason(), null, null));
    }

    @Transactional
    public <T> T update(String key, ClaimInput in, String field, String ifMatch, Integer expectedVersion, Function<Claim, T> view) {
        writes.validate(in, field);
        Claim c = require(key);
        writes.checkVersion(type(), c, ifMatch, expectedVersion, false);
        Writes.sameKey("key", key, in.key());
        return view.apply(writes.update(type(), c, x -> apply(x, in, field), in.reason(), null, null));
    }

    @Transactional
    public void delete(String key, String ifMatch, Integer expectedVersion, String reason) {
        Claim c = require(key);
        writes.checkVersion(type(), c, ifMatch, expectedVersion, true);
        writes.delete(type(), c, REFERENCES,
                () -> org.labledger.source.Citation.delete("subjectType = ?1 and subjectId = ?2", SubjectType.CLAIM, c.id), reason, null);
    }

    /** Checks every reference of the input first (422 naming the field), then writes the claim, its links, supports and citations. */
    private void apply(Claim c, ClaimInput in, String field) {
        NamedEntity claimant = NamedEntity.findBySlug(in.claimant());
        if (claimant == null) {
            throw Writes.unknown(field + "claimant", "entity", in.claimant());
        }
        SubjectType aboutType = null;
        Long aboutId = null;
        if (in.about() != null) {
            aboutType = in.about().type();
            if (!ClaimService.ABOUT_TYPES.contains(aboutType)) {
                throw Writes.unprocessable(field + "about.type", "a claim cannot be about a " + aboutType + "; expected one of " + ClaimService.aboutTypes());
            }
            aboutId = subjectKeys.id(aboutType, in.about().key())
                    .orElseThrow(() -> Writes.unknown(field + "about.key", in.about().type().name().toLowerCase(), in.about().key()));
        }
        Source quotedVia = null;
        if (Writes.text(in.quotedVia()) != null) {
            quotedVia = Source.findByKey(in.quotedVia().trim());
            if (quotedVia == null) {
                throw Writes.unknown(field + "quotedVia", "source", in.quotedVia());
            }
        }
        boolean inference = Boolean.TRUE.equals(in.inference());
        if (inference && Writes.text(in.rationale()) == null) {
            throw Writes.unprocessable(field + "rationale", "is required when inference is true");
        }
        Set<Claim.Link> links = new LinkedHashSet<>();
        List<ClaimInput.LinkInput> linkIn = in.links() == null ? List.of() : in.links();
        for (int i = 0; i < linkIn.size(); i++) {
            ClaimInput.LinkInput l = linkIn.get(i);
            String f = field + "links[" + i + "]";
            if (l.claim().equals(c.key)) {
                throw Writes.unprocessable(f + ".claim", "a claim cannot be linked to itself");
            }
            Claim target = Claim.findByKey(l.claim());
            if (target == null) {
                throw Writes.unknown(f + ".claim", "claim", l.claim());
            }
            if (!links.add(new Claim.Link(l.relation(), target))) {
                throw Writes.unprocessable(f, "links to '" + l.claim() + "' twice with " + l.relation());
            }
        }
        Set<Claim.Support> supports = new LinkedHashSet<>();
        List<ClaimInput.RecordRef> supportIn = in.supports() == null ? List.of() : in.supports();
        for (int i = 0; i < supportIn.size(); i++) {
            ClaimInput.RecordRef r = supportIn.get(i);
            String f = field + "supports[" + i + "]";
            if (!ClaimSupports.SUPPORTED_TYPES.contains(r.type())) {
                throw Writes.unprocessable(f + ".type", "a claim cannot support a " + r.type() + "; expected one of [PROVISION, EVENT, ANSWER]");
            }
            Long id = subjectKeys.id(r.type(), r.key()).orElseThrow(() -> Writes.unknown(f + ".key", r.type().name().toLowerCase(), r.key()));
            if (!supports.add(new Claim.Support(r.type(), id))) {
                throw Writes.unprocessable(f, "lists " + r.type().name().toLowerCase() + " '" + r.key() + "' twice");
            }
        }
        if (in.citations().stream().noneMatch(q -> q != null && Writes.text(q.quote()) != null)) {
            throw Writes.unprocessable(field + "citations", "a claim needs at least one citation with a verbatim quote");
        }
        List<Source> sources = citations.check(field + "citations", in.citations());

        c.claimant = claimant;
        c.stance = in.stance();
        c.certainty = in.certainty();
        c.summary = in.summary().trim();
        c.aboutType = aboutType;
        c.aboutId = aboutId;
        c.quotedVia = quotedVia;
        c.inference = inference;
        c.rationale = Writes.text(in.rationale());
        c.links.clear();
        c.links.addAll(links);
        c.supports.clear();
        c.supports.addAll(supports);
        if (c.id == null) { // the citations need the claim's id
            c.persist();
            em.flush();
        }
        citations.replace(SubjectType.CLAIM, c.id, in.citations(), sources);
    }

    /** The editable state a revision stores: every field, links, supported records and citations, by keys. */
    Map<String, Object> snapshot(Claim c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", c.key);
        m.put("claimant", c.claimant == null ? null : c.claimant.slug);
        m.put("stance", c.stance == null ? null : c.stance.name());
        m.put("certainty", c.certainty == null ? null : c.certainty.name());
        m.put("summary", c.summary);
        m.put("aboutType", c.aboutType == null ? null : c.aboutType.name());
        m.put("aboutKey", c.aboutType == null ? null : subjectKeys.keys(c.aboutType, List.of(c.aboutId)).get(c.aboutId));
        m.put("quotedVia", c.quotedVia == null ? null : c.quotedVia.key);
        m.put("inference", c.inference);
        m.put("rationale", c.rationale);
        List<Map<String, Object>> links = new ArrayList<>();
        c.links.stream().sorted(Comparator.comparing((Claim.Link l) -> l.target.key).thenComparing(l -> l.relation.name())).forEach(l -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("relation", l.relation.name());
            x.put("claim", l.target.key);
            links.add(x);
        });
        m.put("links", links);
        List<Map<String, Object>> supports = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        c.supports.stream().sorted(Comparator.comparing((Claim.Support s) -> s.recordType.name()).thenComparing(s -> s.recordId)).forEach(s -> {
            String key = subjectKeys.keys(s.recordType, List.of(s.recordId)).get(s.recordId);
            if (key != null && seen.add(s.recordType + ":" + key)) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("type", s.recordType.name());
                x.put("key", key);
                supports.add(x);
            }
        });
        m.put("supports", supports);
        m.put("citations", citations.snapshot(SubjectType.CLAIM, c.id));
        return m;
    }
}
