package org.labledger.curation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;
import org.labledger.agreement.AgreementInput;
import org.labledger.agreement.AgreementNode;
import org.labledger.agreement.AgreementWriteService;
import org.labledger.agreement.ProvisionInput;
import org.labledger.agreement.ProvisionNode;
import org.labledger.claim.ClaimInput;
import org.labledger.claim.ClaimNode;
import org.labledger.claim.ClaimService;
import org.labledger.claim.ClaimWriteService;
import org.labledger.entity.EntityGraphQL;
import org.labledger.entity.EntityInput;
import org.labledger.entity.EntityNode;
import org.labledger.entity.EntityWriteService;
import org.labledger.lab.LabInput;
import org.labledger.lab.LabNode;
import org.labledger.lab.LabWriteService;
import org.labledger.question.QuestionInput;
import org.labledger.question.QuestionNode;
import org.labledger.question.QuestionWriteService;
import org.labledger.questionnaire.QuestionnaireInput;
import org.labledger.questionnaire.QuestionnaireNode;
import org.labledger.questionnaire.QuestionnaireWriteService;
import org.labledger.source.CitationInput;
import org.labledger.source.SourceInput;
import org.labledger.source.SourceNode;
import org.labledger.source.SourceWriteService;
import org.labledger.topic.Topic;
import org.labledger.topic.TopicInput;
import org.labledger.topic.TopicNode;
import org.labledger.topic.TopicService;
import org.labledger.topic.TopicWriteService;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The curation write API over GraphQL: the same services as REST. Updates and deletes take the version
 * the client read ({@code version} field of each object): a mismatch is a CONFLICT error.
 * Each mutation runs in one transaction with its read-back (as the REST writes do), so an answer is never an error for a
 * write that committed: the database failing after the write means no commit. The write services declare that
 * transaction, validate the input and read the record back through the node factory passed to them; the resolvers
 * here only translate.
 */
@GraphQLApi
public class CurationGraphQL {

    @Inject
    EntityManager em;
    @Inject
    LabWriteService labs;
    @Inject
    TopicWriteService topics;
    @Inject
    TopicService topicTree;
    @Inject
    QuestionnaireWriteService questionnaires;
    @Inject
    QuestionWriteService questions;
    @Inject
    AgreementWriteService agreements;
    @Inject
    SourceWriteService sources;
    @Inject
    ClaimWriteService claims;
    @Inject
    ClaimService claimReads;
    @Inject
    EntityWriteService entities;

    // --- labs (admin) ---

    @Mutation("createLab")
    @RolesAllowed("admin")
    @Description("Create a lab (admin)")
    public LabNode createLab(@NonNull @Description("The new record") LabInput input) {
        return labs.create(input, "input.", LabNode::of);
    }

    @Mutation("updateLab")
    @RolesAllowed("admin")
    @Description("Replace a lab (admin); `version` is the version read (CONFLICT when someone changed it since)")
    public LabNode updateLab(@NonNull @Description("The record's slug") String slug, @Description("The version read (CONFLICT when someone changed it since)") int version, @NonNull @Description("The record's new state (replaces every field)") LabInput input) {
        return labs.update(slug, input, "input.", null, version, LabNode::of);
    }

    @Mutation("deleteLab")
    @RolesAllowed("admin")
    @Description("Delete a lab (admin); CONFLICT while anything refers to it")
    public boolean deleteLab(@NonNull @Description("The record's slug") String slug, @Description("The version read (CONFLICT when someone changed it since; no check when absent)") Integer version, @Description("Why (recorded in the change history)") String reason) {
        labs.delete(slug, null, version, reason);
        return true;
    }

    // --- questionnaires (admin) ---

    @Mutation("createQuestionnaire")
    @RolesAllowed("admin")
    @Description("Create a questionnaire (admin)")
    public QuestionnaireNode createQuestionnaire(@NonNull @Description("The new record") QuestionnaireInput input) {
        return questionnaires.create(input, "input.", QuestionnaireNode::of);
    }

    @Mutation("updateQuestionnaire")
    @RolesAllowed("admin")
    @Description("Replace a questionnaire; `version` is the version read (CONFLICT when someone changed it since) (admin)")
    public QuestionnaireNode updateQuestionnaire(@NonNull @Description("The record's slug") String slug, @Description("The version read (CONFLICT when someone changed it since)") int version, @NonNull @Description("The record's new state (replaces every field)") QuestionnaireInput input) {
        return questionnaires.update(slug, input, "input.", null, version, QuestionnaireNode::of);
    }

    @Mutation("deleteQuestionnaire")
    @RolesAllowed("admin")
    @Description("Delete a questionnaire; CONFLICT while anything refers to it (admin)")
    public boolean deleteQuestionnaire(@NonNull @Description("The record's slug") String slug, @Description("The version read (CONFLICT when someone changed it since; no check when absent)") Integer version, @Description("Why (recorded in the change history)") String reason) {
        questionnaires.delete(slug, null, version, reason);
        return true;
    }

    // --- topics (curator; delete admin) ---

    @Mutation("createTopic")
    @RolesAllowed("curator")
    @Description("Create a topic (curator)")
    public TopicNode createTopic(@NonNull @Description("The new record") TopicInput input) {
        return topics.create(input, "input.", t -> topicNode(t.slug));
    }

    @Mutation("updateTopic")
    @RolesAllowed("curator")
    @Description("Replace a topic; `version` is the version read (CONFLICT when someone changed it since) (curator)")
    public TopicNode updateTopic(@NonNull @Description("The record's slug") String slug, @Description("The version read (CONFLICT when someone changed it since)") int version, @NonNull @Description("The record's new state (replaces every field)") TopicInput input) {
        return topics.update(slug, input, "input.", null, version, t -> topicNode(t.slug));
    }

    @Mutation("deleteTopic")
    @RolesAllowed("admin")
    @Description("Delete a topic; CONFLICT while anything refers to it (admin)")
    public boolean deleteTopic(@NonNull @Description("The record's slug") String slug, @Description("The version read (CONFLICT when someone changed it since; no check when absent)") Integer version, @Description("Why (recorded in the change history)") String reason) {
        topics.delete(slug, null, version, reason);
        return true;
    }

    private TopicNode topicNode(String slug) {
        TopicService.Tree tree = topicTree.tree();
        return TopicNode.of(tree, tree.bySlug(slug));
    }

    // --- questions (curator; delete admin) ---

    @Mutation("createQuestion")
    @RolesAllowed("curator")
    @Description("Create a question; the labs in addressedTo get UNANSWERED answers, which need sourceUrl, sourceKey or reason")
    public QuestionNode createQuestion(@NonNull @Description("The new record") QuestionInput input) {
        return questions.create(input, "input.", QuestionNode::of);
    }

    @Mutation("updateQuestion")
    @RolesAllowed("curator")
    @Description("Replace a question; `version` is the version read (CONFLICT when someone changed it since) (curator)")
    public QuestionNode updateQuestion(@NonNull @Description("The record's key") String key, @Description("The version read (CONFLICT when someone changed it since)") int version, @NonNull @Description("The record's new state (replaces every field)") QuestionInput input) {
        return questions.update(key, input, "input.", null, version, QuestionNode::of);
    }

    @Mutation("deleteQuestion")
    @RolesAllowed("admin")
    @Description("Delete a question; CONFLICT while anything refers to it (admin)")
    public boolean deleteQuestion(@NonNull @Description("The record's key") String key, @Description("The version read (CONFLICT when someone changed it since; no check when absent)") Integer version, @Description("Why (recorded in the change history)") String reason) {
        questions.delete(key, null, version, reason);
        return true;
    }

    // --- agreements and provisions (curator; delete admin) ---

    @Mutation("createAgreement")
    @RolesAllowed("curator")
    @Description("Create an agreement (curator)")
    public AgreementNode createAgreement(@NonNull @Description("The new record") AgreementInput input) {
        return agreements.create(input, "input.", AgreementNode::of);
    }

    @Mutation("updateAgreement")
    @RolesAllowed("curator")
    @Description("Replace an agreement; `version` is the version read (CONFLICT when someone changed it since) (curator)")
    public AgreementNode updateAgreement(@NonNull @Description("The record's slug") String slug, @Description("The version read (CONFLICT when someone changed it since)") int version, @NonNull @Description("The record's new state (replaces every field)") AgreementInput input) {
        return agreements.update(slug, input, "input.", null, version, AgreementNode::of);
    }

    @Mutation("deleteAgreement")
    @RolesAllowed("admin")
    @Description("Delete an agreement; CONFLICT while anything refers to it (admin)")
    public boolean deleteAgreement(@NonNull @Description("The record's slug") String slug, @Description("The version read (CONFLICT when someone changed it since; no check when absent)") Integer version, @Description("Why (recorded in the change history)") String reason) {
        agreements.delete(slug, null, version, reason);
        return true;
    }

    @Mutation("addProvision")
    @RolesAllowed("curator")
    @Description("Add a provision to an agreement (curator)")
    public ProvisionNode addProvision(@NonNull @Description("The agreement's slug") String agreement, @NonNull @Description("The new record") ProvisionInput input) {
        return agreements.addProvision(agreement, input, "input.", ProvisionNode::of);
    }

    @Mutation("updateProvision")
    @RolesAllowed("curator")
    @Description("Replace a provision; `version` is the version read (CONFLICT when someone changed it since) (curator)")
    public ProvisionNode updateProvision(@NonNull @Description("The agreement's slug") String agreement, @NonNull @Description("The record's key") String key, @Description("The version read (CONFLICT when someone changed it since)") int version, @NonNull @Description("The record's new state (replaces every field)") ProvisionInput input) {
        return agreements.updateProvision(agreement, key, input, "input.", null, version, ProvisionNode::of);
    }

    @Mutation("deleteProvision")
    @RolesAllowed("admin")
    @Description("Delete a provision; CONFLICT while anything refers to it (admin)")
    public boolean deleteProvision(@NonNull @Description("The agreement's slug") String agreement, @NonNull @Description("The record's key") String key, @Description("The version read (CONFLICT when someone changed it since; no check when absent)") Integer version, @Description("Why (recorded in the change history)") String reason) {
        agreements.deleteProvision(agreement, key, null, version, reason);
        return true;
    }

    // --- sources and citations (curator; delete admin) ---

    @Mutation("createSource")
    @RolesAllowed("curator")
    @Description("Create a source (curator)")
    public SourceNode createSource(@NonNull @Description("The new record") SourceInput input) {
        return sources.create(input, "input.", SourceNode::of);
    }

    @Mutation("updateSource")
    @RolesAllowed("curator")
    @Description("Replace a source; `version` is the version read (CONFLICT when someone changed it since) (curator)")
    public SourceNode updateSource(@NonNull @Description("The record's key") String key, @Description("The version read (CONFLICT when someone changed it since)") int version, @NonNull @Description("The record's new state (replaces every field)") SourceInput input) {
        return sources.update(key, input, "input.", null, version, SourceNode::of);
    }

    @Mutation("deleteSource")
    @RolesAllowed("admin")
    @Description("Delete a source; CONFLICT while anything refers to it (admin)")
    public boolean deleteSource(@NonNull @Description("The record's key") String key, @Description("The version read (CONFLICT when someone changed it since; no check when absent)") Integer version, @Description("Why (recorded in the change history)") String reason) {
        sources.delete(key, null, version, reason);
        return true;
    }

    @Mutation("addCitation")
    @RolesAllowed("curator")
    @Description("Cite a source for a record: subjectType, subject (slug/key; answers: questionKey/labSlug or id), source, quote and/or locator")
    public SourceWriteService.CitationDetail addCitation(@NonNull @Description("The citation") CitationInput input) {
        return sources.cite(input, "input.");
    }

    @Mutation("deleteCitation")
    @RolesAllowed("admin")
    @Description("Delete a citation (admin)")
    public boolean deleteCitation(@NonNull @Id @Description("The citation's id") Long id, @Description("Why (recorded in the change history)") String reason) {
        sources.uncite(id, reason);
        return true;
    }

    // --- claims and named entities (curator) ---

    @Mutation("createClaim")
    @RolesAllowed("curator")
    @Description("Create a claim with its links to other claims, the records it supports and its citations (curator)")
    public ClaimNode createClaim(@NonNull @Description("The new record") ClaimInput input) {
        return claims.create(input, "input.", c -> claimReads.nodes(List.of(c.id)).get(0));
    }

    @Mutation("updateClaim")
    @RolesAllowed("curator")
    @Description("Replace a claim, its links, supported records and citations; `version` is the version read (CONFLICT when someone changed it since) (curator)")
    public ClaimNode updateClaim(@NonNull @Description("The record's key") String key, @Description("The version read (CONFLICT when someone changed it since)") int version, @NonNull @Description("The record's new state (replaces every field)") ClaimInput input) {
        return claims.update(key, input, "input.", null, version, c -> claimReads.nodes(List.of(c.id)).get(0));
    }

    @Mutation("deleteClaim")
    @RolesAllowed("curator")
    @Description("Delete a claim with its citations; CONFLICT while other claims link to it (curator)")
    public boolean deleteClaim(@NonNull @Description("The record's key") String key, @Description("The version read (CONFLICT when someone changed it since; no check when absent)") Integer version, @Description("Why (recorded in the change history)") String reason) {
        claims.delete(key, null, version, reason);
        return true;
    }

    @Mutation("createEntity")
    @RolesAllowed("curator")
    @Description("Create a named entity with its aliases and citations (curator)")
    public EntityNode createEntity(@NonNull @Description("The new record") EntityInput input) {
        return entities.create(input, "input.", e -> EntityGraphQL.byIds(em, List.of(e.id)).get(e.id));
    }

    @Mutation("updateEntity")
    @RolesAllowed("curator")
    @Description("Replace a named entity, its aliases and citations; `version` is the version read (CONFLICT when someone changed it since) (curator)")
    public EntityNode updateEntity(@NonNull @Description("The record's slug") String slug, @Description("The version read (CONFLICT when someone changed it since)") int version, @NonNull @Description("The record's new state (replaces every field)") EntityInput input) {
        return entities.update(slug, input, "input.", null, version, e -> EntityGraphQL.byIds(em, List.of(e.id)).get(e.id));
    }

    @Mutation("deleteEntity")
    @RolesAllowed("curator")
    @Description("Delete a named entity with its citations; CONFLICT while claims name it as claimant (curator)")
    public boolean deleteEntity(@NonNull @Description("The record's slug") String slug, @Description("The version read (CONFLICT when someone changed it since; no check when absent)") Integer version, @Description("Why (recorded in the change history)") String reason) {
        entities.delete(slug, null, version, reason);
        return true;
    }

    // --- versions, for the `version` argument of updates (one statement per type) ---

    @Description("The version to pass to updateLab")
    public List<@NonNull Integer> version(@Source List<LabNode> nodes) {
        return versions("Lab", nodes, LabNode::id);
    }

    @Description("The version to pass to updateTopic")
    @Name("version")
    public List<@NonNull Integer> versionOfTopic(@Source List<TopicNode> nodes) {
        return versions("Topic", nodes, TopicNode::id);
    }

    @Description("The version to pass to updateQuestionnaire")
    @Name("version")
    public List<@NonNull Integer> versionOfQuestionnaire(@Source List<QuestionnaireNode> nodes) {
        return versions("Questionnaire", nodes, QuestionnaireNode::id);
    }

    @Description("The version to pass to updateQuestion")
    @Name("version")
    public List<@NonNull Integer> versionOfQuestion(@Source List<QuestionNode> nodes) {
        return versions("Question", nodes, QuestionNode::id);
    }

    @Description("The version to pass to updateProvision")
    @Name("version")
    public List<@NonNull Integer> versionOfProvision(@Source List<ProvisionNode> nodes) {
        return versions("Provision", nodes, ProvisionNode::id);
    }

    @Description("The version to pass to updateSource")
    @Name("version")
    public List<@NonNull Integer> versionOfSource(@Source List<SourceNode> nodes) {
        return versions("Source", nodes, SourceNode::id);
    }

    @Description("The version to pass to updateClaim")
    @Name("version")
    public List<@NonNull Integer> versionOfClaim(@Source List<ClaimNode> nodes) {
        return versions("Claim", nodes, ClaimNode::id);
    }

    @Description("The version to pass to updateEntity")
    @Name("version")
    public List<@NonNull Integer> versionOfEntity(@Source List<EntityNode> nodes) {
        return versions("NamedEntity", nodes, EntityNode::id);
    }

    private <N> List<Integer> versions(String entity, List<N> nodes, Function<N, Long> id) {
        Map<Long, Integer> byId = new HashMap<>();
        List<Long> ids = nodes.stream().map(id).distinct().toList();
        if (!ids.isEmpty()) {
            for (Object[] r : em.createQuery("select e.id, e.version from " + entity + " e where e.id in ?1", Object[].class)
                    .setParameter(1, ids).getResultList()) {
                byId.put((Long) r[0], (Integer) r[1]);
            }
        }
        return nodes.stream().map(n -> byId.get(id.apply(n))).toList();
    }
}
