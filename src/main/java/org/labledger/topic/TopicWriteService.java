package org.labledger.topic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.labledger.common.Writes;
import org.labledger.history.Curated;
import org.labledger.history.CuratedWrites;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Curators' writes to topics (deletes: admins), REST and GraphQL alike, each in one transaction with its read-back:
 * validate (fields named under {@code field}: "" over REST, "input." over GraphQL) → check the version (If-Match or
 * the version read) → apply → revision → the caller's {@code view} of the written topic.
 */
@ApplicationScoped
public class TopicWriteService {

    public static final String ENTITY = "TOPIC";

    static final Curated<Topic> TOPICS = new Curated<>(ENTITY, "topic", "slug", Topic::findBySlug, t -> t.slug, t -> t.version,
            TopicWriteService::snapshot);
    private static final List<Curated.Reference> REFERENCES = List.of(
            new Curated.Reference("questions", "select count(q) from Question q where q.topic = ?1"),
            new Curated.Reference("subtopics", "select count(s) from Topic s where s.parent = ?1"));

    @Inject
    CuratedWrites writes;

    public Topic require(String slug) {
        return writes.require(TOPICS, slug);
    }

    @Transactional
    public <T> T create(TopicInput in, String field, Function<Topic, T> view) {
        writes.validate(in, field);
        Topic t = new Topic();
        t.slug = in.slug();
        return view.apply(writes.create(TOPICS, t, x -> apply(x, in), in.reason(), null, null));
    }

    @Transactional
    public <T> T update(String slug, TopicInput in, String field, String ifMatch, Integer expectedVersion, Function<Topic, T> view) {
        writes.validate(in, field);
        Topic t = require(slug);
        writes.checkVersion(TOPICS, t, ifMatch, expectedVersion, false);
        Writes.sameKey("slug", slug, in.slug());
        return view.apply(writes.update(TOPICS, t, x -> apply(x, in), in.reason(), null, null));
    }

    @Transactional
    public void delete(String slug, String ifMatch, Integer expectedVersion, String reason) {
        Topic t = require(slug);
        writes.checkVersion(TOPICS, t, ifMatch, expectedVersion, true);
        writes.delete(TOPICS, t, REFERENCES, null, reason, null);
    }

    private void apply(Topic t, TopicInput in) {
        Topic parent = null;
        if (in.parent() != null) {
            parent = Topic.findBySlug(in.parent());
            if (parent == null) {
                throw Writes.unknown("parent", "topic", in.parent());
            }
            for (Topic p = parent; p != null; p = p.parent) {
                if (p == t) {
                    throw Writes.unprocessable("parent", "'" + in.parent() + "' would make the topic its own ancestor");
                }
            }
        }
        t.name = in.name().trim();
        t.parent = parent;
        t.description = Writes.text(in.description());
    }

    public static Map<String, Object> snapshot(Topic t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", t.slug);
        m.put("name", t.name);
        m.put("parent", t.parent == null ? null : t.parent.slug);
        m.put("description", t.description);
        return m;
    }
}
