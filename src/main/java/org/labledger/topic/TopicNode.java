package org.labledger.topic;

import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import java.util.List;

@Name("Topic")
public record TopicNode(@Ignore Long id, @NonNull String slug, @NonNull String name, String description,
                        @NonNull List<@NonNull String> path, String parent) {

    public static TopicNode of(TopicService.Tree tree, Topic t) {
        return new TopicNode(t.id, t.slug, t.name, t.description, tree.path(t), t.parent == null ? null : tree.get(t.parent.id).slug);
    }
}
