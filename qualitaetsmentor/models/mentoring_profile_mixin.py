from odoo import api, fields, models


class MentoringProfileMixin(models.AbstractModel):
    """What mentor and mentee profiles share.

    A profile sits on a contact (res.partner) for name and address, but keeps
    everything sensitive on the profile itself, where record rules limit who
    reads it: every internal user can read every contact.
    """

    _name = "mentoring.profile.mixin"
    _description = "Mentoring Profile"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _rec_name = "name"

    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
    )
    name = fields.Char(related="partner_id.name", readonly=False, store=True)
    email = fields.Char(related="partner_id.email", readonly=False)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    program_id = fields.Many2one(
        "mentoring.program",
        string="Programme",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self._default_program(),
    )
    company_id = fields.Many2one(
        related="program_id.company_id", store=True, index=True
    )
    active = fields.Boolean(default=True)
    consent_date = fields.Date(
        "Data-protection Consent",
        tracking=True,
        help="Date of the signed consent to store and process the personal data.",
    )
    notes = fields.Html()

    @api.model
    def _default_program(self):
        programs = self.env["mentoring.program"].search(
            [("coordinator_ids", "in", self.env.uid)], limit=2
        )
        return programs if len(programs) == 1 else False

    @api.model_create_multi
    def create(self, vals_list):
        # Creating a profile from its own form creates the contact it sits on.
        partners = self.env["res.partner"]
        for vals in vals_list:
            if not vals.get("partner_id") and vals.get("name"):
                vals["partner_id"] = partners.create(
                    {
                        "name": vals["name"],
                        "email": vals.pop("email", False),
                        "phone": vals.pop("phone", False),
                    }
                ).id
        return super().create(vals_list)

    def _compute_tandem_count(self):
        counts = dict(
            self.env["mentoring.tandem"]._read_group(
                [(self._tandem_field, "in", self.ids)],
                [self._tandem_field],
                ["__count"],
            )
        )
        for profile in self:
            profile.tandem_count = counts.get(profile, 0)

    def action_open_tandems(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qualitaetsmentor.mentoring_tandem_action"
        )
        action["domain"] = [(self._tandem_field, "=", self.id)]
        action["context"] = {
            "default_program_id": self.program_id.id,
            f"default_{self._tandem_field}": self.id,
        }
        return action
