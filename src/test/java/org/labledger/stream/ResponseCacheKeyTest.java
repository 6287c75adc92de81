package org.labledger.stream;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The response cache's key is the raw request: parameters sorted by name only, varying headers, the body as sent. */
class ResponseCacheKeyTest {

    private static String key(String query, MultiMap headers, String body) {
        return ResponseCache.key(body == null ? HttpMethod.GET : HttpMethod.POST, "/api/x", query, headers, body);
    }

    @Test
    void parametersAreSortedByNameAndOneNamesValuesKeepTheirOrder() {
        MultiMap none = MultiMap.caseInsensitiveMultiMap();
        assertEquals(key("page=1&size=5", none, null), key("size=5&page=1", none, null));
        assertEquals(key("a=2&b=1&a=1", none, null), key("a=2&a=1&b=1", none, null));
        // lab=x&lab=y lists x first: another request than lab=y&lab=x
        assertNotEquals(key("lab=x&lab=y", none, null), key("lab=y&lab=x", none, null));
        assertEquals(key("a=1", none, null), key("a=1&", none, null));
        assertNotEquals(key(null, none, null), key("a=1", none, null));
    }

    @Test
    void varyingHeadersContentTypeAndBodyAreInTheKey() {
        MultiMap json = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json");
        MultiMap jsonAccept = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json").add("Accept", "application/json");
        MultiMap graphql = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/graphql");
        String body = "{\"query\":\"{ labs { slug } }\"}";
        assertEquals(key(null, json, body), key(null, MultiMap.caseInsensitiveMultiMap().add("content-type", "Application/JSON"), body));
        assertNotEquals(key(null, json, body), key(null, jsonAccept, body));
        assertNotEquals(key(null, json, body), key(null, graphql, body));
        assertNotEquals(key(null, json, body), key(null, json, body + " "));
        assertNotEquals(key(null, json, body), key(null, MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json").add("Accept-Encoding", "gzip"), body));
        assertNotEquals(ResponseCache.key(HttpMethod.GET, "/graphql", null, json, null), ResponseCache.key(HttpMethod.POST, "/graphql", null, json, ""));
    }
}
