from odoo import api, fields, models


class MentoringProgram(models.Model):
    """A Patenschaftsprojekt: the unit a coordinator is responsible for."""

    _name = "mentoring.program"
    _description = "Mentoring Programme"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, tracking=True, translate=False)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    coordinator_ids = fields.Many2many(
        "res.users",
        "mentoring_program_coordinator_rel",
        "program_id",
        "user_id",
        string="Coordinators",
        domain="[('share', '=', False)]",
        help="Coordinators see and edit the tandems, profiles and key moments "
        "of this programme.",
    )
    description = fields.Html()
    color = fields.Integer("Colour")
    contact_interval_days = fields.Integer(
        "Contact Interval (Days)",
        default=30,
        help="During accompaniment the coordinator contacts each tandem at "
        "least this often. The next check-in date of a tandem is computed "
        "from it.",
    )
    tandem_ids = fields.One2many("mentoring.tandem", "program_id", string="Tandems")
    tandem_count = fields.Integer(compute="_compute_counts")
    mentor_count = fields.Integer(compute="_compute_counts")
    mentee_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        (
            "contact_interval_positive",
            "CHECK(contact_interval_days > 0)",
            "The contact interval must be at least one day.",
        ),
    ]

    @api.depends("tandem_ids")
    def _compute_counts(self):
        counts = {}
        for model in ("mentoring.tandem", "mentoring.mentor", "mentoring.mentee"):
            counts[model] = dict(
                self.env[model]._read_group(
                    [("program_id", "in", self.ids)], ["program_id"], ["__count"]
                )
            )
        for program in self:
            program.tandem_count = counts["mentoring.tandem"].get(program, 0)
            program.mentor_count = counts["mentoring.mentor"].get(program, 0)
            program.mentee_count = counts["mentoring.mentee"].get(program, 0)

    def _open_related(self, model, name):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            f"qualitaetsmentor.{name}"
        )
        action["domain"] = [("program_id", "=", self.id)]
        action["context"] = {"default_program_id": self.id}
        return action

    def action_open_tandems(self):
        return self._open_related("mentoring.tandem", "mentoring_tandem_action")

    def action_open_mentors(self):
        return self._open_related("mentoring.mentor", "mentoring_mentor_action")

    def action_open_mentees(self):
        return self._open_related("mentoring.mentee", "mentoring_mentee_action")
