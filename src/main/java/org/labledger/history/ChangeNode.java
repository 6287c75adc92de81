package org.labledger.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.labledger.graphql.JsonValue;

import java.time.OffsetDateTime;
import java.util.Map;

/** A revision over GraphQL; the record's states before and after are JSON strings (their fields vary by entity). */
@Name("Revision")
@Description("One recorded change of a record: who changed what, when, on what evidence, with the record's state before and after")
public record ChangeNode(@NonNull @Id @Description("Stable identifier, increasing in the order the changes were made") Long id,
                         @NonNull @Description("The kind of record changed: ANSWER, LAB, QUESTION, AGREEMENT, ...") String entity,
                         @NonNull @Description("The record's stable key (answers: questionKey/labSlug)") String key,
                         @Description("The record's id (null for records changed by key only)") Long entityId,
                         @NonNull @Description("CREATE, UPDATE or DELETE") String action,
                         @Description("The record before the change, as a JSON object (null for a creation)") JsonValue before,
                         @Description("The record after the change, as a JSON object (null for a deletion)") JsonValue after,
                         @NonNull @Description("Who made the change (the token's subject)") String actor,
                         @Description("When the change was made (ISO-8601); null only in the response of the mutation that made it, before the database has stamped it") OffsetDateTime at,
                         @Description("Why (null when not given)") String reason,
                         @Description("The evidence's URL (null when not given)") String sourceUrl,
                         @Description("The evidence's source key (null when not given)") String sourceKey) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ChangeNode of(RevisionService.RevisionView r) {
        return new ChangeNode(r.id(), r.entity(), r.key(), r.entityId(), r.action(), json(r.before()), json(r.after()), r.actor(), r.at(),
                r.reason(), r.sourceUrl(), r.sourceKey());
    }

    private static JsonValue json(Map<String, Object> m) {
        try {
            return m == null ? null : new JsonValue(JSON.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
