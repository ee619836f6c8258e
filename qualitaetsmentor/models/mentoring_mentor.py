from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

POLICE_CLEARANCE_VALIDITY_YEARS = 5


class MentoringMentor(models.Model):
    """A volunteer (Pat:in) with the facts of her screening.

    Of the extended police clearance (§ 72a SGB VIII) only the date it was
    inspected and whether it had a relevant entry are kept, never the document.
    """

    _name = "mentoring.mentor"
    _description = "Mentor"
    _inherit = ["mentoring.profile.mixin"]
    _order = "name, id"

    status = fields.Selection(
        [
            ("applicant", "Applicant"),
            ("preparation", "In Preparation"),
            ("ready", "Ready for Matching"),
            ("active", "Active"),
            ("paused", "Paused"),
            ("ended", "Ended"),
        ],
        default="applicant",
        required=True,
        tracking=True,
    )
    interests = fields.Char()
    languages = fields.Char()
    availability = fields.Char(help="When and how often the mentor has time.")
    application_date = fields.Date("Written Application")
    interview_date = fields.Date("Interview", tracking=True)
    police_clearance_date = fields.Date(
        "Police Clearance Inspected",
        tracking=True,
        help="Date on which the extended police clearance was inspected. "
        "The document itself is never stored.",
    )
    police_clearance_relevant_entry = fields.Boolean("Relevant Entry", tracking=True)
    police_clearance_valid_until = fields.Date(
        compute="_compute_police_clearance_valid_until",
        store=True,
        help="The police clearance is renewed five years after its inspection.",
    )
    training_date = fields.Date("Training Completed", tracking=True)
    tandem_ids = fields.One2many("mentoring.tandem", "mentor_id", string="Tandems")
    tandem_count = fields.Integer(compute="_compute_tandem_count")

    _tandem_field = "mentor_id"

    _sql_constraints = [
        (
            "partner_program_uniq",
            "unique (partner_id, program_id)",
            "This contact already has a mentor profile in this programme.",
        ),
    ]

    @api.depends("police_clearance_date", "program_id.police_clearance_validity_years")
    def _compute_police_clearance_valid_until(self):
        for mentor in self:
            years = (
                mentor.program_id.police_clearance_validity_years
                or POLICE_CLEARANCE_VALIDITY_YEARS
            )
            mentor.police_clearance_valid_until = (
                mentor.police_clearance_date
                and mentor.police_clearance_date + relativedelta(years=years)
            )

    def write(self, vals):
        result = super().write(vals)
        if "police_clearance_date" in vals:
            # A renewed police clearance fulfils the reminders to renew it.
            self.tandem_ids._close_fulfilled_reminders(
                ["police_clearance"],
                self.env._("The police clearance was inspected again."),
            )
        return result
