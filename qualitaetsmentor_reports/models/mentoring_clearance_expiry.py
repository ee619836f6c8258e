from odoo import fields, models


class MentoringClearanceExpiry(models.Model):
    """A police clearance that ended: replaced by a new inspection (renewed)
    or removed (by the anonymisation, or cleared by hand) before it was
    renewed. One row per ended clearance, without personal data: the
    standard *Police Clearance Renewed Before It Expired* of the quality
    report (issue 16) needs the old expiry date after the mentor's record
    has been overwritten or anonymised ("a fact that retention later deletes
    is captured when it happens"). The clearance a mentor holds now is read
    from her record; written only by ``mentoring.mentor.write``.
    """

    _name = "mentoring.clearance.expiry"
    _description = "Ended Police Clearance"
    _order = "valid_until desc, id desc"
    _rec_name = "valid_until"

    mentor_id = fields.Many2one(
        "mentoring.mentor", index=True, ondelete="set null", readonly=True
    )
    program_id = fields.Many2one(
        "mentoring.program",
        string="Programme",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one("res.company", readonly=True)
    valid_until = fields.Date(required=True, readonly=True)
    renewed_on = fields.Date(
        readonly=True,
        help="The inspection date of the clearance that replaced it; empty "
        "when it was removed without a new one.",
    )
