from odoo import fields, models


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    mentoring_alarm_item = fields.Boolean(
        "Alarming When Low",
        help="An answer of 1 or 2 to this scale question in a feedback survey "
        "gives the tandem's coordinator an activity, whatever the score "
        "(e.g. “I feel safe when we meet”).",
    )
