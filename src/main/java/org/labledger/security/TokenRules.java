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
 *       ClassCastException (answered 500) or read a string as space-separated roles.</li>
 * </ul>
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class TokenRules extends JWTCallerPrincipalFactory {

    /** The length of revision.actor. */
    static final int MAX_SUBJECT = 200;

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
        return principal;
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
