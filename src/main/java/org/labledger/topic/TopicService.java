package org.labledger.topic;

import jakarta.enterprise.context.ApplicationScoped;
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

        /** Names from the root down to the topic. */
        public List<String> path(Topic t) {
            List<String> names = new ArrayList<>();
            for (Topic cur = t; cur != null && names.size() < 100; cur = cur.parent == null ? null : byId.get(cur.parent.id)) {
                names.add(cur.name);
            }
            Collections.reverse(names);
            return names;
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

    public Tree tree() {
        return new Tree(Topic.listAll());
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
