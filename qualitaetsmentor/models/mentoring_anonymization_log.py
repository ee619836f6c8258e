from odoo import api, fields, models
from odoo.tools import format_datetime


class MentoringAnonymizationLog(models.Model):
    """One run of the anonymisation, dry or real: the record an organisation
    shows its data-protection officer. It counts and numbers what was
    anonymised and never names a person."""

    _name = "mentoring.anonymization.log"
    _description = "Anonymisation Log"
    _order = "run_date desc, id desc"

    run_date = fields.Datetime("Run On", default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Run By", default=lambda self: self.env.user, readonly=True
    )
    dry_run = fields.Boolean(
        readonly=True,
        help="A preview: it showed what would be anonymised and changed nothing.",
    )
    tandem_count = fields.Integer("Tandems", readonly=True)
    mentor_count = fields.Integer("Mentors", readonly=True)
    mentee_count = fields.Integer("Mentees", readonly=True)
    police_clearance_count = fields.Integer("Police-clearance Facts", readonly=True)
    partner_count = fields.Integer("Contacts", readonly=True)
    message_count = fields.Integer("Messages", readonly=True)
    attachment_count = fields.Integer("Attachments", readonly=True)
    undated_count = fields.Integer(
        "Ended without End Date",
        readonly=True,
        help="Tandems that ended without an end date: they are not anonymised "
        "until someone enters the date.",
    )
    details = fields.Text(readonly=True)

    @api.depends("run_date", "dry_run")
    def _compute_display_name(self):
        for log in self:
            when = format_datetime(self.env, log.run_date)
            log.display_name = (
                self.env._("Preview of %(date)s", date=when)
                if log.dry_run
                else self.env._("Anonymisation of %(date)s", date=when)
            )
