from odoo import Command, api, fields, models

from ..models.mentoring_anonymization import PLAN_KINDS

RECORD_FIELD = {
    "tandem": "tandem_id",
    "undated": "tandem_id",
    "mentor": "mentor_id",
    "police_clearance": "mentor_id",
    "mentee": "mentee_id",
}


class MentoringAnonymizationWizard(models.TransientModel):
    """The dry run an administrator reads before anything is anonymised."""

    _name = "mentoring.anonymization.wizard"
    _description = "Anonymisation Preview"

    line_ids = fields.One2many(
        "mentoring.anonymization.wizard.line", "wizard_id", string="Would Be Anonymised"
    )
    log_id = fields.Many2one("mentoring.anonymization.log", string="Preview Log")
    cron_active = fields.Boolean(
        "Daily Anonymisation On", compute="_compute_cron_active"
    )

    def _compute_cron_active(self):
        cron = self.env.ref(
            "qualitaetsmentor.ir_cron_mentoring_anonymization", raise_if_not_found=False
        )
        for wizard in self:
            wizard.cron_active = bool(cron and cron.sudo().active)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards:
            wizard._preview()
        return wizards

    def _preview(self):
        self.ensure_one()
        plan, log = self.env["mentoring.anonymization"]._run(dry_run=True)
        lines = []
        for sequence, kind in enumerate(PLAN_KINDS):
            for record, reason, due in plan[kind]:
                lines.append(
                    Command.create(
                        {
                            "kind": kind,
                            "kind_sequence": sequence,
                            "reason": reason,
                            "due_date": due,
                            "program_id": record.program_id.id,
                            RECORD_FIELD[kind]: record.id,
                        }
                    )
                )
        self.write({"line_ids": lines, "log_id": log.id})

    @api.model
    def _action_open(self):
        """The menu opens a fresh preview: it is computed when it is made."""
        wizard = self.create({})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Anonymisation Preview"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_anonymize(self):
        """Carry out what the preview showed and switch on the daily run."""
        self.ensure_one()
        _plan, log = self.env["mentoring.anonymization"]._run(dry_run=False)
        cron = self.env.ref("qualitaetsmentor.ir_cron_mentoring_anonymization")
        cron.sudo().active = True
        return {
            "type": "ir.actions.act_window",
            "res_model": log._name,
            "res_id": log.id,
            "view_mode": "form",
            "target": "current",
        }
