package org.labledger.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The rules a bearer token must meet beyond what SmallRye JWT checks (signature, issuer, audience, expiry, and,
 * configured in application.properties, its lifetime {@code smallrye.jwt.time-to-live} and age
 * {@code mp.jwt.verify.token.age}). A token that breaks one is rejected like a bad signature: 401 problem.
 *
 * <ul>
 *   <li>{@code iat} not later than now plus the clock skew ({@code mp.jwt.verify.clock.skew}): SmallRye checks a
 *       token's age and lifetime from its {@code iat}, so a token dated a year ahead would pass both;</li>
 *   <li>a non-blank {@code sub} of at most {@value #MAX_SUBJECT} characters: it is the actor LabLedger records
 *       in every revision; and the principal's name (upn, preferred_username or sub) is not blank either;</li>
 *   <li>{@code groups}, when present, a JSON array of strings: anything else made SmallRye fail with a
 *       ClassCastException (answered 500) or read a string as space-separated roles;</li>
 *   <li>a token of the role {@value #LAB_ROLE} (a lab's representative, issue 17) names its lab in the claim
 *       {@code labledger.reply.lab-claim} (default {@code lab}) as a slug, and holds no curator or admin role:
 *       a lab does not curate what is said about it. Whether its subject may still act for that lab is the
 *       reply room's check (the allow-list of representatives), made on each request.</li>
 * </ul>
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class TokenRules extends JWTCallerPrincipalFactory {

    /** The length of revision.actor. */
    static final int MAX_SUBJECT = 200;
    /** The role of a lab's representative. */
    public static final String LAB_ROLE = "lab";
    /** The configuration key naming the claim that carries a lab token's lab (its slug). */
    public static final String LAB_CLAIM_KEY = "labledger.reply.lab-claim";
    private static final java.util.regex.Pattern SLUG = java.util.regex.Pattern.compile("^[a-z0-9]+(?:-[a-z0-9]+)*$");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DefaultJWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo info) throws ParseException {
        checkGroupsShape(token);
        JWTCallerPrincipal principal = verifier.parse(token, info);
        long now = System.currentTimeMillis() / 1000;
        long issuedAt = principal.getIssuedAtTime();
        if (issuedAt > now + Math.max(info.getClockSkew(), 0)) {
            throw new ParseException("the token is issued in the future (iat " + issuedAt + ", now " + now + ")");
        }
        String subject = principal.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new ParseException("the token has no subject (sub)");
        }
        if (subject.length() > MAX_SUBJECT) {
            throw new ParseException("the token's subject is longer than " + MAX_SUBJECT + " characters");
        }
        if (principal.getName() == null || principal.getName().isBlank()) {
            throw new ParseException("the token's principal name (upn, preferred_username or sub) is blank");
        }
        if (principal.getGroups() != null && principal.getGroups().contains(LAB_ROLE)) {
            checkLabToken(principal);
        }
        return principal;
    }

    /** The name of the claim that names a lab token's lab ({@value #LAB_CLAIM_KEY}, default {@code lab}). */
    public static String labClaim() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(LAB_CLAIM_KEY, String.class).orElse("lab");
    }

    private static void checkLabToken(JWTCallerPrincipal principal) throws ParseException {
        Object lab = principal.getClaim(labClaim());
        String slug = lab instanceof jakarta.json.JsonString js ? js.getString() : lab instanceof String s ? s : null;
        if (slug == null || slug.length() > 100 || !SLUG.matcher(slug).matches()) {
            throw new ParseException("a lab token must name its lab (a slug) in the claim '" + labClaim() + "'");
        }
        if (principal.getGroups().contains("curator") || principal.getGroups().contains("admin")) {
            throw new ParseException("a lab token may not also hold the curator or admin role");
        }
    }

    /**
     * Rejects a {@code groups} claim that is not an array of strings, before SmallRye reads it. The claims are
     * read unverified here, which is safe because this can only reject: the token is verified next.
     */
    static void checkGroupsShape(String token) throws ParseException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return; // not a signed JWT (an encrypted one, or garbage): SmallRye decides
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            return; // malformed: SmallRye rejects it
        }
        JsonNode groups = claims == null ? null : claims.get("groups");
        if (groups == null || groups.isNull()) {
            return;
        }
        if (!groups.isArray()) {
            throw new ParseException("the token's groups claim is not an array");
        }
        for (JsonNode g : groups) {
            if (!g.isTextual()) {
                throw new ParseException("the token's groups claim holds a value that is not a string");
            }
        }
    }
}
