package org.labledger.answer;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.answer.AnswerGraphQL.AnswerPage;
import org.labledger.common.Batch;
import org.labledger.common.PageResult;
import org.labledger.common.Paging;
import org.labledger.common.Params;
import org.labledger.graphql.KeyedBatch;
import org.labledger.lab.LabNode;

import java.util.List;
import java.util.Map;

/**
 * {@code Lab.answerPage(questionnaire, statuses, page, size)} for many labs at once: two statements (the labs' pages and
 * totals, the answers' rows) plus the questionnaire's lookup, whatever the number of labs; one batch per distinct set
 * of arguments ({@link KeyedBatch}).
 */
@ApplicationScoped
@Unremovable
public class LabAnswerPages implements KeyedBatch {

    @Inject
    AnswerService answers;
    @Inject
    EntityManager em;

    @Override
    public String type() {
        return "Lab";
    }

    @Override
    public String field() {
        return "answerPage";
    }

    @Override
    public List<?> load(List<Object> sources, Map<String, Object> arguments) {
        return pages(sources.stream().map(LabNode.class::cast).toList(), (String) arguments.get("questionnaire"), statuses(arguments),
                number(arguments.get("page"), 0), number(arguments.get("size"), 50));
    }

    /** The {@code statuses} argument of a batched Lab field (enum values, or their names), null when absent. */
    static List<ResponseStatus> statuses(Map<String, Object> arguments) {
        return arguments.get("statuses") instanceof List<?> l
                ? l.stream().filter(java.util.Objects::nonNull).map(o -> o instanceof ResponseStatus r ? r : ResponseStatus.valueOf(o.toString())).toList()
                : null;
    }

    static int number(Object v, int absent) {
        return v instanceof Number n ? n.intValue() : absent;
    }

    public List<AnswerPage> pages(List<LabNode> labs, String questionnaire, List<ResponseStatus> statuses, int page, int size) {
        Paging.check(page, size);
        List<ResponseStatus> st = statuses == null ? List.of() : statuses.stream().filter(java.util.Objects::nonNull).distinct().toList();
        Map<Long, PageResult<Long>> pages = answers.pagesByLab(Batch.keys(labs, LabNode::id), Params.text(questionnaire), st, page, size);
        List<Long> all = pages.values().stream().flatMap(p -> p.items().stream()).toList();
        Map<Long, AnswerNode> nodes = all.isEmpty() ? Map.of() : Batch.index(AnswerNode.byIds(em, all), AnswerNode::id);
        return labs.stream().map(l -> {
            PageResult<Long> p = pages.get(l.id());
            return new AnswerPage(p.items().stream().map(nodes::get).toList(), page, size, (int) p.totalItems(), p.totalPages());
        }).toList();
    }
}
