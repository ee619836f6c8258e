from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .mentoring_tandem_gate import WAIVABLE_REQUIREMENTS


class MentoringGateWaiver(models.Model):
    """An administrator's decision that a tandem may pass a gate without one
    of its requirements, with the reason; logged on the tandem's chatter."""

    _name = "mentoring.gate.waiver"
    _description = "Waived Requirement"
    _order = "date desc, id desc"
    _rec_name = "requirement"

    tandem_id = fields.Many2one(
        "mentoring.tandem", required=True, index=True, ondelete="cascade"
    )
    program_id = fields.Many2one(
        related="tandem_id.program_id", store=True, index=True, string="Programme"
    )
    company_id = fields.Many2one(related="tandem_id.company_id", store=True, index=True)
    requirement = fields.Selection(WAIVABLE_REQUIREMENTS, required=True)
    reason = fields.Text(required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Waived by",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)

    _sql_constraints = [
        (
            "tandem_requirement_uniq",
            "unique (tandem_id, requirement)",
            "This requirement is already waived for this tandem.",
        ),
    ]

    @api.depends("requirement")
    def _compute_display_name(self):
        labels = dict(self._fields["requirement"]._description_selection(self.env))
        for waiver in self:
            waiver.display_name = labels.get(waiver.requirement, "")

    @api.constrains("reason")
    def _check_reason(self):
        for waiver in self:
            if not (waiver.reason or "").strip():
                raise ValidationError(
                    self.env._("Give the reason why the requirement is waived.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        # Only administrators may create waivers (access rights).
        waivers = super().create(vals_list)
        labels = dict(self._fields["requirement"]._description_selection(self.env))
        for waiver in waivers:
            waiver.tandem_id.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    self.env._(
                        "Requirement waived by %(user)s: %(requirement)s",
                        user=waiver.user_id.name,
                        requirement=labels[waiver.requirement],
                    ),
                    self.env._("Reason: %(reason)s", reason=waiver.reason),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return waivers
