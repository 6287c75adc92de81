package org.labledger.agreement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.labledger.common.ApiException;
import org.labledger.common.Writes;
import org.labledger.history.Curated;
import org.labledger.history.CuratedWrites;
import org.labledger.lab.Lab;
import org.labledger.source.Citation;
import org.labledger.source.SubjectType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Curators' writes to agreements and their provisions (deletes: admins). */
@ApplicationScoped
public class AgreementWriteService {

    public static final String ENTITY = "AGREEMENT";
    public static final String PROVISION = "PROVISION";

    @Inject
    EntityManager em;
    @Inject
    CuratedWrites writes;
    @Inject
    org.labledger.history.RevisionService revisions;

    static final Curated<Agreement> AGREEMENTS = new Curated<>(ENTITY, "agreement", "slug", Agreement::findBySlug, a -> a.slug,
            a -> a.version, AgreementWriteService::snapshot);
    private static final List<Curated.Reference> REFERENCES = List.of(
            new Curated.Reference("provisions", "select count(p) from Provision p where p.agreement = ?1"),
            new Curated.Reference("events", "select count(e) from Event e where e.agreement = ?1"),
            new Curated.Reference("later versions (supersedes)", "select count(x) from Agreement x where x.supersedes = ?1"));
    static final Curated<Provision> PROVISIONS = new Curated<>(PROVISION, "provision", "key",
            key -> Provision.<Provision>find("key", key).firstResult(), p -> p.key, p -> p.version, AgreementWriteService::snapshot);

    public Agreement require(String slug) {
        return writes.require(AGREEMENTS, slug);
    }

    public Provision requireProvision(String slug, String key) {
        Agreement a = require(slug);
        Provision p = Provision.find("key", key).firstResult();
        if (p == null || !p.agreement.id.equals(a.id)) {
            throw ApiException.notFound("provision", slug + "/" + key);
        }
        return p;
    }

    /** The provision as its change history says it stood at {@code asOf} (a 400 for a malformed time, 404 when it did not exist then). */
    @Transactional
    public org.labledger.history.RevisionService.PastRecord provisionAsOf(String slug, String key, String asOf) {
        java.time.OffsetDateTime at = org.labledger.history.RevisionService.timestamp("asOf", asOf);
        if (at == null) {
            throw ApiException.badParameter("asOf", "is required");
        }
        org.labledger.history.RevisionService.PastRecord past = revisions.pastRecord(PROVISION, "provision", key, at, () -> {
            Provision now = PROVISIONS.find().apply(key);
            return now == null ? null : snapshot(now);
        });
        if (!slug.equals(past.state().get("agreement"))) {
            throw ApiException.notFound("provision", slug + "/" + key);
        }
        return past;
    }

    @Transactional
    public <T> T create(AgreementInput in, String field, Function<Agreement, T> view) {
        writes.validate(in, field);
        Agreement a = new Agreement();
        a.slug = in.slug();
        return view.apply(writes.create(AGREEMENTS, a, x -> apply(x, in), in.reason(), null, null));
    }

    @Transactional
    public <T> T update(String slug, AgreementInput in, String field, String ifMatch, Integer expectedVersion, Function<Agreement, T> view) {
        writes.validate(in, field);
        Agreement a = require(slug);
        writes.checkVersion(AGREEMENTS, a, ifMatch, expectedVersion, false);
        Writes.sameKey("slug", slug, in.slug());
        return view.apply(writes.update(AGREEMENTS, a, x -> apply(x, in), in.reason(), null, null));
    }

    @Transactional
    public void delete(String slug, String ifMatch, Integer expectedVersion, String reason) {
        Agreement a = require(slug);
        writes.checkVersion(AGREEMENTS, a, ifMatch, expectedVersion, true);
        writes.delete(AGREEMENTS, a, REFERENCES,
                () -> {
                    Citation.delete("subjectType = ?1 and subjectId = ?2", SubjectType.AGREEMENT, a.id);
                    org.labledger.source.QualifiedValueService.deleteFor(SubjectType.AGREEMENT, a.id);
                }, reason, null);
    }

    private void apply(Agreement a, AgreementInput in) {
        Agreement supersedes = null;
        if (in.supersedes() != null) {
            supersedes = Agreement.findBySlug(in.supersedes());
            if (supersedes == null) {
                throw Writes.unknown("supersedes", "agreement", in.supersedes());
            }
            for (Agreement p = supersedes; p != null; p = p.supersedes) {
                if (p == a) {
                    throw Writes.unprocessable("supersedes", "'" + in.supersedes() + "' would make the agreement supersede itself");
                }
            }
            Agreement other = Agreement.find("supersedes", supersedes).firstResult();
            if (other != null && other != a) {
                throw Writes.unprocessable("supersedes", "'" + in.supersedes() + "' is already superseded by '" + other.slug + "'");
            }
        }
        List<Party> parties = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < in.parties().size(); i++) {
            AgreementInput.PartyInput p = in.parties().get(i);
            Lab lab = Lab.findBySlug(p.lab());
            if (lab == null) {
                throw Writes.unknown("parties[" + i + "].lab", "lab", p.lab());
            }
            if (!seen.add(p.lab())) {
                throw Writes.unprocessable("parties[" + i + "].lab", "'" + p.lab() + "' is a party twice");
            }
            parties.add(new Party(lab, p.role().trim()));
        }
        a.title = in.title().trim();
        a.kind = in.kind();
        a.summary = Writes.text(in.summary());
        a.announcedOn = Writes.text(in.announcedOn());
        a.effectiveOn = Writes.text(in.effectiveOn());
        a.supersedes = supersedes;
        if (!partyList(a.parties).equals(partyList(parties))) {
            a.parties.clear();
            a.parties.addAll(parties);
        }
    }

    // --- provisions ---

    @Transactional
    public <T> T addProvision(String slug, ProvisionInput in, String field, Function<Provision, T> view) {
        writes.validate(in, field);
        Agreement a = require(slug);
        Provision p = new Provision();
        p.key = in.key();
        p.agreement = a;
        return view.apply(writes.create(PROVISIONS, p, x -> apply(x, in), in.reason(), null, null));
    }

    @Transactional
    public <T> T updateProvision(String slug, String key, ProvisionInput in, String field, String ifMatch, Integer expectedVersion,
                                 Function<Provision, T> view) {
        writes.validate(in, field);
        Provision p = requireProvision(slug, key);
        writes.checkVersion(PROVISIONS, p, ifMatch, expectedVersion, false);
        Writes.sameKey("key", key, in.key());
        return view.apply(writes.update(PROVISIONS, p, x -> apply(x, in), in.reason(), null, null));
    }

    @Transactional
    public void deleteProvision(String slug, String key, String ifMatch, Integer expectedVersion, String reason) {
        Provision p = requireProvision(slug, key);
        writes.checkVersion(PROVISIONS, p, ifMatch, expectedVersion, true);
        writes.delete(PROVISIONS, p, List.of(),
                () -> {
                    Citation.delete("subjectType = ?1 and subjectId = ?2", SubjectType.PROVISION, p.id);
                    org.labledger.source.QualifiedValueService.deleteFor(SubjectType.PROVISION, p.id);
                }, reason, null);
    }

    private void apply(Provision p, ProvisionInput in) {
        if ((in.value() == null) != (in.unit() == null)) {
            throw Writes.unprocessable(in.value() == null ? "value" : "unit", "value and unit go together: give both or neither");
        }
        if ("PERCENT".equals(in.unit()) && (in.value().signum() < 0 || in.value().compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw Writes.unprocessable("value", "a percentage must be between 0 and 100");
        }
        if (in.validFrom() != null && in.validUntil() != null && in.validUntil().compareTo(in.validFrom()) < 0) {
            throw Writes.unprocessable("validUntil", "is before validFrom");
        }
        Lab beneficiary = null;
        if (in.beneficiary() != null) {
            beneficiary = Lab.findBySlug(in.beneficiary());
            if (beneficiary == null) {
                throw Writes.unknown("beneficiary", "lab", in.beneficiary());
            }
        }
        Long heldEntity = in.heldEntity() == null ? null : heldEntity(in.heldEntity());
        String kind = in.kind() != null ? in.kind() : p.kind;
        Provision predecessor = predecessor(p, kind, in.lineage());
        org.labledger.source.Source changeSource = in.lineage() == null ? null : source("lineage.source", in.lineage().source());
        List<org.labledger.source.Source> figures = null;
        if (in.figures() != null) {
            figures = new ArrayList<>();
            for (int i = 0; i < in.figures().size(); i++) {
                if (in.figures().get(i) == null) {
                    throw Writes.unprocessable("figures[" + i + "]", "is null");
                }
                figures.add(figure("figures[" + i + "].", in.figures().get(i)));
            }
        }
        int ordinal;
        if (in.ordinal() != null) {
            ordinal = in.ordinal();
        } else if (p.id != null) {
            ordinal = p.ordinal;
        } else {
            Integer max = em.createQuery("select max(x.ordinal) from Provision x where x.agreement = ?1", Integer.class)
                    .setParameter(1, p.agreement).getSingleResult();
            ordinal = max == null ? 1 : max + 1;
        }
        p.ordinal = ordinal;
        p.category = in.category();
        p.summary = in.summary().trim();
        p.beneficiary = beneficiary;
        p.value = in.value();
        p.unit = in.unit();
        p.validFrom = Writes.text(in.validFrom());
        p.validUntil = Writes.text(in.validUntil());
        p.validUntilCondition = Writes.text(in.validUntilCondition());
        if (heldEntity != null) {
            p.heldEntityId = heldEntity;
        }
        if (kind != null) {
            p.kind = kind;
        }
        if (in.lineage() != null) {
            ProvisionInput.LineageInput l = in.lineage();
            p.change = l.change();
            p.predecessor = predecessor;
            p.changeSource = changeSource;
            p.changeQuote = l.quote();
            p.changeLocator = Writes.text(l.locator());
            p.changeInference = Boolean.TRUE.equals(l.inference());
            p.changeRationale = Writes.text(l.rationale());
        }
        if (figures != null) {
            if (p.id == null) {
                p.persist(); // the figures are about it: it needs its id first (create's persist is then a no-op)
                em.flush();
            }
            org.labledger.source.Figure.delete("subjectType = ?1 and subjectId = ?2", SubjectType.PROVISION, p.id);
            em.flush(); // (subject, ordinal) is unique
            for (int i = 0; i < figures.size(); i++) {
                ProvisionInput.FigureInput f = in.figures().get(i);
                org.labledger.source.Figure row = new org.labledger.source.Figure();
                row.subjectType = SubjectType.PROVISION;
                row.subjectId = p.id;
                row.ordinal = i + 1;
                row.measure = f.measure().trim();
                row.qualifier = f.qualifier();
                row.value = f.value();
                row.low = f.low();
                row.high = f.high();
                row.unit = f.unit();
                row.text = f.text();
                row.source = figures.get(i);
                row.quote = f.citation().quote();
                row.locator = Writes.text(f.citation().locator());
                row.persist();
            }
        }
    }

    /** The entity a stake is held in, by slug: a LEGAL_ENTITY or ORGANISATION (as the seed validator requires). */
    private Long heldEntity(String slug) {
        // the entity room sits beside this one: read by name, as SubjectKeys does
        List<Object[]> rows = em.createQuery("select x.id, x.kind from NamedEntity x where x.slug = ?1", Object[].class)
                .setParameter(1, slug).getResultList();
        if (rows.isEmpty()) {
            throw Writes.unprocessable("heldEntity", "refers to unknown entity '" + slug + "'");
        }
        String kind = String.valueOf(rows.get(0)[1]);
        if (!kind.equals("LEGAL_ENTITY") && !kind.equals("ORGANISATION")) {
            throw Writes.unprocessable("heldEntity", "'" + slug + "' is a " + kind + ": a stake is held in a legal entity or an organisation");
        }
        return (Long) rows.get(0)[0];
    }

    /** The source of a quote, by key, or a 422 naming the field. */
    private static org.labledger.source.Source source(String field, String key) {
        org.labledger.source.Source s = org.labledger.source.Source.findByKey(key);
        if (s == null) {
            throw Writes.unknown(field, "source", key);
        }
        return s;
    }

    /**
     * The lineage rules of the seed validator: REMOVAL records and only they REMOVE; ADDS names no earlier provision;
     * the earlier provision belongs to a strictly earlier version of the same supersedes chain; an inference says why.
     */
    private Provision predecessor(Provision p, String kind, ProvisionInput.LineageInput l) {
        boolean removal = "REMOVAL".equals(kind);
        if (l == null) {
            if (removal && p.change == null) {
                throw Writes.unprocessable("lineage", "a REMOVAL needs a lineage with change REMOVES");
            }
            if (p.change != null && removal != (p.change == ProvisionChange.REMOVES)) {
                throw Writes.unprocessable("kind", removal ? "a REMOVAL must have change REMOVES" : "REMOVES needs kind REMOVAL");
            }
            return null;
        }
        if (removal != (l.change() == ProvisionChange.REMOVES)) {
            throw Writes.unprocessable("lineage.change", removal ? "a REMOVAL must have change REMOVES" : "REMOVES needs kind REMOVAL");
        }
        if (Boolean.TRUE.equals(l.inference()) && (l.rationale() == null || l.rationale().isBlank())) {
            throw Writes.unprocessable("lineage.rationale", "is required when inference is true (say why)");
        }
        if (l.of() == null) {
            return null;
        }
        if (l.change() == ProvisionChange.ADDS) {
            throw Writes.unprocessable("lineage.of", "ADDS names no earlier provision");
        }
        if (l.of().equals(p.key)) {
            throw Writes.unprocessable("lineage.of", "a provision cannot relate to itself");
        }
        Provision earlier = Provision.find("key", l.of()).firstResult();
        if (earlier == null) {
            throw Writes.unprocessable("lineage.of", "refers to unknown provision '" + l.of() + "'");
        }
        Set<Agreement> seen = new HashSet<>();
        for (Agreement cur = p.agreement.supersedes; cur != null && seen.add(cur); cur = cur.supersedes) {
            if (cur.id.equals(earlier.agreement.id)) {
                return earlier;
            }
        }
        throw Writes.unprocessable("lineage.of", "'" + l.of() + "' belongs to '" + earlier.agreement.slug + "', which is not an earlier version of '"
                + p.agreement.slug + "' (supersedes chain)");
    }

    /** A figure's rules (the seed validator's): a RANGE has low and high, the others a value; its words stand in its quote. */
    private static org.labledger.source.Source figure(String at, ProvisionInput.FigureInput f) {
        if (f.qualifier() == org.labledger.source.FigureQualifier.RANGE) {
            if (f.low() == null || f.high() == null) {
                throw Writes.unprocessable(at + (f.low() == null ? "low" : "high"), "is required");
            }
            if (f.value() != null) {
                throw Writes.unprocessable(at + "value", "a RANGE has low and high, not a value");
            }
            if (f.low().compareTo(f.high()) > 0) {
                throw Writes.unprocessable(at + "low", "is above high");
            }
        } else {
            if (f.value() == null) {
                throw Writes.unprocessable(at + "value", "is required");
            }
            if (f.low() != null || f.high() != null) {
                throw Writes.unprocessable(at + (f.low() != null ? "low" : "high"), "only a RANGE has low and high");
            }
        }
        if (f.citation().quote() == null || f.citation().quote().isBlank()) {
            throw Writes.unprocessable(at + "citation.quote", "is required (verbatim)");
        }
        if (!fold(f.citation().quote()).contains(fold(f.text()))) {
            throw Writes.unprocessable(at + "text", "'" + f.text() + "' is not in the citation's quote");
        }
        return source(at + "citation.source", f.citation().source());
    }

    private static String fold(String s) {
        return s.replaceAll("(?U)\\s+", " ").trim();
    }

    private static List<String> partyList(List<Party> parties) {
        return parties.stream().map(p -> p.lab.slug + ":" + p.role).sorted().toList();
    }

    public static Map<String, Object> snapshot(Agreement a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", a.slug);
        m.put("title", a.title);
        m.put("kind", a.kind.name());
        m.put("summary", a.summary);
        m.put("announcedOn", a.announcedOn);
        m.put("effectiveOn", a.effectiveOn);
        m.put("supersedes", a.supersedes == null ? null : a.supersedes.slug);
        m.put("parties", partyList(a.parties));
        return m;
    }

    public static Map<String, Object> snapshot(Provision p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", p.key);
        m.put("agreement", p.agreement.slug);
        m.put("ordinal", p.ordinal);
        m.put("category", p.category.name());
        m.put("summary", p.summary);
        m.put("beneficiary", p.beneficiary == null ? null : p.beneficiary.slug);
        m.put("value", p.value == null ? null : p.value.stripTrailingZeros().toPlainString());
        m.put("unit", p.unit);
        m.put("validFrom", p.validFrom);
        m.put("validUntil", p.validUntil);
        m.put("validUntilCondition", p.validUntilCondition);
        // written through the API since issue 14: present only when set, so the snapshots of plain terms stay as they were
        if (!"TERM".equals(p.kind)) {
            m.put("kind", p.kind);
        }
        if (p.change != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("change", p.change.name());
            l.put("of", p.predecessor == null ? null : p.predecessor.key);
            l.put("source", p.changeSource == null ? null : p.changeSource.key);
            l.put("quote", p.changeQuote);
            l.put("locator", p.changeLocator);
            l.put("inference", p.changeInference);
            l.put("rationale", p.changeRationale);
            m.put("lineage", l);
        }
        if (p.heldEntityId != null) {
            m.put("heldEntity", Provision.getEntityManager().createQuery("select x.slug from NamedEntity x where x.id = ?1", String.class)
                    .setParameter(1, p.heldEntityId).getResultStream().findFirst().orElse(null));
        }
        if (p.id != null) {
            List<Map<String, Object>> figures = new ArrayList<>();
            for (org.labledger.source.Figure f : org.labledger.source.Figure.<org.labledger.source.Figure>list(
                    "select f from Figure f join fetch f.source where f.subjectType = ?1 and f.subjectId = ?2 order by f.ordinal", SubjectType.PROVISION, p.id)) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("qualifier", f.qualifier.name());
                x.put("measure", f.measure);
                x.put("value", f.value == null ? null : f.value.stripTrailingZeros().toPlainString());
                x.put("low", f.low == null ? null : f.low.stripTrailingZeros().toPlainString());
                x.put("high", f.high == null ? null : f.high.stripTrailingZeros().toPlainString());
                x.put("unit", f.unit);
                x.put("text", f.text);
                x.put("source", f.source.key);
                x.put("quote", f.quote);
                x.put("locator", f.locator);
                figures.add(x);
            }
            if (!figures.isEmpty()) {
                m.put("figures", figures);
            }
        }
        return m;
    }
}
