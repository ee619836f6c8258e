from odoo import fields, models


class MentoringAnonymizationWizardLine(models.TransientModel):
    """One item of the preview. It points at the record, so that no name is
    copied anywhere: the list shows the record's current name."""

    _name = "mentoring.anonymization.wizard.line"
    _description = "Anonymisation Preview Line"
    _order = "kind_sequence, due_date, id"

    wizard_id = fields.Many2one(
        "mentoring.anonymization.wizard", required=True, ondelete="cascade"
    )
    kind = fields.Selection(
        [
            ("tandem", "Tandem"),
            ("mentor", "Mentor"),
            ("mentee", "Mentee"),
            ("police_clearance", "Police-clearance Facts"),
            ("undated", "Tandem without End Date"),
        ],
        required=True,
    )
    kind_sequence = fields.Integer()
    reason = fields.Selection(
        [
            ("retention", "Retention period ended"),
            ("withdrawn", "Consent withdrawn"),
            ("left", "Left the programme without a tandem"),
            ("police_clearance", "Kept long enough after the last tandem"),
            ("undated", "Ended without an end date: enter it, then it is anonymised"),
        ],
        required=True,
    )
    due_date = fields.Date("Due Since")
    tandem_id = fields.Many2one("mentoring.tandem", ondelete="cascade")
    mentor_id = fields.Many2one("mentoring.mentor", ondelete="cascade")
    mentee_id = fields.Many2one("mentoring.mentee", ondelete="cascade")
    program_id = fields.Many2one("mentoring.program", string="Programme")
