package org.labledger.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.labledger.lab.Lab;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.SubjectType;
import org.labledger.source.SupportingClaim;
import org.labledger.source.SupportingClaims;

import java.util.List;
import java.util.Map;

@ApplicationScoped
public class EventService {

    @Inject
    CitationService citations;
    @Inject
    SupportingClaims supports;

    public record EventView(String slug, String title, EventKind kind, String occurredOn, String summary, List<String> labs,
                            String agreement, List<CitationView> citations, List<SupportingClaim> claims) {
    }

    /** Events, oldest first (undated last), optionally only those involving a lab. */
    public List<EventView> list(String labSlug) {
        List<Event> events;
        if (labSlug != null) {
            Lab lab = Lab.forParameter("lab", labSlug);
            events = Event.list("select distinct e from Event e left join fetch e.labs left join fetch e.agreement where ?1 member of e.labs", lab);
        } else {
            events = Event.list("select distinct e from Event e left join fetch e.labs left join fetch e.agreement");
        }
        List<Long> ids = events.stream().map(e -> e.id).toList();
        Map<Long, List<CitationView>> cites = citations.forSubjects(SubjectType.EVENT, ids);
        Map<Long, List<SupportingClaim>> claims = supports.forRecords(SubjectType.EVENT, ids);
        return events.stream()
                .sorted(java.util.Comparator.comparing((Event e) -> e.occurredOn == null ? "9999" : e.occurredOn).thenComparing(e -> e.slug))
                .map(e -> new EventView(e.slug, e.title, e.kind, e.occurredOn, e.summary, e.labs.stream().map(l -> l.slug).sorted().toList(),
                        e.agreement == null ? null : e.agreement.slug, cites.getOrDefault(e.id, List.of()), claims.getOrDefault(e.id, List.of())))
                .toList();
    }
}
