from odoo import fields, models


class MentoringEndReason(models.Model):
    _name = "mentoring.end.reason"
    _description = "Tandem End Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    premature = fields.Boolean(
        help="The tandem ended before its planned end (an unplanned ending)."
    )
