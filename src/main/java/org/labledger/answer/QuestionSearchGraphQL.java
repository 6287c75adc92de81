package org.labledger.answer;

import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.labledger.common.Batch;
import org.labledger.common.PageResult;
import org.labledger.common.Paging;
import org.labledger.common.KeysetPage;
import org.labledger.common.PageInfo;
import org.labledger.common.Params;
import org.labledger.question.Question;
import org.labledger.question.QuestionFilter;
import org.labledger.question.QuestionGraphQL.QuestionPage;
import org.labledger.question.QuestionNode;
import org.labledger.question.QuestionService;
import org.labledger.topic.TopicService;

import java.util.List;
import java.util.Map;

/**
 * The {@code questions} query: questions found by, among others, their answers' statuses. Its filter type names
 * {@link ResponseStatus}, so it is served from the answer room (the question room knows nothing of answers); the
 * search itself is the question room's ({@link QuestionService#searchIds}, which takes the statuses by name).
 */
@GraphQLApi
public class QuestionSearchGraphQL {

    @Inject
    QuestionService questions;
    @Inject
    TopicService topics;

    @Input("QuestionFilter")
    @Description("All given conditions must hold. `statuses` applies to `lab`'s answer when `lab` is given, to any answer otherwise; `topic` includes its subtopics; `text` is a full-text query (web-search syntax).")
    public record QuestionFilterInput(@Description("Only questions put to this lab (slug)") String lab,
                                      @Description("Only questions under this topic or its subtopics (slug)") String topic,
                                      @Description("Only questions with an answer of one of these statuses (lab's answer when lab is given)") List<ResponseStatus> statuses,
                                      @Description("Only questions of this questionnaire (slug)") String questionnaire,
                                      @Description("Full-text query, web-search syntax: words, \"phrases\", -exclusions, or") String text) {
    }

    @Query("questions")
    @Description("Questions matching the filter, one page at a time (page from 0, size 1 to 200); sort: ordinal, key, topic, questionnaire, relevance (with text), '-' prefix for descending")
    public @NonNull QuestionPage questions(@Description("Conditions the questions must meet (all questions when absent)") QuestionFilterInput filter,
                                           @Description("ordinal (default), key, topic, questionnaire, relevance (with text); '-' prefix for descending") String sort,
                                           @DefaultValue("0") @Description("Page number, from 0") int page,
                                           @DefaultValue("50") @Description("Page size, 1 to 200") int size) {
        Paging.check(page, size);
        QuestionFilterInput f = filter == null ? new QuestionFilterInput(null, null, null, null, null) : filter;
        PageResult<Long> ids = questions.searchIds(new QuestionFilter(Params.text(f.lab()), Params.text(f.topic()),
                f.statuses() == null ? List.of() : f.statuses().stream().map(Enum::name).toList(), Params.text(f.questionnaire()), f.text()), sort, page, size, topics.tree());
        Map<Long, QuestionNode> nodes = Batch.index(QuestionNode.byIds(Question.getEntityManager(), ids.items()), QuestionNode::id);
        return new QuestionPage(ids.items().stream().map(nodes::get).toList(), page, size, (int) ids.totalItems(), ids.totalPages());
    }

    @Name("QuestionEdge")
    @Description("A question of a connection, with the cursor after it")
    public record QuestionEdge(@NonNull @Description("The cursor after this question: pass it as `after` for the questions that follow it (opaque)") String cursor,
                               @NonNull @Description("The question") QuestionNode node) {
    }

    @Name("QuestionConnection")
    @Description("A page of questions by keyset (Relay connection) in questionnaire order: every page costs what the first does, however deep")
    public record QuestionConnection(@NonNull @Description("The questions of this page, in questionnaire order, each with its cursor") List<@NonNull QuestionEdge> edges,
                                     @NonNull @Description("Whether more questions follow, and the cursor to ask for them with") PageInfo pageInfo,
                                     @Description("How many questions the whole list holds") int totalCount) {
    }

    @Query("questionConnection")
    @Description("Questions matching the filter by keyset (Relay connection), in questionnaire order (questionnaire, ordinal): "
            + "`first` questions after the cursor `after`; unlike `questions(page:)`, a deep page costs what the first does")
    public @NonNull QuestionConnection questionConnection(@Description("Conditions the questions must meet (all questions when absent); keep them while paging") QuestionFilterInput filter,
                                                          @DefaultValue("50") @Description("How many questions, 1 to 200") int first,
                                                          @Description("The endCursor (or an edge's cursor) of the previous page; from the first question when absent") String after) {
        Paging.checkFirst(first);
        QuestionFilterInput f = filter == null ? new QuestionFilterInput(null, null, null, null, null) : filter;
        KeysetPage<Long> ids = questions.idsAfter(new QuestionFilter(Params.text(f.lab()), Params.text(f.topic()),
                f.statuses() == null ? List.of() : f.statuses().stream().map(Enum::name).toList(), Params.text(f.questionnaire()), f.text()),
                "ordinal", after, first, topics.tree());
        Map<Long, QuestionNode> nodes = ids.items().isEmpty() ? Map.of()
                : Batch.index(QuestionNode.byIds(Question.getEntityManager(), ids.items()), QuestionNode::id);
        List<QuestionEdge> edges = ids.edges(ids.items().stream().map(nodes::get).toList(), QuestionEdge::new);
        return new QuestionConnection(edges, PageInfo.of(ids), (int) ids.totalItems());
    }
}
