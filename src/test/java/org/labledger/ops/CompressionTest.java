package org.labledger.ops;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Response compression (quarkus.http.enable-compression, compressors br, gzip, deflate), over a raw HTTP client that
 * decodes nothing itself: what the client accepts is what it gets, and the decoded body is the plain one, byte for byte.
 */
@QuarkusTest
class CompressionTest {

    @TestHTTPResource("/")
    URI base;

    // HTTP/1.1: the JDK client would otherwise try an h2c upgrade
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<byte[]> get(String path, String acceptEncoding) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        if (acceptEncoding != null) {
            b.header("Accept-Encoding", acceptEncoding);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String encoding(HttpResponse<?> r) {
        return r.headers().firstValue("Content-Encoding").orElse("identity");
    }

    private static byte[] gunzip(byte[] b) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
            return in.readAllBytes();
        }
    }

    private static byte[] unbrotli(byte[] b) throws Exception {
        Brotli4jLoader.ensureAvailability();
        return Decoder.decompress(b).getDecompressedData();
    }

    @Test
    void theExportIsSentGzipOrBrotliAsAsked() throws Exception {
        HttpResponse<byte[]> plain = get("/api/export", null);
        assertEquals(200, plain.statusCode());
        assertEquals("identity", encoding(plain), "no Accept-Encoding: the body as is");
        assertTrue(plain.body().length > 100_000, "the export is large: " + plain.body().length);

        HttpResponse<byte[]> gzip = get("/api/export", "gzip");
        assertEquals("gzip", encoding(gzip));
        assertTrue(gzip.body().length < plain.body().length / 4, gzip.body().length + " vs " + plain.body().length);
        assertArrayEquals(plain.body(), gunzip(gzip.body()));

        HttpResponse<byte[]> br = get("/api/export", "br");
        assertEquals("br", encoding(br));
        assertArrayEquals(plain.body(), unbrotli(br.body()));
        // a browser's usual list: brotli preferred
        assertEquals("br", encoding(get("/api/export", "gzip, deflate, br")));

        // the tag names the content: strong for the identity body, weak (same value) for a compressed one
        String tag = plain.headers().firstValue("ETag").orElseThrow();
        assertEquals("W/" + tag, gzip.headers().firstValue("ETag").orElseThrow());
        assertEquals("W/" + tag, br.headers().firstValue("ETag").orElseThrow());
        assertTrue(gzip.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept-Encoding")));
        // the tag is weak exactly when the body goes out compressed, whatever the header's spelling (Netty reads x-gzip
        // as gzip and GZIP as nothing it knows)
        for (String accept : new String[]{"x-gzip", "GZIP", "gzip;q=1.0", "gzip;q=abc", "deflate;q=0.5", "*"}) {
            HttpResponse<byte[]> r = get("/api/export", accept);
            boolean compressed = !"identity".equals(encoding(r));
            assertEquals(compressed ? "W/" + tag : tag, r.headers().firstValue("ETag").orElseThrow(), accept + " (" + encoding(r) + ")");
        }
    }

    @Test
    void unwantedCodingsAreNotUsed() throws Exception {
        HttpResponse<byte[]> plain = get("/api/export", null);
        for (String refused : new String[]{"identity", "gzip;q=0, br;q=0", "compress", "zstd;q=0"}) {
            HttpResponse<byte[]> r = get("/api/export", refused);
            assertEquals("identity", encoding(r), refused);
            assertArrayEquals(plain.body(), r.body(), refused);
            assertEquals(plain.headers().firstValue("ETag"), r.headers().firstValue("ETag"), refused + ": strong tag, identity body");
        }
        HttpResponse<byte[]> small = get("/api/labs/anthropic", null);
        assertEquals("identity", encoding(small));
    }

    @Test
    void everyTextFormatIsCompressed() throws Exception {
        for (String path : new String[]{"/api/labs", "/api/answers.csv", "/api/changes.atom", "/api/labs/no-such-lab", "/graphql/schema.graphql", "/q/openapi"}) {
            HttpResponse<byte[]> plain = get(path, null);
            HttpResponse<byte[]> gzip = get(path, "gzip");
            assertEquals("gzip", encoding(gzip), path + " (" + gzip.headers().firstValue("Content-Type").orElse("?") + ")");
            assertEquals(plain.statusCode(), gzip.statusCode(), path);
            assertArrayEquals(plain.body(), gunzip(gzip.body()), path);
        }
    }
}
