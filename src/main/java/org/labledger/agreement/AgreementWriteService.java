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
        return m;
    }
}
