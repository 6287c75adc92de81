package org.labledger.topic;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import java.util.List;

@Name("Topic")
@Description("A topic of the topic tree that questions are filed under")
public record TopicNode(@Ignore Long id,
                        @NonNull @Description("Stable identifier (governance, risk-assessment, ...)") String slug,
                        @NonNull @Description("Display name") String name,
                        @Description("What it covers (null when not recorded)") String description,
                        @NonNull @Description("Names from the root topic down to this one") List<@NonNull String> path,
                        @Description("The parent topic's slug (null for a root topic)") String parent) {

    public static TopicNode of(TopicService.Tree tree, Topic t) {
        return new TopicNode(t.id, t.slug, t.name, t.description, tree.path(t), t.parent == null ? null : tree.get(t.parent.id).slug);
    }
}
