from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import plaintext2html


class MentoringHandoverWizard(models.TransientModel):
    """Hand the tandems of one coordinator over to another: the tandems, the
    open activities on them and on their mentors' and mentees' profiles, the
    follower subscriptions, with a note on each tandem."""

    _name = "mentoring.handover.wizard"
    _description = "Handover of Tandems"

    from_user_id = fields.Many2one(
        "res.users",
        string="Handing Over",
        required=True,
        domain="[('share', '=', False)]",
    )
    to_user_id = fields.Many2one(
        "res.users",
        string="Taking Over",
        required=True,
        domain="[('share', '=', False), ('id', '!=', from_user_id)]",
    )
    scope = fields.Selection(
        [("all", "All tandems"), ("chosen", "Chosen tandems")],
        required=True,
        default="all",
    )
    tandem_ids = fields.Many2many(
        "mentoring.tandem",
        string="Tandems",
        domain="[('coordinator_id', '=', from_user_id)]",
        context={"active_test": False},
    )
    note = fields.Text(
        "Handover Note",
        help="Posted on every tandem handed over, after the names of both "
        "coordinators.",
    )
    tandem_count = fields.Integer(compute="_compute_tandem_count")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        # Started from selected tandems: hand over those of their coordinator.
        if self.env.context.get("active_model") == "mentoring.tandem":
            tandems = self.env["mentoring.tandem"].browse(
                self.env.context.get("active_ids", [])
            )
            if len(tandems.coordinator_id) == 1:
                values.update(
                    from_user_id=tandems.coordinator_id.id,
                    scope="chosen",
                    tandem_ids=[Command.set(tandems.ids)],
                )
        return values

    @api.onchange("from_user_id")
    def _onchange_from_user_id(self):
        self.tandem_ids = self.tandem_ids.filtered(
            lambda t: t.coordinator_id == self.from_user_id
        )

    @api.depends("from_user_id", "scope", "tandem_ids")
    def _compute_tandem_count(self):
        for wizard in self:
            wizard.tandem_count = len(wizard._get_tandems())

    def _get_tandems(self):
        self.ensure_one()
        if not self.from_user_id:
            return self.env["mentoring.tandem"]
        if self.scope == "chosen":
            return self.tandem_ids.filtered(
                lambda t: t.coordinator_id == self.from_user_id
            )
        return (
            self.env["mentoring.tandem"]
            .with_context(active_test=False)
            .search([("coordinator_id", "=", self.from_user_id.id)])
        )

    def _records_handed_over(self, tandems, old):
        """The tandems and the profiles of their mentors and mentees, except
        profiles that still have a tandem with the old coordinator: her open
        activities on them stay hers."""
        kept = (
            self.env["mentoring.tandem"]
            .with_context(active_test=False)
            .search([("coordinator_id", "=", old.id)])
        )
        return (
            tandems,
            tandems.mentor_id - kept.mentor_id,
            tandems.mentee_id - kept.mentee_id,
        )

    def action_hand_over(self):
        self.ensure_one()
        old, new = self.from_user_id, self.to_user_id
        if old == new:
            raise UserError(
                self.env._("Choose another coordinator to take the tandems over.")
            )
        if not new.has_group("qualitaetsmentor.group_coordinator"):
            raise UserError(
                self.env._(
                    "%(name)s is not a coordinator. Add the user to the group "
                    "“QualitätsMENTOR / Coordinator” first.",
                    name=new.name,
                )
            )
        tandems = self._get_tandems()
        if not tandems:
            raise UserError(
                self.env._("%(name)s has no tandems to hand over.", name=old.name)
            )
        for program in tandems.program_id:
            if new not in program.coordinator_ids:
                program.coordinator_ids = [Command.link(new.id)]
        tandems.write({"coordinator_id": new.id})
        activities = self.env["mail.activity"].search(
            expression.AND(
                [
                    [("user_id", "=", old.id)],
                    expression.OR(
                        [
                            [
                                ("res_model", "=", records._name),
                                ("res_id", "in", records.ids),
                            ]
                            for records in self._records_handed_over(tandems, old)
                        ]
                    ),
                ]
            )
        )
        # No e-mail about it: it would carry the names of mentor and mentee.
        activities.with_context(mail_activity_quick_update=True).write(
            {"user_id": new.id}
        )
        tandems.message_unsubscribe(partner_ids=old.partner_id.ids)
        tandems.message_subscribe(partner_ids=new.partner_id.ids)
        body = Markup("<p>%s</p>") % self.env._(
            "Handover: %(old)s handed this tandem over to %(new)s.",
            old=old.name,
            new=new.name,
        )
        if self.note:
            body += plaintext2html(self.note)
        for tandem in tandems:
            tandem.message_post(body=body, subtype_xmlid="mail.mt_note")
        return self.env.ref(
            "qualitaetsmentor.action_report_handover_dossier"
        ).report_action(tandems)
