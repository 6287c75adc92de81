package org.labledger.reply;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Map;
import java.util.Optional;

/**
 * Signs receipts (compact JWS, RS256) with the service's receipt key and publishes its public half as a JWK Set
 * ({@code /.well-known/jwks.json}). The key is {@code labledger.reply.receipt-key.location}: a PKCS#8 PEM RSA private
 * key (2048 bits or more) on disk, read at start-up (a missing or unreadable key stops the start). Without one
 * (development, tests) a key pair is generated when it is first needed (the first receipt or JWKS request, not at
 * start-up: a 2048-bit RSA key pair costs 100s of ms of CPU, bench/README.md "Start-up") and lives as long as the
 * process: receipts it signed then verify only against the JWKS of that run, so a deployment configures its key.
 * The key id ({@code kid}) is the key's RFC 7638 thumbprint, so a receipt names the key that verifies it.
 */
@ApplicationScoped
@Startup
public class ReceiptSigner {

    private static final Logger LOG = Logger.getLogger(ReceiptSigner.class);

    @ConfigProperty(name = "labledger.reply.receipt-key.location")
    Optional<String> location;

    private volatile RsaJsonWebKey key;

    @PostConstruct
    void load() {
        if (configured()) {
            key = create();
        } else {
            LOG.warn("labledger.reply.receipt-key.location is not set: receipts are signed with a key generated for this run only");
        }
    }

    private boolean configured() {
        return location.isPresent() && !location.get().isBlank();
    }

    /** The key: the configured one, or (generated once, on first use) this run's own. */
    private RsaJsonWebKey key() {
        RsaJsonWebKey k = key;
        if (k == null) {
            synchronized (this) {
                k = key;
                if (k == null) {
                    k = create();
                    key = k;
                }
            }
        }
        return k;
    }

    private RsaJsonWebKey create() {
        try {
            RsaJsonWebKey k;
            if (configured()) {
                PrivateKey pk = KeyUtils.decodePrivateKey(Files.readString(Path.of(location.get().trim())));
                if (!(pk instanceof RSAPrivateCrtKey rsa)) {
                    throw new IllegalStateException("labledger.reply.receipt-key.location must hold an RSA private key (PKCS#8 PEM)");
                }
                var pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
                k = (RsaJsonWebKey) PublicJsonWebKey.Factory.newPublicJwk(pub);
                k.setPrivateKey(pk);
            } else {
                k = RsaJwkGenerator.generateJwk(2048);
            }
            k.setKeyId(k.calculateBase64urlEncodedThumbprint("SHA-256"));
            k.setUse("sig");
            k.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            return k;
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the receipt key: " + e.getMessage(), e);
        }
    }

    public String keyId() {
        return key().getKeyId();
    }

    /** A compact JWS over these claims (their canonical JSON), with the key id in its header. */
    public String sign(Map<String, Object> claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(Canonical.of(claims));
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        RsaJsonWebKey k = key();
        jws.setKeyIdHeaderValue(k.getKeyId());
        jws.setHeader("typ", "labledger-receipt+jws");
        jws.setKey(k.getPrivateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JWK Set of the public receipt key, as JSON. */
    public String jwks() {
        return new JsonWebKeySet(key()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
