from odoo import api, fields, models

from .mentoring_feedback_survey import SHIPPED_SURVEYS


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    @api.model
    def _mentoring_feedback_surveys(self):
        """The feedback surveys of the tandems: the shipped ones and those a
        programme's feedback configuration sends, archived ones included.

        :return: survey.survey records (sudo)
        """
        surveys = self.env["survey.survey"].sudo()
        for xmlid in SHIPPED_SURVEYS.values():
            surveys |= self.env.ref(xmlid, raise_if_not_found=False) or surveys
        return (
            surveys
            | self.env["mentoring.feedback.survey"]
            .sudo()
            .with_context(active_test=False)
            .search([])
            .survey_id
        )


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    mentoring_alarm_item = fields.Boolean(
        "Alarming When Low",
        help="An answer of 1 or 2 to this scale question in a feedback survey "
        "gives the tandem's coordinator an activity, whatever the score "
        "(e.g. “I feel safe when we meet”).",
    )
