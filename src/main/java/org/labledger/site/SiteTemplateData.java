package org.labledger.site;

import io.quarkus.qute.TemplateData;
import org.labledger.agreement.AgreementService;
import org.labledger.agreement.LineageView;
import org.labledger.answer.QuestionnaireComparison;
import org.labledger.answer.ScorecardService;
import org.labledger.claim.ClaimService;
import org.labledger.common.PageResult;
import org.labledger.event.EventService;
import org.labledger.lab.LabService;
import org.labledger.question.QuestionService;
import org.labledger.questionnaire.QuestionnaireService;
import org.labledger.source.CitationView;

/**
 * The other rooms' read models the templates show, declared for Qute's generated value resolvers (no reflection in
 * the native image). Nothing else: the site reads through the services and shows their DTOs as they are.
 */
@TemplateData(target = LabService.LabDetail.class)
@TemplateData(target = LabService.ScoreView.class)
@TemplateData(target = LabService.Ref.class)
@TemplateData(target = LabService.LabSummary.class)
@TemplateData(target = CitationView.class)
@TemplateData(target = ScorecardService.Counts.class)
@TemplateData(target = ScorecardService.TopicScore.class)
@TemplateData(target = ScorecardService.Scorecard.class)
@TemplateData(target = AgreementService.AgreementSummary.class)
@TemplateData(target = AgreementService.AgreementDetail.class)
@TemplateData(target = AgreementService.PartyView.class)
@TemplateData(target = AgreementService.ProvisionView.class)
@TemplateData(target = AgreementService.ChangeView.class)
@TemplateData(target = AgreementService.DiffView.class)
@TemplateData(target = LineageView.class)
@TemplateData(target = EventService.EventView.class)
@TemplateData(target = ClaimService.ClaimView.class)
@TemplateData(target = ClaimService.EntityRef.class)
@TemplateData(target = ClaimService.LinkView.class)
@TemplateData(target = ClaimService.Subject.class)
@TemplateData(target = QuestionService.QuestionSummary.class)
@TemplateData(target = QuestionService.QuestionDetail.class)
@TemplateData(target = QuestionService.AnswerView.class)
@TemplateData(target = QuestionService.AnswerStatus.class)
@TemplateData(target = QuestionService.TopicRef.class)
@TemplateData(target = QuestionService.Ref.class)
@TemplateData(target = QuestionnaireComparison.Comparison.class)
@TemplateData(target = QuestionnaireComparison.LabDelta.class)
@TemplateData(target = QuestionnaireComparison.QuestionRef.class)
@TemplateData(target = QuestionnaireService.QuestionnaireView.class)
@TemplateData(target = PageResult.class)
final class SiteTemplateData {

    private SiteTemplateData() {
    }
}
