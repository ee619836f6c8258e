from odoo import api, fields, models
from odoo.exceptions import UserError

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

    def _mentoring_check_feedback_change(self):
        """Refuse to change these surveys (or their questions and answer
        options) when one of them is a feedback survey of the tandems
        (``_mentoring_feedback_surveys``), unless the user is an
        administrator of QualitätsMENTOR: a survey user could otherwise turn
        off the alarm items, open the access or archive the survey, and the
        invitations would stop silently (issue 15).

        :raise UserError: a feedback survey changed by someone else
        """
        if self.env.su or self.env.user.has_group("qualitaetsmentor.group_admin"):
            return
        used = self.sudo() & self._mentoring_feedback_surveys()
        if used:
            raise UserError(
                self.env._(
                    "The survey %(survey)s is a feedback survey of the mentoring "
                    "programmes: only an administrator of QualitätsMENTOR changes "
                    "it, its questions and its answer options.",
                    survey=used[0].title,
                )
            )

    def write(self, vals):
        self._mentoring_check_feedback_change()
        return super().write(vals)

    def unlink(self):
        """A survey a programme's feedback configuration sends is not
        deleted, by anyone: a clear error instead of the database's."""
        self._mentoring_check_feedback_change()
        lines = (
            self.env["mentoring.feedback.survey"]
            .sudo()
            .with_context(active_test=False)
            .search([("survey_id", "in", self.ids)])
        )
        if lines:
            raise UserError(
                self.env._(
                    "The survey %(survey)s is sent by the feedback configuration "
                    "of the programme(s) %(programs)s. Choose another survey "
                    "there before deleting it.",
                    survey=lines[0].survey_id.title,
                    programs=", ".join(sorted(set(lines.program_id.mapped("name")))),
                )
            )
        return super().unlink()


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    mentoring_alarm_item = fields.Boolean(
        "Alarming When Low",
        help="An answer of 1 or 2 to this scale question in a feedback survey "
        "gives the tandem's coordinator an activity, whatever the score "
        "(e.g. “I feel safe when we meet”).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env["survey.survey"].browse(
            [vals["survey_id"] for vals in vals_list if vals.get("survey_id")]
        )._mentoring_check_feedback_change()
        return super().create(vals_list)

    def write(self, vals):
        surveys = self.survey_id
        if vals.get("survey_id"):
            surveys |= surveys.browse(vals["survey_id"])
        surveys._mentoring_check_feedback_change()
        return super().write(vals)

    def unlink(self):
        self.survey_id._mentoring_check_feedback_change()
        return super().unlink()


class SurveyQuestionAnswer(models.Model):
    """The answer options of a question: a feedback survey's are changed by
    administrators only (``survey.survey._mentoring_check_feedback_change``)."""

    _inherit = "survey.question.answer"

    def _mentoring_surveys(self, vals=None):
        questions = self.question_id | self.matrix_question_id
        for fname in ("question_id", "matrix_question_id"):
            if vals and vals.get(fname):
                questions |= questions.browse(vals[fname])
        return questions.survey_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.browse()._mentoring_surveys(vals)._mentoring_check_feedback_change()
        return super().create(vals_list)

    def write(self, vals):
        self._mentoring_surveys(vals)._mentoring_check_feedback_change()
        return super().write(vals)

    def unlink(self):
        self._mentoring_surveys()._mentoring_check_feedback_change()
        return super().unlink()
