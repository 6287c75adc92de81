package org.labledger.event;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.labledger.agreement.Agreement;
import org.labledger.agreement.AgreementNode;
import org.labledger.common.ApiException;
import org.labledger.common.Batch;
import org.labledger.common.PageInfo;
import org.labledger.common.PageResult;
import org.labledger.common.Paging;
import org.labledger.common.Params;
import org.labledger.lab.Lab;
import org.labledger.lab.LabNode;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.SubjectType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Events over GraphQL (a dashboard timeline): the paged top-level list with typed filters, one event, and each
 * event's labs, agreement and citations; Lab.events lives here (the lab room knows nothing of events). Every relation
 * is a batch resolver: a fixed number of statements whatever the number of labs or events.
 */
@GraphQLApi
public class EventGraphQL {

    @Inject
    EntityManager em;
    @Inject
    EventService events;
    @Inject
    CitationService citations;

    @Input("EventFilter")
    @Description("All given conditions must hold")
    public record EventFilterInput(@Description("Only events involving this lab (slug)") String lab,
                                   @Description("Any of these kinds") List<EventKind> kinds,
                                   @Description("Only events dated on or after this partial date (YYYY, YYYY-MM or YYYY-MM-DD), compared at the coarser precision of the two (2022-11 is on or after 2022-11-15); undated events never match") String from,
                                   @Description("Only events dated on or before this partial date (YYYY, YYYY-MM or YYYY-MM-DD), compared at the coarser precision of the two (2023-01 is on or before 2023); undated events never match") String to) {
    }

    @Name("EventPage")
    @Description("One page of events")
    public record EventPage(@NonNull @Description("The events of this page, oldest first (undated last)") List<@NonNull EventNode> items,
                            @Description("Page number, from 0") int page,
                            @Description("Page size") int size,
                            @Description("Matching events in all") int totalItems,
                            @Description("Pages in all") int totalPages) {
    }

    @Query("events")
    @Description("Events matching the filter, oldest first (undated last), one page at a time (page from 0, size 1 to 200)")
    public @NonNull EventPage events(@Description("Conditions on the events") EventFilterInput filter,
                                     @DefaultValue("0") @Description("Page number, from 0") int page,
                                     @DefaultValue("50") @Description("Page size, 1 to 200") int size) {
        Paging.check(page, size);
        PageResult<Long> ids = events.searchIds(filter(filter), "filter.", page, size);
        return new EventPage(nodes(ids.items()), page, size, (int) ids.totalItems(), ids.totalPages());
    }

    @Name("EventEdge")
    @Description("An event of a connection, with the cursor after it")
    public record EventEdge(@NonNull @Description("The cursor after this event: pass it as `after` for the events that follow it (opaque)") String cursor,
                            @NonNull @Description("The event") EventNode node) {
    }

    @Name("EventConnection")
    @Description("A page of events by keyset (Relay connection), oldest first (undated last): every page costs what the first does, however deep")
    public record EventConnection(@NonNull @Description("The events of this page, oldest first, each with its cursor") List<@NonNull EventEdge> edges,
                                  @NonNull @Description("Whether more events follow, and the cursor to ask for them with") PageInfo pageInfo,
                                  @Description("How many events match in all") int totalCount) {
    }

    @Query("eventConnection")
    @Description("Events matching the filter, oldest first (undated last), by keyset (Relay connection): `first` events after the cursor `after`; "
            + "unlike `events(page:)`, a deep page costs what the first does")
    public @NonNull EventConnection eventConnection(@Description("Conditions on the events") EventFilterInput filter,
                                                    @DefaultValue("50") @Description("How many events, 1 to 200") int first,
                                                    @Description("The endCursor (or an edge's cursor) of the previous page; from the first event when absent") String after) {
        return Paging.connection(first, n -> events.idsAfter(filter(filter), "filter.", after, n), this::nodes, EventEdge::new, EventConnection::new);
    }

    private static EventFilter filter(EventFilterInput filter) {
        EventFilterInput f = filter == null ? new EventFilterInput(null, null, null, null) : filter;
        return new EventFilter(Params.text(f.lab()), f.kinds() == null ? List.of() : f.kinds(), Params.text(f.from()), Params.text(f.to()));
    }

    @Query("event")
    @Description("One event by slug; error NOT_FOUND when there is none")
    public EventNode event(@NonNull @Description("The event's slug") String slug) {
        List<Long> ids = em.createQuery("select e.id from Event e where e.slug = ?1", Long.class).setParameter(1, slug).getResultList();
        if (ids.isEmpty()) {
            throw ApiException.notFound("event", slug);
        }
        return nodes(ids).get(0);
    }

    /** Nodes for these event ids, in this order (one statement). */
    List<EventNode> nodes(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, EventNode> byId = Batch.index(em.createQuery("select e from Event e where e.id in ?1", Event.class)
                .setParameter(1, ids).getResultList().stream().map(EventNode::of).toList(), EventNode::id);
        return ids.stream().map(byId::get).toList();
    }

    @Description("The labs the event involves, by slug")
    public List<@NonNull List<@NonNull LabNode>> labs(@Source List<EventNode> parents) {
        Map<Long, List<LabNode>> by = new HashMap<>();
        List<Long> ids = Batch.keys(parents, EventNode::id);
        if (!ids.isEmpty()) {
            for (Object[] r : em.createQuery("select e.id, l from Event e join e.labs l where e.id in ?1 order by l.slug", Object[].class)
                    .setParameter(1, ids).getResultList()) {
                by.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(LabNode.of((Lab) r[1]));
            }
        }
        return Batch.many(parents, EventNode::id, by);
    }

    @Description("The agreement the event belongs to (null when none)")
    public List<AgreementNode> agreement(@Source List<EventNode> parents) {
        List<Long> ids = Batch.keys(parents, EventNode::agreementId);
        Map<Long, AgreementNode> found = ids.isEmpty() ? Map.of()
                : Batch.index(Agreement.<Agreement>list("id in ?1", ids).stream().map(AgreementNode::of).toList(), AgreementNode::id);
        return Batch.one(parents, EventNode::agreementId, found);
    }

    @Description("The evidence: where the documents report the event")
    public List<@NonNull List<@NonNull CitationView>> citations(@Source List<EventNode> parents) {
        return Batch.many(parents, EventNode::id, citations.forSubjects(SubjectType.EVENT, Batch.keys(parents, EventNode::id)));
    }

    // Lab.events lives here, with the type it returns: the lab room sits below the event room.
    @Name("events")
    @Description("The events the lab is involved in, oldest first (undated last)")
    public List<@NonNull List<@NonNull EventNode>> labEvents(@Source List<LabNode> labs) {
        Map<Long, List<Long>> ids = events.idsByLab(Batch.keys(labs, LabNode::id));
        Map<Long, EventNode> nodes = Batch.index(nodes(new ArrayList<>(new LinkedHashSet<>(ids.values().stream().flatMap(List::stream).toList()))), EventNode::id);
        Map<Long, List<EventNode>> by = new HashMap<>();
        ids.forEach((lab, list) -> by.put(lab, list.stream().map(nodes::get).toList()));
        return Batch.many(labs, LabNode::id, by);
    }
}
