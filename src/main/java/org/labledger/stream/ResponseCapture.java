package org.labledger.stream;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Hands the body bytes of a REST response to the {@link ResponseCache} slot of its request. It runs after
 * common/HttpCaching (response filters run from the highest priority down), which has turned the entity into the
 * very bytes that go on the wire and tagged them; a response whose entity is anything else (a stream) is not kept.
 */
public class ResponseCapture {

    @ServerResponseFilter(priority = Priorities.USER - 100)
    public void capture(ContainerResponseContext response) {
        ResponseCache.Slot slot = ResponseCache.Slot.current();
        if (slot != null && response.getStatus() == 200 && response.getEntity() instanceof byte[] bytes) {
            slot.body = bytes;
        }
    }
}
