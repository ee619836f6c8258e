from odoo import api, fields, models
from odoo.exceptions import ValidationError

AGE_GROUPS = [
    ("child", "Child (up to 12)"),
    ("youth", "Young Person (13 to 17)"),
    ("young_adult", "Young Adult (18 to 26)"),
    ("adult", "Adult (27 and older)"),
    ("family", "Family"),
]


class MentoringMentee(models.Model):
    """A child, young person, refugee or family paired with a mentor."""

    _name = "mentoring.mentee"
    _description = "Mentee"
    _inherit = ["mentoring.profile.mixin"]
    _order = "name, id"

    guardian_id = fields.Many2one(
        "res.partner",
        tracking=True,
        help="Parent or legal guardian; gives consent for minors.",
    )
    needs = fields.Text()
    goals = fields.Text()
    birth_year = fields.Integer()
    age_group = fields.Selection(
        AGE_GROUPS,
        compute="_compute_age_group",
        store=True,
        readonly=False,
        help="Computed from the birth year when it is known.",
    )
    waiting_since = fields.Date(default=fields.Date.context_today)
    tandem_ids = fields.One2many("mentoring.tandem", "mentee_id", string="Tandems")
    tandem_count = fields.Integer(compute="_compute_tandem_count")

    _tandem_field = "mentee_id"

    _sql_constraints = [
        (
            "partner_program_uniq",
            "unique (partner_id, program_id)",
            "This contact already has a mentee profile in this programme.",
        ),
    ]

    @api.depends("birth_year")
    def _compute_age_group(self):
        this_year = fields.Date.context_today(self).year
        for mentee in self.filtered("birth_year"):
            age = this_year - mentee.birth_year
            if age <= 12:
                mentee.age_group = "child"
            elif age <= 17:
                mentee.age_group = "youth"
            elif age <= 26:
                mentee.age_group = "young_adult"
            else:
                mentee.age_group = "adult"

    @api.constrains("birth_year")
    def _check_birth_year(self):
        this_year = fields.Date.context_today(self).year
        for mentee in self.filtered("birth_year"):
            if not this_year - 120 <= mentee.birth_year <= this_year:
                raise ValidationError(
                    self.env._(
                        "The birth year %(year)s of %(name)s is not plausible.",
                        year=mentee.birth_year,
                        name=mentee.name,
                    )
                )
