package org.labledger.question;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.labledger.common.ApiException;
import org.labledger.common.Batch;
import org.labledger.lab.LabNode;
import org.labledger.questionnaire.Questionnaire;
import org.labledger.questionnaire.QuestionnaireNode;
import org.labledger.source.CitationService;
import org.labledger.source.CitationView;
import org.labledger.source.SubjectType;
import org.labledger.topic.TopicNode;
import org.labledger.topic.TopicService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Questions over GraphQL; relations resolved in batches. */
@GraphQLApi
public class QuestionGraphQL {

    @Inject
    TopicService topics;
    @Inject
    CitationService citations;
    @Inject
    EntityManager em;

    /** A page of questions: the {@code questions} query's answer (served by the answer room's QuestionSearchGraphQL, as its filter names answer statuses). */
    @Name("QuestionPage")
    @Description("One page of questions, with the totals of the whole list")
    public record QuestionPage(@NonNull @Description("The questions on this page") List<@NonNull QuestionNode> items,
                               @Description("This page's number, from 0") int page,
                               @Description("The page size asked for") int size,
                               @Description("How many questions the whole list holds") int totalItems,
                               @Description("How many pages of this size the whole list fills") int totalPages) {
    }

    @Query("question")
    @Description("One question by key; error NOT_FOUND when there is none")
    public QuestionNode question(@NonNull @Description("The question's key") String key) {
        Question q = Question.findByKey(key);
        if (q == null) {
            throw ApiException.notFound("question", key);
        }
        return QuestionNode.of(q);
    }

    private static List<QuestionNode> load(List<Long> ids) {
        return QuestionNode.byIds(Question.getEntityManager(), ids);
    }

    @Description("The topic the question is filed under")
    public List<@NonNull TopicNode> topic(@Source List<QuestionNode> questions) {
        TopicService.Tree tree = topics.tree();
        return questions.stream().map(q -> TopicNode.of(tree, tree.get(q.topicId()))).toList();
    }

    @Description("The questionnaire the question was asked in")
    public List<@NonNull QuestionnaireNode> questionnaire(@Source List<QuestionNode> questions) {
        Map<Long, QuestionnaireNode> qns = Batch.index(Questionnaire.<Questionnaire>list("id in ?1", Batch.keys(questions, QuestionNode::questionnaireId))
                .stream().map(QuestionnaireNode::of).toList(), QuestionnaireNode::id);
        return Batch.one(questions, QuestionNode::questionnaireId, qns);
    }

    @Description("The question this one is a sub-question of")
    public List<QuestionNode> parent(@Source List<QuestionNode> questions) {
        List<Long> ids = Batch.keys(questions, QuestionNode::parentId);
        return Batch.one(questions, QuestionNode::parentId, Batch.index(load(ids), QuestionNode::id));
    }

    @Description("Sub-questions, in order")
    public List<@NonNull List<@NonNull QuestionNode>> children(@Source List<QuestionNode> questions) {
        List<QuestionNode> children = Question.<Question>list("parent.id in ?1 order by ordinal", Batch.keys(questions, QuestionNode::id))
                .stream().map(QuestionNode::of).toList();
        return Batch.many(questions, QuestionNode::id, Batch.group(children, QuestionNode::parentId));
    }

    // Lab.questions lives here, with the type it returns: the lab room knows nothing of questions.
    @Name("questions")
    @Description("The questions put to the lab")
    public List<@NonNull List<@NonNull QuestionNode>> labQuestions(@Source List<LabNode> labs) {
        Map<Long, List<QuestionNode>> byLab = new HashMap<>();
        for (Object[] r : em.createQuery("select a.lab.id, q from Answer a join a.question q where a.lab.id in ?1 order by q.questionnaire.id, q.ordinal", Object[].class)
                .setParameter(1, Batch.keys(labs, LabNode::id)).getResultList()) {
            byLab.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(QuestionNode.of((Question) r[1]));
        }
        return Batch.many(labs, LabNode::id, byLab);
    }

    @Description("Where the question was asked")
    public List<@NonNull List<@NonNull CitationView>> citations(@Source List<QuestionNode> questions) {
        return Batch.many(questions, QuestionNode::id, citations.forSubjects(SubjectType.QUESTION, Batch.keys(questions, QuestionNode::id)));
    }
}
