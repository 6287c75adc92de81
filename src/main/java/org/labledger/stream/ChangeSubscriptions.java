package org.labledger.stream;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.labledger.common.ApiException;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The change stream as a GraphQL subscription ({@code subscription { changes(labs: [...], types: [...]) { ... } }},
 * over WebSocket with graphql-transport-ws or graphql-ws, as SmallRye GraphQL serves it at {@code /graphql}): the same
 * changes, filters and limits as {@link ChangeStream}'s server-sent events.
 */
@GraphQLApi
public class ChangeSubscriptions {

    private static final AtomicInteger OPEN = new AtomicInteger();

    @Inject
    DataVersion versions;
    @Inject
    ChangeStream stream;

    /** A committed change as the subscription delivers it. */
    @Name("DataChange")
    @Description("One committed change: the data version it advanced to, the table written and the keys and labs it touched")
    @RegisterForReflection
    public record DataChange(
            @NonNull @Description("The data version after the transaction (increases with every committed write)") BigInteger version,
            @Description("The table written (answer, lab, question, claim, ...); null when the change's notification was lost and only the version is known") String type,
            @Description("The one record's key (key, slug or id) when exactly one record of the table changed") String key,
            @NonNull @Description("The keys of the changed records (at most 20)") List<@NonNull String> keys,
            @NonNull @Description("The slugs of the labs concerned (at most 20), where the table names a lab") List<@NonNull String> labs,
            @NonNull @Description("The kinds of statement: INSERT, UPDATE, DELETE, TRUNCATE") List<@NonNull String> ops,
            @NonNull @Description("Whether keys or labs were left out or are unknown") Boolean more) {

        static DataChange of(Change c) {
            return new DataChange(BigInteger.valueOf(c.version()), c.type(), c.key(), c.keys(), c.labs(), c.ops(), c.more());
        }
    }

    @org.eclipse.microprofile.graphql.Query("dataVersion")
    @Description("The data version this replica knows (increases with every committed write; null while it is not confirmed)")
    public BigInteger dataVersion() {
        long v = versions.current();
        return v < 0 ? null : BigInteger.valueOf(v);
    }

    @io.smallrye.graphql.api.Subscription("changes")
    @Description("Each committed change as it commits, optionally only those of some labs (slugs) or types (tables); a change whose type or labs are not known in full reaches every subscriber it may concern")
    public Multi<@NonNull DataChange> changes(@Description("Only changes concerning these labs (slugs); absent: all") List<String> labs,
                                              @Description("Only changes of these types (tables: answer, lab, question, ...); absent: all") List<String> types) {
        // List<String>, not List<@NonNull String>: SmallRye then declares the argument itself non-null ([String!]!), and
        // "absent: all" could not be sent; a null entry is refused here instead
        if ((labs != null && labs.contains(null)) || (types != null && types.contains(null))) {
            throw ApiException.badRequest("labs and types hold slugs and table names, not null");
        }
        List<String> labFilter = labs == null ? List.of() : List.copyOf(labs);
        List<String> typeFilter = types == null ? List.of() : types.stream().map(Change::typeName).toList();
        if (labFilter.size() > 100 || typeFilter.size() > 100) {
            throw ApiException.badRequest("at most 100 labs and 100 types");
        }
        if (OPEN.incrementAndGet() > stream.maxSubscribers()) {
            OPEN.decrementAndGet();
            throw new ApiException(503, "too-many-subscribers", "Too Many Subscribers",
                    "the change subscription has its " + stream.maxSubscribers() + " subscribers; try again later", null);
        }
        return Multi.createFrom().<Change>emitter(emitter -> {
                    Runnable unsubscribe = versions.subscribe(change -> {
                        if (change.matches(typeFilter, labFilter)) {
                            emitter.emit(change);
                        }
                    });
                    emitter.onTermination(() -> {
                        unsubscribe.run();
                        OPEN.decrementAndGet();
                    });
                }, BackPressureStrategy.DROP)
                .map(DataChange::of);
    }
}
