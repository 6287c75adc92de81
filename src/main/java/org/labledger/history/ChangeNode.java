package org.labledger.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import java.time.OffsetDateTime;
import java.util.Map;

/** A revision over GraphQL; the record's states before and after are JSON strings (their fields vary by entity). */
@Name("Revision")
public record ChangeNode(@NonNull @Id Long id, @NonNull String entity, @NonNull String key, Long entityId, @NonNull String action,
                         @Description("the record before the change, as JSON (null for a creation)") String before,
                         @Description("the record after the change, as JSON (null for a deletion)") String after,
                         @NonNull String actor, OffsetDateTime at, String reason, String sourceUrl, String sourceKey) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ChangeNode of(RevisionService.RevisionView r) {
        return new ChangeNode(r.id(), r.entity(), r.key(), r.entityId(), r.action(), json(r.before()), json(r.after()), r.actor(), r.at(),
                r.reason(), r.sourceUrl(), r.sourceKey());
    }

    private static String json(Map<String, Object> m) {
        try {
            return m == null ? null : JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
