from odoo import api, models

# Attachments of these records hold what the record's sensitive fields hold.
PROTECTED_MODELS = (
    "mentoring.tandem",
    "mentoring.key.moment",
    "mentoring.mentor",
    "mentoring.mentee",
)


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def check(self, mode, values=None):
        """Reading an attachment of a tandem, key moment or profile needs the
        right to edit that record: read-only users read the board, not the
        documents behind it."""
        result = super().check(mode, values)
        if mode != "read" or self.env.is_superuser():
            return result
        records = {}
        if self:
            self.flush_model(["res_model", "res_id"])
            self.env.cr.execute(
                "SELECT res_model, res_id FROM ir_attachment "
                "WHERE id IN %s AND res_model IN %s AND res_id IS NOT NULL",
                [tuple(self.ids), PROTECTED_MODELS],
            )
            for res_model, res_id in self.env.cr.fetchall():
                records.setdefault(res_model, set()).add(res_id)
        for res_model, res_ids in records.items():
            self.env[res_model].browse(res_ids).exists().check_access("write")
        return result
