from odoo import api, fields, models
from odoo.exceptions import UserError

KEY_MOMENT_CATEGORIES = [
    ("intake_mentor", "Intake Talk with the Mentor"),
    ("intake_mentee", "Intake Talk with the Mentee or Family"),
    ("getting_to_know", "Getting-to-know Meeting"),
    ("matching_talk", "Matching Talk"),
    ("check_in", "Check-in"),
    ("feedback", "Feedback Talk"),
    ("conflict", "Conflict"),
    ("crisis", "Crisis or Child Protection"),
    ("milestone", "Milestone"),
    ("mentor_report", "Meeting Reported by the Mentor"),
    ("feedback_survey", "Feedback Survey Received"),
    ("closing", "Closing Talk"),
    ("other", "Other"),
]


class MentoringKeyMomentType(models.Model):
    """What kind of key moment was documented.

    The category tells the quality rules what a type stands for, so that an
    organisation can rename types or add its own without breaking them.
    """

    _name = "mentoring.key.moment.type"
    _description = "Key Moment Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category = fields.Selection(KEY_MOMENT_CATEGORIES, required=True, default="other")
    counts_as_contact = fields.Boolean(
        help="A key moment of this type is a documented contact with the tandem."
    )
    is_conflict = fields.Boolean(
        "Is a Conflict",
        help="A key moment of this type opens a conflict that needs a follow-up.",
    )

    @api.model
    def _feedback_survey_type(self):
        """The shipped type of completed feedback surveys ("Feedback
        received"), or another of its category if an administrator replaced
        it.

        :raise UserError: no such type is left
        """
        kind = self.env.ref(
            "qualitaetsmentor.key_moment_type_feedback_survey",
            raise_if_not_found=False,
        )
        if kind and kind.sudo().active:
            return kind.sudo()
        kind = self.sudo().search([("category", "=", "feedback_survey")], limit=1)
        if not kind:
            raise UserError(
                self.env._(
                    "No key moment type for completed feedback surveys: ask an "
                    "administrator to restore one."
                )
            )
        return kind
