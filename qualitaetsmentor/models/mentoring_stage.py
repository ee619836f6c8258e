from odoo import api, fields, models
from odoo.exceptions import ValidationError

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

    @api.constrains("program_ids")
    def _check_program_tandems(self):
        """A stage limited to programmes holds no tandem of another one."""
        tandems = self.env["mentoring.tandem"].sudo().with_context(active_test=False)
        for stage in self.filtered("program_ids"):
            if tandems.search_count(
                [
                    ("stage_id", "=", stage.id),
                    ("program_id", "not in", stage.program_ids.ids),
                ],
                limit=1,
            ):
                raise ValidationError(
                    self.env._(
                        "The stage %(stage)s holds tandems of programmes it "
                        "would no longer be used by. Move them to another stage "
                        "first.",
                        stage=stage.name,
                    )
                )
