package org.labledger.security;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * Generates a fresh RSA key pair for each test run (no private key is committed) and points the
 * application's token verification at its public half; {@link Tokens} signs test tokens with the private half.
 */
public class JwtKeys implements QuarkusTestResourceLifecycleManager {

    static final Path DIR = Path.of("target", "test-jwt");
    static final Path PRIVATE = DIR.resolve("private.pem");
    static final Path PUBLIC = DIR.resolve("public.pem");

    @Override
    public Map<String, String> start() {
        ensure();
        return Map.of("mp.jwt.verify.publickey.location", PUBLIC.toAbsolutePath().toString());
    }

    static synchronized void ensure() {
        if (Files.exists(PRIVATE) && Files.exists(PUBLIC)) {
            return;
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            Files.createDirectories(DIR);
            Files.writeString(PRIVATE, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
            Files.writeString(PUBLIC, pem("PUBLIC KEY", kp.getPublic().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    @Override
    public void stop() {
    }
}
