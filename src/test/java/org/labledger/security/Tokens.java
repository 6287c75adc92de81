package org.labledger.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;

/** Real signed tokens for tests, as an identity provider would issue them. */
public final class Tokens {

    public static final String ISSUER = "https://labledger.local";
    public static final String AUDIENCE = "labledger";

    private Tokens() {
    }

    public static String curator() {
        return token("test-curator", Set.of("curator"), ISSUER, AUDIENCE, Instant.now().plusSeconds(600));
    }

    public static String admin() {
        return token("test-admin", Set.of("admin", "curator"), ISSUER, AUDIENCE, Instant.now().plusSeconds(600));
    }

    public static String reader() {
        return token("test-reader", Set.of("reader"), ISSUER, AUDIENCE, Instant.now().plusSeconds(600));
    }

    public static String token(String subject, Set<String> groups, String issuer, String audience, Instant expiresAt) {
        return Jwt.issuer(issuer).audience(audience).subject(subject).upn(subject).groups(groups)
                .issuedAt(Instant.now().minusSeconds(5)).expiresAt(expiresAt).sign(privateKey());
    }

    /**
     * A token with exactly these claims (a JSON object, signed as is): for claims the builder above would
     * correct or refuse, such as a {@code groups} claim that is not an array.
     */
    public static String signed(String claimsJson) {
        org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
        jws.setPayload(claimsJson);
        jws.setKey(privateKey());
        jws.setAlgorithmHeaderValue(org.jose4j.jws.AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey() {
        JwtKeys.ensure();
        try {
            return KeyUtils.decodePrivateKey(Files.readString(JwtKeys.PRIVATE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
