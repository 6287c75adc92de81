package org.labledger.reply;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.labledger.lab.Lab;
import org.labledger.security.TokenRules;

/**
 * Who is calling, for the right of reply: a lab's representative (role {@code lab}, its lab named by the lab claim,
 * its subject on the lab's allow-list, checked on every request so that revoking takes effect at once), or a curator.
 */
@ApplicationScoped
public class LabCaller {

    @Inject
    SecurityIdentity identity;
    @Inject
    JsonWebToken jwt;

    public boolean curator() {
        return !identity.isAnonymous() && identity.hasRole("curator");
    }

    public boolean lab() {
        return !identity.isAnonymous() && identity.hasRole(TokenRules.LAB_ROLE);
    }

    /** The lab the caller acts for: 403 unless a lab token whose subject is (still) one of that lab's representatives. */
    public Lab requireLab() {
        if (!lab()) {
            throw new ReplyErrors.Forbidden("only a lab's representative (a token of role 'lab') may do this");
        }
        Object claim = jwt.getClaim(TokenRules.labClaim());
        String slug = claim instanceof jakarta.json.JsonString js ? js.getString() : claim == null ? null : claim.toString();
        Lab lab = slug == null ? null : Lab.findBySlug(slug);
        if (lab == null) {
            throw new ReplyErrors.Forbidden("the token names no lab LabLedger knows ('" + slug + "')");
        }
        if (LabRepresentative.count("lab = ?1 and subject = ?2", lab, jwt.getSubject()) == 0) {
            throw new ReplyErrors.Forbidden("'" + jwt.getSubject() + "' is not (or no longer) a representative of " + lab.slug);
        }
        return lab;
    }

    /** The caller's lab when it is a lab token (checked as {@link #requireLab}), else null. */
    public Lab labOrNull() {
        return lab() ? requireLab() : null;
    }

    /** 403 unless the caller acts for {@code lab}. */
    public static void same(Lab caller, Lab lab, String what) {
        if (!caller.id.equals(lab.id)) {
            throw new ReplyErrors.Forbidden(what + " belongs to another lab than " + caller.slug + ": a lab acts for itself only");
        }
    }
}
