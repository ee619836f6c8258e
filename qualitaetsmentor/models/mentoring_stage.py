from odoo import fields, models

PHASES = [
    ("recruitment", "Recruitment"),
    ("preparation", "Preparation"),
    ("matching", "Matching"),
    ("accompaniment", "Accompaniment"),
    ("closure", "Closure"),
]


class MentoringStage(models.Model):
    """A column of the tandem board; each column belongs to one phase."""

    _name = "mentoring.stage"
    _description = "Tandem Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(
        "Folded in Board", help="Fold this column on the tandem board."
    )
    phase = fields.Selection(PHASES, required=True, default="recruitment")
    program_ids = fields.Many2many(
        "mentoring.program",
        string="Programmes",
        help="Only these programmes use this stage. Leave empty to use it in "
        "every programme.",
    )
    description = fields.Text(translate=True)
    activity_plan_id = fields.Many2one(
        "mail.activity.plan",
        domain="[('res_model', '=', 'mentoring.tandem')]",
        help="Launched for the tandem's coordinator whenever a tandem enters "
        "this stage.",
    )
