from odoo import api, fields, models
from odoo.exceptions import UserError

# The programme's feedback points (issue "portal and surveys"; the schedule of
# the feedback talks in mentoring_tandem_health._feedback_schedule, plus the end).
FEEDBACK_POINTS = [
    ("getting_to_know", "After Getting to Know"),
    ("month_6", "After 6 Months"),
    ("month_12", "After 12 Months"),
    ("end", "At the End"),
]
# Who answers: the mentor, or the mentee's side (the guardian of a minor, an
# adult mentee herself).
AUDIENCES = [("mentor", "Mentor"), ("family", "Mentee or Guardian")]


class SurveyUserInput(models.Model):
    """A survey answer, linked to the tandem and feedback point it was sent for.

    One answer per tandem, feedback point and audience: each feedback point
    gets an answer of its own, never the previous point's answer reused.
    """

    _inherit = "survey.user_input"

    mentoring_tandem_id = fields.Many2one(
        "mentoring.tandem",
        "Tandem",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    mentoring_feedback_point = fields.Selection(
        FEEDBACK_POINTS, "Feedback Point", readonly=True
    )
    mentoring_audience = fields.Selection(AUDIENCES, "Answered By", readonly=True)
    mentoring_invited_date = fields.Date(
        "Invited On",
        readonly=True,
        help="The organisation's day on which the survey was sent for the "
        "feedback point.",
    )
    mentoring_score = fields.Float(
        "Relationship Quality",
        compute="_compute_mentoring_score",
        store=True,
        compute_sudo=True,
        digits=(3, 1),
        aggregator="avg",
        help="Mean of the answers on the relationship-quality scale, from 1 "
        "(poor) to 5 (very good); empty while nothing on the scale is answered.",
    )

    _sql_constraints = [
        (
            "mentoring_feedback_point_unique",
            "UNIQUE(mentoring_tandem_id, mentoring_feedback_point, mentoring_audience)",
            "Each feedback point of a tandem has one answer per audience.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        """Refuse an answer to a feedback survey (shipped or configured in a
        programme) that is not linked to a tandem: it would hold a contact
        and answers no record rule of a tandem protects (e.g. Odoo's
        "Retry" or a start without an invitation). Test entries of the
        survey app stay possible."""
        feedback = self.env["survey.survey"]._mentoring_feedback_surveys()
        for vals in vals_list:
            if (
                vals.get("survey_id") in feedback.ids
                and not vals.get("mentoring_tandem_id")
                and not vals.get("test_entry")
            ):
                raise UserError(
                    self.env._(
                        "This feedback survey is answered only through the "
                        "invitation sent for a tandem."
                    )
                )
        return super().create(vals_list)

    def _mentoring_check_change(self, vals=None):
        """Refuse to change or delete answers of the tandems' feedback
        surveys, or to turn another answer into one, unless in sudo (the
        invitation and the person answering it through Odoo's survey pages,
        the anonymisation) or as an administrator of QualitätsMENTOR. A
        coordinator only reads them; a survey user could otherwise plant an
        answer in a tandem of any programme or move one out of it
        (issue 15, item 9).

        :param vals: the values of ``write`` (None for ``unlink``)
        :raise UserError: such a change by anyone else
        """
        if self.env.su or self.env.user.has_group("qualitaetsmentor.group_admin"):
            return
        vals = vals or {}
        feedback = self.env["survey.survey"]._mentoring_feedback_surveys()
        if (
            self.sudo().filtered(
                lambda answer: (
                    answer.mentoring_tandem_id or answer.survey_id in feedback
                )
            )
            or any(name.startswith("mentoring_") for name in vals)
            or vals.get("survey_id") in feedback.ids
        ):
            raise UserError(
                self.env._(
                    "Answers to the feedback surveys of the tandems are given "
                    "only through their invitation; nobody changes, moves or "
                    "deletes them here."
                )
            )

    def write(self, vals):
        # Odoo's own refusal first (no right at all), then ours.
        self.check_access("write")
        self._mentoring_check_change(vals)
        return super().write(vals)

    def unlink(self):
        self.check_access("unlink")
        self._mentoring_check_change()
        return super().unlink()

    @api.depends(
        "user_input_line_ids.value_scale",
        "user_input_line_ids.skipped",
        "user_input_line_ids.answer_type",
    )
    def _compute_mentoring_score(self):
        # Every scale question of the survey belongs to the relationship-quality
        # scale (the shipped surveys ask 1–5 items and one free text).
        for answer in self:
            values = [
                line.value_scale
                for line in answer.user_input_line_ids
                if line.answer_type == "scale" and not line.skipped
            ]
            answer.mentoring_score = sum(values) / len(values) if values else 0.0

    def _mark_done(self):
        """Completed: a feedback survey of a tandem becomes a key moment
        "Feedback received" with its score, and a low score or an alarming
        answer gives the coordinator an activity
        (``mentoring.tandem._feedback_received``)."""
        result = super()._mark_done()
        for answer in self.sudo().filtered(
            lambda answer: answer.mentoring_tandem_id and not answer.test_entry
        ):
            tandem = answer.mentoring_tandem_id
            if not tandem.date_anonymized:
                tandem._feedback_received(answer)
        return result

    def _mentoring_alarming_lines(self):
        """The answered lines of questions marked *Alarming When Low* with a
        value of 1 or 2.

        :return: survey.user_input.line records
        """
        self.ensure_one()
        return self.user_input_line_ids.filtered(
            lambda line: (
                line.answer_type == "scale"
                and not line.skipped
                and line.question_id.mentoring_alarm_item
                and line.value_scale in (1, 2)
            )
        )
