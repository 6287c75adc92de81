package org.labledger.topic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import org.labledger.common.ApiException;
import org.labledger.common.Writes;
import org.labledger.history.RevisionService;

import java.util.ArrayList;
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

    @Inject
    EntityManager em;
    @Inject
    RevisionService revisions;
    @Inject
    Validator validator;

    public Topic require(String slug) {
        Topic t = Topic.findBySlug(slug);
        if (t == null) {
            throw ApiException.notFound("topic", slug);
        }
        return t;
    }

    @Transactional
    public <T> T create(TopicInput in, String field, Function<Topic, T> view) {
        Writes.validate(validator, in, field);
        if (in.slug() == null) {
            throw Writes.required("slug");
        }
        if (Topic.findBySlug(in.slug()) != null) {
            throw Writes.exists("topic", in.slug());
        }
        Topic t = new Topic();
        t.slug = in.slug();
        apply(t, in);
        t.persist();
        em.flush();
        revisions.record(ENTITY, t.slug, t.id, "CREATE", null, snapshot(t), in.reason(), null, null);
        return view.apply(t);
    }

    @Transactional
    public <T> T update(String slug, TopicInput in, String field, String ifMatch, Integer expectedVersion, Function<Topic, T> view) {
        Writes.validate(validator, in, field);
        Topic t = require(slug);
        Writes.version(ifMatch, expectedVersion, t.version, "topic " + slug, false);
        Writes.sameKey("slug", slug, in.slug());
        Map<String, Object> before = snapshot(t);
        apply(t, in);
        em.flush();
        Map<String, Object> after = snapshot(t);
        revisions.recordUpdate(ENTITY, t.slug, t.id, before, after, in.reason(), null, null);
        return view.apply(t);
    }

    @Transactional
    public void delete(String slug, String ifMatch, Integer expectedVersion, String reason) {
        Topic t = require(slug);
        Writes.version(ifMatch, expectedVersion, t.version, "topic " + slug, true);
        List<String> refs = new ArrayList<>();
        Writes.count(refs, em.createQuery("select count(q) from Question q where q.topic = ?1", Long.class).setParameter(1, t).getSingleResult(), "questions");
        Writes.count(refs, em.createQuery("select count(s) from Topic s where s.parent = ?1", Long.class).setParameter(1, t).getSingleResult(), "subtopics");
        if (!refs.isEmpty()) {
            throw Writes.referenced("topic '" + slug + "'", refs);
        }
        Map<String, Object> before = snapshot(t);
        t.delete();
        revisions.record(ENTITY, t.slug, t.id, "DELETE", before, null, reason, null, null);
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
