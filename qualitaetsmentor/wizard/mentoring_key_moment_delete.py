from odoo import fields, models


class MentoringKeyMomentDelete(models.TransientModel):
    """The dialog in which an administrator deletes a key moment, with a
    reason that stays on the tandem (issue 13: coordinators correct key
    moments, only administrators delete them)."""

    _name = "mentoring.key.moment.delete"
    _description = "Delete Key Moment"

    key_moment_id = fields.Many2one(
        "mentoring.key.moment", required=True, ondelete="cascade"
    )
    tandem_id = fields.Many2one(related="key_moment_id.tandem_id")
    type_id = fields.Many2one(related="key_moment_id.type_id")
    date = fields.Date(related="key_moment_id.date")
    reason = fields.Text(
        required=True,
        help="Why the key moment goes, for example “documented on the wrong "
        "tandem”. It stays in the tandem's chatter with the type and date of "
        "the key moment; the summary and notes go with it.",
    )

    def action_delete(self):
        """Delete the key moment with the reason; back to the tandem.

        :return: the tandem's form
        """
        self.ensure_one()
        tandem = self.key_moment_id.tandem_id
        self.key_moment_id.with_context(mentoring_delete_reason=self.reason).unlink()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mentoring.tandem",
            "res_id": tandem.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
