from odoo import api, fields, models

from .survey_user_input import AUDIENCES, FEEDBACK_POINTS

# The surveys shipped in data/survey_survey_data.xml, per audience.
SHIPPED_SURVEYS = {
    "mentor": "qualitaetsmentor.survey_feedback_mentor",
    "family": "qualitaetsmentor.survey_feedback_family",
}


class MentoringFeedbackSurvey(models.Model):
    """Which survey a programme sends at a feedback point to an audience
    (issue 15, item 6): the mentor, or the guardian or adult mentee.

    Programme configuration: coordinators of the programme read it,
    administrators change it.
    """

    _name = "mentoring.feedback.survey"
    _description = "Feedback Survey of a Programme"
    _order = "program_id, audience, id"

    program_id = fields.Many2one(
        "mentoring.program",
        "Programme",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    feedback_point = fields.Selection(FEEDBACK_POINTS, required=True)
    audience = fields.Selection(AUDIENCES, "Answered By", required=True)
    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        ondelete="restrict",
    )

    survey_active = fields.Boolean(related="survey_id.active", string="Survey Active")
    survey_archived_note = fields.Char(
        "Survey Archived",
        compute="_compute_survey_archived_note",
        help="An archived survey takes no answers: the daily run sends no "
        "invitation for this feedback point until the survey is restored or "
        "another one chosen.",
    )

    _sql_constraints = [
        (
            "program_point_audience_unique",
            "UNIQUE(program_id, feedback_point, audience)",
            "A programme sends one survey per feedback point and audience.",
        ),
    ]

    @api.depends("survey_id.active")
    def _compute_survey_archived_note(self):
        for line in self:
            line.survey_archived_note = (
                self.env._("Survey archived: no invitations are sent")
                if line.survey_id and not line.survey_id.active
                else False
            )

    @api.model
    def _default_lines(self, audience="mentor", existing=None):
        """Create commands for the shipped survey of ``audience`` at every
        feedback point that ``existing`` lines leave open.

        :param audience: 'mentor' or 'family'
        :param existing: mentoring.feedback.survey lines of the programme
        :return: list of ``Command.create``; empty when the shipped survey
            was deleted
        """
        survey = self.env.ref(SHIPPED_SURVEYS[audience], raise_if_not_found=False)
        if not survey:
            return []
        taken = {
            line.feedback_point
            for line in existing or self.browse()
            if line.audience == audience
        }
        return [
            fields.Command.create(
                {"feedback_point": point, "audience": audience, "survey_id": survey.id}
            )
            for point, _label in FEEDBACK_POINTS
            if point not in taken
        ]
