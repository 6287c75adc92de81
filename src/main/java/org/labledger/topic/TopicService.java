package org.labledger.topic;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.stream.VersionMemo;
import org.labledger.common.ApiException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The topic tree: small, read whole, walked in memory. */
@ApplicationScoped
public class TopicService {

    public record TopicView(String slug, String name, String parent, List<String> path, String description) {
    }

    /** A snapshot of the tree for one request. */
    public static final class Tree {
        private final Map<Long, Topic> byId = new HashMap<>();
        private final Map<String, Topic> bySlug = new HashMap<>();
        private final Map<Long, List<Topic>> children = new HashMap<>();

        Tree(List<Topic> topics) {
            for (Topic t : topics) {
                byId.put(t.id, t);
                bySlug.put(t.slug, t);
            }
            for (Topic t : topics) {
                if (t.parent != null) {
                    children.computeIfAbsent(t.parent.id, k -> new ArrayList<>()).add(t);
                }
            }
        }

        public Topic get(Long id) {
            return byId.get(id);
        }

        public Topic bySlug(String slug) {
            return bySlug.get(slug);
        }

        /** The topic and every topic below it. */
        public Set<Long> subtree(Topic t) {
            Set<Long> out = new HashSet<>();
            List<Topic> stack = new ArrayList<>(List.of(t));
            while (!stack.isEmpty()) {
                Topic cur = stack.remove(stack.size() - 1);
                if (out.add(cur.id)) {
                    stack.addAll(children.getOrDefault(cur.id, List.of()));
                }
            }
            return out;
        }

        private final Map<Long, List<String>> paths = new java.util.concurrent.ConcurrentHashMap<>();

        /** Names from the root down to the topic (computed once per tree). */
        public List<String> path(Topic t) {
            return paths.computeIfAbsent(t.id, id -> computePath(t));
        }

        private List<String> computePath(Topic t) {
            List<String> names = new ArrayList<>();
            for (Topic cur = t; cur != null && names.size() < 100; cur = cur.parent == null ? null : byId.get(cur.parent.id)) {
                names.add(cur.name);
            }
            Collections.reverse(names);
            return List.copyOf(names);
        }

        public Topic root(Topic t) {
            Topic cur = t;
            while (cur.parent != null && byId.containsKey(cur.parent.id)) {
                cur = byId.get(cur.parent.id);
            }
            return cur;
        }

        public TopicView view(Topic t) {
            return new TopicView(t.slug, t.name, t.parent == null ? null : byId.get(t.parent.id).slug, path(t), t.description);
        }

        public List<Topic> all() {
            return byId.values().stream().sorted(java.util.Comparator.comparing((Topic t) -> String.join(" › ", path(t)))).toList();
        }
    }

    @Inject
    EntityManager em;
    @Inject
    VersionMemo memo;

    private static final Object TREE = new Object();

    /**
     * The whole tree; between writes the same (read-only) tree is shared by every read ({@link VersionMemo}), so a
     * GraphQL answer page, a question search or a scorecard no longer reads the table again.
     */
    public Tree tree() {
        return memo.get(TREE, this::read);
    }

    /**
     * The whole tree, read with one native query into detached {@link Topic} objects (their {@code parent} is a
     * stub carrying only the id): hydrating managed entities cost more than the rest of a scorecard request.
     * Do not assign these objects to managed entities; use {@code Topic.findById} for that.
     */
    @SuppressWarnings("unchecked")
    private Tree read() {
        List<Object[]> rows = em.createNativeQuery("select id, slug, name, parent_id, description, version from topic").getResultList();
        List<Topic> topics = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Topic t = new Topic();
            t.id = ((Number) r[0]).longValue();
            t.slug = (String) r[1];
            t.name = (String) r[2];
            if (r[3] != null) {
                t.parent = new Topic();
                t.parent.id = ((Number) r[3]).longValue();
            }
            t.description = (String) r[4];
            t.version = ((Number) r[5]).intValue();
            topics.add(t);
        }
        return new Tree(topics);
    }

    public List<TopicView> list() {
        Tree tree = tree();
        return tree.all().stream().map(tree::view).toList();
    }

    /** Resolves a topic filter; an unknown slug is a client mistake. */
    public Topic require(Tree tree, String parameter, String slug) {
        Topic t = tree.bySlug(slug);
        if (t == null) {
            throw ApiException.badParameter(parameter, "unknown topic '" + slug + "'");
        }
        return t;
    }
}
