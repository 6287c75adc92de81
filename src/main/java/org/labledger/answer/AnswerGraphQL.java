package org.labledger.answer;

import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import jakarta.annotation.security.RolesAllowed;
import org.labledger.history.HistoryGraphQL.ChangeConnection;
import org.labledger.history.HistoryGraphQL.ChangeEdge;
import org.labledger.history.RevisionService;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.labledger.common.Batch;
import org.labledger.common.PageResult;
import org.labledger.common.Paging;
import org.labledger.common.KeysetPage;
import org.labledger.common.PageInfo;
import org.labledger.common.Params;
import org.labledger.lab.Lab;
import org.labledger.lab.LabNode;
import org.labledger.question.Question;
import org.labledger.question.QuestionNode;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.SubjectType;


import java.util.List;
import java.util.Map;

/** Answers over GraphQL; relations resolved in batches. */
@GraphQLApi
public class AnswerGraphQL {

    /** {@code answers}' defaults (also {@link AnswerDirect}'s). */
    static final int DEFAULT_PAGE = 0;
    static final int DEFAULT_SIZE = 50;

    @Inject
    org.labledger.claim.ClaimService claimService;
    @Inject
    AnswerService answers;
    @Inject
    CitationService citations;
    @Inject
    AnswerWriteService writes;
    @Inject
    RevisionService revisions;
    @Inject
    jakarta.persistence.EntityManager em;
    @Inject
    LabAnswerPages pages;
    @Inject
    LabAnswerConnections connections;

    @Input("AnswerFilter")
    @Description("All given conditions must hold; `topic` includes its subtopics")
    public record AnswerFilterInput(@Description("Only this lab's answers (slug)") String lab,
                                    @Description("Only answers to questions under this topic or its subtopics (slug)") String topic,
                                    @Description("Only answers with one of these statuses") List<ResponseStatus> statuses,
                                    @Description("Only answers to questions of this questionnaire (slug)") String questionnaire,
                                    @Description("Only answers to this question (key)") String question,
                                    @Description("Only answers whose question was (true) or was not (false) delivered to the lab") Boolean delivered) {
    }

    @Name("AnswerPage")
    @Description("One page of answers, with the totals of the whole list")
    public record AnswerPage(@NonNull @Description("The answers on this page") List<@NonNull AnswerNode> items,
                             @Description("This page's number, from 0") int page,
                             @Description("The page size asked for") int size,
                             @Description("How many answers the whole list holds") int totalItems,
                             @Description("How many pages of this size the whole list fills") int totalPages) {
    }

    @Query("answers")
    @Description("Answers matching the filter, one page at a time (page from 0, size 1 to 200), by lab, questionnaire, question order")
    public @NonNull AnswerPage answers(@Description("Conditions the answers must meet (all answers when absent)") AnswerFilterInput filter,
                                      @DefaultValue("" + DEFAULT_PAGE) @Description("Page number, from 0") int page,
                                      @DefaultValue("" + DEFAULT_SIZE) @Description("Page size, 1 to 200") int size) {
        Paging.check(page, size);
        AnswerFilterInput f = filter == null ? new AnswerFilterInput(null, null, null, null, null, null) : filter;
        PageResult<Long> ids = answers.searchIds(new AnswerFilter(Params.text(f.lab()), Params.text(f.topic()),
                f.statuses(), Params.text(f.questionnaire()), Params.text(f.question()), f.delivered()), page, size);
        Map<Long, AnswerNode> nodes = ids.items().isEmpty() ? Map.of()
                : Batch.index(AnswerNode.byIds(em, ids.items()), AnswerNode::id);
        return new AnswerPage(ids.items().stream().map(nodes::get).toList(), page, size, (int) ids.totalItems(), ids.totalPages());
    }

    @Name("AnswerEdge")
    @Description("An answer of a connection, with the cursor after it")
    public record AnswerEdge(@NonNull @Description("The cursor after this answer: pass it as `after` for the answers that follow it (opaque)") String cursor,
                             @NonNull @Description("The answer") AnswerNode node) {
    }

    @Name("AnswerConnection")
    @Description("A page of answers by keyset (Relay connection): every page costs what the first does, however deep")
    public record AnswerConnection(@NonNull @Description("The answers of this page, in list order, each with its cursor") List<@NonNull AnswerEdge> edges,
                                   @NonNull @Description("Whether more answers follow, and the cursor to ask for them with") PageInfo pageInfo,
                                   @Description("How many answers the whole list holds") int totalCount) {
    }

    @Query("answerConnection")
    @Description("Answers matching the filter by keyset (Relay connection), in the order of `answers` (lab, questionnaire, question order): "
            + "`first` answers after the cursor `after`; unlike `answers(page:)`, a deep page costs what the first does")
    public @NonNull AnswerConnection answerConnection(@Description("Conditions the answers must meet (all answers when absent); keep them while paging") AnswerFilterInput filter,
                                                      @DefaultValue("50") @Description("How many answers, 1 to 200") int first,
                                                      @Description("The endCursor (or an edge's cursor) of the previous page; from the first answer when absent") String after) {
        Paging.checkFirst(first);
        AnswerFilterInput f = filter == null ? new AnswerFilterInput(null, null, null, null, null, null) : filter;
        KeysetPage<Long> ids = answers.idsAfter(new AnswerFilter(Params.text(f.lab()), Params.text(f.topic()),
                f.statuses(), Params.text(f.questionnaire()), Params.text(f.question()), f.delivered()), after, first);
        // the page's answers in one statement; their fields are batched as in `answers`
        Map<Long, AnswerNode> nodes = ids.items().isEmpty() ? Map.of()
                : Batch.index(AnswerNode.byIds(em, ids.items()), AnswerNode::id);
        List<AnswerEdge> edges = ids.edges(ids.items().stream().map(nodes::get).toList(), AnswerEdge::new);
        return new AnswerConnection(edges, PageInfo.of(ids), (int) ids.totalItems());
    }

    @Mutation("updateAnswer")
    @RolesAllowed("curator")
    @Description("Replace an answer's state; `version` is the version read (CONFLICT when someone changed it since); a status change needs sourceUrl, sourceKey or reason")
    public AnswerNode updateAnswer(@NonNull @Id @Description("The answer's id") Long id, @Description("The version read") int version,
                                   @NonNull @Description("The answer's new state and the evidence for it") AnswerChange change) {
        return writes.update(id, change, "change.", null, version, AnswerNode::of);
    }

    @Mutation("recordAnswer")
    @RolesAllowed("curator")
    @Description("Record the answer of a lab the question was not yet put to (needs evidence); CONFLICT if there is one")
    public AnswerNode recordAnswer(@NonNull @Description("The question's key") String question, @NonNull @Description("The lab's slug") String lab,
                                   @NonNull @Description("The answer and the evidence for it") AnswerChange change) {
        return writes.create(question, lab, change, "change.", AnswerNode::of);
    }

    @Input("AnswerBatchItem")
    @Description("One answer change of updateAnswers: the answer by id, or by question and lab")
    public record BatchItemInput(@Id @Description("The answer's id (or give question and lab)") Long id,
                                 @Description("The question's key (with lab, instead of id)") String question,
                                 @Description("The lab's slug (with question, instead of id)") String lab,
                                 @Description("The version read (optimistic locking; no check when absent)") Integer version,
                                 @Description("The answer's new state and the evidence for it") AnswerChange set) {
    }

    @Mutation("updateAnswers")
    @RolesAllowed("curator")
    @Description("Apply many answer changes atomically: one bad item and none is applied")
    public @NonNull List<@NonNull AnswerNode> updateAnswers(@NonNull @Description("The changes, applied in order") List<@NonNull BatchItemInput> items) {
        return writes.batch(items.stream().map(i -> new AnswerWriteService.BatchItem(i.id(), i.question(), i.lab(), i.version(), i.set())).toList(),
                AnswerNode::of);
    }

    @Description("Every recorded change of the answer, oldest first")
    public List<@NonNull List<org.labledger.history.@NonNull ChangeNode>> history(@Source List<AnswerNode> answers) {
        Map<Long, List<org.labledger.history.ChangeNode>> byId = Batch.group(revisions.history(AnswerWriteService.ENTITY, Batch.keys(answers, AnswerNode::id))
                .stream().map(org.labledger.history.ChangeNode::of).toList(), org.labledger.history.ChangeNode::entityId);
        return Batch.many(answers, AnswerNode::id, byId);
    }

    @Query("answerHistoryConnection")
    @Description("Every recorded change of one answer (also one deleted since), oldest first, by keyset (Relay connection): `first` changes after the cursor `after`; "
            + "the cursors are those of GET /api/answers/{id}/history; error NOT_FOUND for an answer that never existed")
    public @NonNull ChangeConnection answerHistoryConnection(
            @NonNull @org.eclipse.microprofile.graphql.Id @Description("The answer's id") Long answer,
            @DefaultValue("50") @Description("How many changes, 1 to 200") int first,
            @Description("The endCursor (or an edge's cursor) of the previous page; from the first change when absent") String after) {
        return Paging.connection(first, n -> answers.historyAfter(answer, after, n), rows -> rows.stream().map(org.labledger.history.ChangeNode::of).toList(),
                ChangeEdge::new, ChangeConnection::new);
    }

    // Lab.answers lives here, with the type it returns: the lab room knows nothing of answers.
    @Name("answers")
    @Description("The lab's answers, one per question put to it (filtered lists: the top-level `answers` query)")
    public List<@NonNull List<@NonNull AnswerNode>> labAnswers(@Source List<LabNode> labs) {
        List<Answer> answers = Answer.list("select a from Answer a where a.lab.id in ?1 order by a.question.id", Batch.keys(labs, LabNode::id));
        return Batch.many(labs, LabNode::id, Batch.group(answers.stream().map(AnswerNode::of).toList(), AnswerNode::labId));
    }

    // Lab.answerPage: a relation with arguments, batched per distinct argument set by LabAnswerPages (a KeyedBatch);
    // this method is the declaration (arguments, descriptions) and the one-lab fallback.
    @Name("answerPage")
    @Description("The lab's answers, filtered by questionnaire and statuses, one page at a time (page from 0, size 1 to 200), by questionnaire and question order")
    public @NonNull AnswerPage labAnswerPage(@Source LabNode lab,
                                             @Description("Only answers to questions of this questionnaire (slug)") String questionnaire,
                                             @Description("Only answers with one of these statuses (any when absent)") List<ResponseStatus> statuses,
                                             @DefaultValue("0") @Description("Page number, from 0") int page,
                                             @DefaultValue("50") @Description("Page size, 1 to 200") int size) {
        return pages.pages(List.of(lab), questionnaire, statuses, page, size).get(0);
    }

    // Lab.answerConnection: batched per distinct argument set by LabAnswerConnections (a KeyedBatch); this method is
    // the declaration (arguments, descriptions) and the one-lab fallback.
    @Name("answerConnection")
    @Description("The lab's answers by keyset (Relay connection), filtered by questionnaire and statuses, in questionnaire and question order: "
            + "`first` answers after the cursor `after` (a cursor continues one lab: ask for that lab); its cursors are those of answerConnection(filter: {lab})")
    public @NonNull AnswerConnection labAnswerConnection(@Source LabNode lab,
                                                         @Description("Only answers to questions of this questionnaire (slug)") String questionnaire,
                                                         @Description("Only answers with one of these statuses (any when absent)") List<ResponseStatus> statuses,
                                                         @DefaultValue("50") @Description("How many answers, 1 to 200") int first,
                                                         @Description("The endCursor (or an edge's cursor) of the previous page of this lab; from the first answer when absent") String after) {
        return connections.connections(List.of(lab), questionnaire, statuses, first, after).get(0);
    }

    // Question.answers lives here, with the type it returns: the question room knows nothing of answers.
    @Name("answers")
    @Description("One answer per lab the question was put to")
    public List<@NonNull List<@NonNull AnswerNode>> questionAnswers(@Source List<QuestionNode> questions) {
        List<AnswerNode> answers = Answer.<Answer>list("select a from Answer a join fetch a.lab where a.question.id in ?1 order by a.lab.slug",
                Batch.keys(questions, QuestionNode::id)).stream().map(AnswerNode::of).toList();
        return Batch.many(questions, QuestionNode::id, Batch.group(answers, AnswerNode::questionId));
    }

    // Answer.claims lives here: the claim room sits below the answer room.
    @Name("claims")
    @Description("The claims the answer rests on, by key (each with its claimant, stance, certainty and disputes)")
    public List<@NonNull List<org.labledger.claim.@NonNull ClaimNode>> answerClaims(@Source List<AnswerNode> answers) {
        return claimService.supporting(SubjectType.ANSWER, answers, AnswerNode::id);
    }

    @Description("The lab that answered")
    public List<@NonNull LabNode> lab(@Source List<AnswerNode> answers) {
        Map<Long, LabNode> labs = Batch.index(Lab.<Lab>list("id in ?1", Batch.keys(answers, AnswerNode::labId))
                .stream().map(LabNode::of).toList(), LabNode::id);
        return Batch.one(answers, AnswerNode::labId, labs);
    }

    @Description("The question answered")
    public List<@NonNull QuestionNode> question(@Source List<AnswerNode> answers) {
        Map<Long, QuestionNode> questions = Batch.index(QuestionNode.byIds(em, Batch.keys(answers, AnswerNode::questionId)), QuestionNode::id);
        return Batch.one(answers, AnswerNode::questionId, questions);
    }

    @Description("The evidence for the answer")
    public List<@NonNull List<@NonNull CitationView>> citations(@Source List<AnswerNode> answers) {
        return Batch.many(answers, AnswerNode::id, citations.forSubjects(SubjectType.ANSWER, Batch.keys(answers, AnswerNode::id)));
    }
}
