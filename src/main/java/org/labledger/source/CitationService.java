package org.labledger.source;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads the citations of many records of one type in one query. */
@ApplicationScoped
public class CitationService {

    public Map<Long, List<CitationView>> forSubjects(SubjectType type, Collection<Long> ids) {
        Map<Long, List<CitationView>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<Citation> citations = Citation.list(
                "select c from Citation c join fetch c.source where c.subjectType = ?1 and c.subjectId in ?2 order by c.subjectId, c.ordinal",
                type, ids);
        for (Citation c : citations) {
            out.computeIfAbsent(c.subjectId, k -> new java.util.ArrayList<>()).add(CitationView.of(c));
        }
        return out;
    }

    public List<CitationView> forSubject(SubjectType type, Long id) {
        return forSubjects(type, List.of(id)).getOrDefault(id, List.of());
    }
}
