package org.labledger.common;

import org.eclipse.microprofile.config.ConfigProvider;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the sort key of the last row of a page, bound to its list and filter. URL-safe base64 of
 * {@code version, list, filter digest, key values} and a MAC over them ({@code labledger.cursor.secret}), so that a
 * cursor cannot be edited into another position, moved to another list or filter, or outlive a format change: any
 * such cursor is a 400 (invalid-parameter), never a 500. The values are strings; the list parses its own.
 */
public final class Cursor {

    /** Bumped when the key of any list changes shape: older cursors then get a 400 instead of a wrong page. */
    static final String VERSION = "c1";
    /** Longer cursor parameters are refused before any decoding. */
    public static final int MAX_LENGTH = 512;
    private static final char SEP = '\u001f';
    private static final int MAC_BYTES = 12;

    private Cursor() {
    }

    /** The cursor after a row whose sort key is {@code key}, in the list {@code list} under the filter {@code scope}. */
    public static String encode(String list, String scope, List<?> key) {
        StringBuilder p = new StringBuilder(VERSION).append(SEP).append(list).append(SEP).append(digest(scope));
        for (Object v : key) {
            String s = String.valueOf(v);
            if (s.indexOf(SEP) >= 0) {
                throw new IllegalArgumentException("a cursor value holds the separator");
            }
            p.append(SEP).append(s);
        }
        byte[] payload = p.toString().getBytes(StandardCharsets.UTF_8);
        byte[] mac = mac(payload);
        byte[] all = Arrays.copyOf(payload, payload.length + MAC_BYTES);
        System.arraycopy(mac, 0, all, payload.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
    }

    /**
     * The key values of a cursor of {@code list} under {@code scope}, {@code arity} of them; null when {@code raw} is
     * absent. A malformed, edited, foreign or outdated cursor adds a mistake to {@code params} and answers null.
     */
    public static List<String> decode(Params params, String raw, String list, String scope, int arity) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim();
        if (s.length() > MAX_LENGTH) {
            params.add("cursor", "is longer than " + MAX_LENGTH + " characters; pass the nextCursor of a page unchanged");
            return null;
        }
        byte[] all;
        try {
            all = Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            params.add("cursor", "is not a cursor of this API; pass the nextCursor of a page unchanged");
            return null;
        }
        if (all.length <= MAC_BYTES) {
            params.add("cursor", "is not a cursor of this API; pass the nextCursor of a page unchanged");
            return null;
        }
        byte[] payload = Arrays.copyOf(all, all.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(all, all.length - MAC_BYTES, all.length);
        if (!MessageDigest.isEqual(mac, Arrays.copyOf(mac(payload), MAC_BYTES))) {
            params.add("cursor", "is not a cursor of this API (altered or foreign); pass the nextCursor of a page unchanged");
            return null;
        }
        List<String> parts = split(new String(payload, StandardCharsets.UTF_8));
        if (parts.size() < 3 || !VERSION.equals(parts.get(0))) {
            params.add("cursor", "is of an older format; start again from the first page");
            return null;
        }
        if (!list.equals(parts.get(1)) || !digest(scope).equals(parts.get(2))) {
            params.add("cursor", "belongs to another list or other filters; keep the filters of the page it came from");
            return null;
        }
        if (parts.size() != 3 + arity) {
            params.add("cursor", "is of an older format; start again from the first page");
            return null;
        }
        return List.copyOf(parts.subList(3, parts.size()));
    }

    /**
     * The key of a cursor of {@code list} under {@code scope} ({@code arity} values), as {@code parse} reads it; null
     * when {@code raw} is absent. A cursor {@link #decode} refuses, or whose values {@code parse} cannot read (it throws),
     * is a 400 naming {@code cursor}: a list decodes its cursors in one call.
     */
    public static <K> K key(String raw, String list, String scope, int arity, java.util.function.Function<List<String>, K> parse) {
        Params params = new Params();
        List<String> values = decode(params, raw, list, scope, arity);
        K key = null;
        if (values != null) {
            try {
                key = parse.apply(values);
            } catch (RuntimeException e) {
                params.add("cursor", "is not a cursor of this API; pass the nextCursor of a page unchanged");
            }
        }
        params.check();
        return key;
    }

    /** {@code cursor} and {@code page} are two ways to say where a page starts: at most one of them. */
    public static void exclusive(Params params, String cursor, String page) {
        if (cursor != null && !cursor.isBlank() && page != null && !page.isBlank()) {
            params.add("cursor", "cannot be combined with page: use page (offset paging) or cursor (keyset paging)");
        }
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == SEP) {
                out.add(s.substring(from, i));
                from = i + 1;
            }
        }
        return out;
    }

    private static String digest(String scope) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(String.valueOf(scope).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, 9));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Secret.KEY, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Read once: every replica must share it (LABLEDGER_CURSOR_SECRET), or a cursor from one is refused by another. */
    private static final class Secret {
        static final byte[] KEY = ConfigProvider.getConfig().getOptionalValue("labledger.cursor.secret", String.class)
                .orElse("labledger-cursor").getBytes(StandardCharsets.UTF_8);
    }
}
