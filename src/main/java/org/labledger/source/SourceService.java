package org.labledger.source;

import jakarta.enterprise.context.ApplicationScoped;
import org.labledger.common.ApiException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class SourceService {

    /** A source with how many facts cite it. */
    public record SourceView(String key, String title, String publisher, String author, String url, String publishedOn,
                             SourceKind kind, String document, String citedIn, String notes, long citationCount) {
    }

    public List<SourceView> list() {
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row : Citation.getEntityManager()
                .createQuery("select c.source.id, count(c) from Citation c group by c.source.id", Object[].class)
                .getResultList()) {
            counts.put((Long) row[0], (Long) row[1]);
        }
        List<Source> sources = Source.list("select s from Source s left join fetch s.citedIn order by s.key");
        return sources.stream().map(s -> view(s, counts.getOrDefault(s.id, 0L))).toList();
    }

    public SourceView get(String key) {
        Source s = Source.findByKey(key);
        if (s == null) {
            throw ApiException.notFound("source", key);
        }
        long count = Citation.count("source", s);
        return view(s, count);
    }

    private static SourceView view(Source s, long count) {
        return new SourceView(s.key, s.title, s.publisher, s.author, s.url, s.publishedOn, s.kind, s.document,
                s.citedIn == null ? null : s.citedIn.key, s.notes, count);
    }
}
