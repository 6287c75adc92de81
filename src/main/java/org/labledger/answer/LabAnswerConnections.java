package org.labledger.answer;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.labledger.answer.AnswerGraphQL.AnswerConnection;
import org.labledger.answer.AnswerGraphQL.AnswerEdge;
import org.labledger.common.ApiException;
import org.labledger.common.Batch;
import org.labledger.common.KeysetPage;
import org.labledger.common.PageInfo;
import org.labledger.common.Paging;
import org.labledger.common.Params;
import org.labledger.graphql.KeyedBatch;
import org.labledger.lab.LabNode;

import java.util.List;
import java.util.Map;

/**
 * {@code Lab.answerConnection(questionnaire, statuses, first, after)} for many labs at once: the first page of every
 * lab in one statement plus the answers' rows ({@link AnswerService#firstPagesByLab}); a page after a cursor is one
 * lab's ({@link AnswerService#idsAfter}, the walk of {@code answerConnection(filter: {lab})}, whose cursors it shares).
 */
@ApplicationScoped
@Unremovable
public class LabAnswerConnections implements KeyedBatch {

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
        return "answerConnection";
    }

    @Override
    public List<?> load(List<Object> sources, Map<String, Object> arguments) {
        return connections(sources.stream().map(LabNode.class::cast).toList(), (String) arguments.get("questionnaire"),
                LabAnswerPages.statuses(arguments), LabAnswerPages.number(arguments.get("first"), 50), (String) arguments.get("after"));
    }

    public List<AnswerConnection> connections(List<LabNode> labs, String questionnaire, List<ResponseStatus> statuses, int first, String after) {
        Paging.checkFirst(first);
        List<ResponseStatus> st = statuses == null ? List.of() : statuses.stream().filter(java.util.Objects::nonNull).distinct().toList();
        String q = Params.text(questionnaire);
        Map<Long, KeysetPage<Long>> pages;
        if (after != null && !after.isBlank()) {
            if (labs.size() > 1) {
                throw ApiException.badParameter("after", "a cursor continues one lab's answers: ask for that lab (lab(slug:)) or use answerConnection(filter: {lab})");
            }
            LabNode lab = labs.get(0);
            pages = Map.of(lab.id(), answers.idsAfter(new AnswerFilter(lab.slug(), null, st, q, null, null), after, first));
        } else {
            pages = answers.firstPagesByLab(Batch.keys(labs, LabNode::id), q, st, first);
        }
        List<Long> all = pages.values().stream().flatMap(p -> p.items().stream()).toList();
        Map<Long, AnswerNode> nodes = all.isEmpty() ? Map.of() : Batch.index(AnswerNode.byIds(em, all), AnswerNode::id);
        return labs.stream().map(l -> {
            KeysetPage<Long> p = pages.get(l.id());
            List<AnswerEdge> edges = p.edges(p.items().stream().map(nodes::get).toList(), AnswerEdge::new);
            return new AnswerConnection(edges, PageInfo.of(p), (int) p.totalItems());
        }).toList();
    }
}
