from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .mentoring_profile_mixin import COORDINATOR

# Phases in which the coordinator keeps in regular contact with the tandem.
CONTACT_PHASES = ("matching", "accompaniment")


class MentoringTandem(models.Model):
    """A Patenschaft: one mentor with one mentee, a card on the board."""

    _name = "mentoring.tandem"
    _description = "Tandem"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority desc, sequence, id desc"
    _track_duration_field = "stage_id"

    # Names and notes are for coordinators; read-only users see a neutral
    # display name (see _compute_display_name).
    name = fields.Char(
        compute="_compute_name", store=True, readonly=False, groups=COORDINATOR
    )
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    program_id = fields.Many2one(
        "mentoring.program",
        string="Programme",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env["mentoring.mentor"]._default_program(),
    )
    company_id = fields.Many2one(
        related="program_id.company_id", store=True, index=True
    )
    stage_id = fields.Many2one(
        "mentoring.stage",
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_stage_ids",
        domain="['|', ('program_ids', '=', False), ('program_ids', 'in', program_id)]",
        default=lambda self: self._default_stage(),
    )
    phase = fields.Selection(related="stage_id.phase", store=True, index=True)
    mentor_id = fields.Many2one(
        "mentoring.mentor",
        index=True,
        tracking=True,
        groups=COORDINATOR,
        domain="[('program_id', '=', program_id)]",
    )
    mentee_id = fields.Many2one(
        "mentoring.mentee",
        index=True,
        tracking=True,
        groups=COORDINATOR,
        domain="[('program_id', '=', program_id)]",
    )
    coordinator_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    tag_ids = fields.Many2many("mentoring.tag", string="Tags")
    color = fields.Integer("Colour")
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Important"), ("2", "Urgent")],
        default="0",
        index=True,
    )
    date_requested = fields.Date(
        "Requested", default=fields.Date.context_today, tracking=True
    )
    date_matched = fields.Date("Matched", tracking=True, copy=False)
    date_started = fields.Date("Started", tracking=True, copy=False)
    date_planned_end = fields.Date("Planned End", tracking=True)
    date_ended = fields.Date("Ended", tracking=True, copy=False)
    end_reason_id = fields.Many2one("mentoring.end.reason", tracking=True, copy=False)
    ended_prematurely = fields.Boolean(
        related="end_reason_id.premature", store=True, string="Ended Early"
    )
    key_moment_ids = fields.One2many(
        "mentoring.key.moment", "tandem_id", string="Key Moments", copy=False
    )
    key_moment_count = fields.Integer(compute="_compute_key_moment_count")
    last_contact_date = fields.Date(
        compute="_compute_contact_dates",
        store=True,
        help="Date of the most recent key moment that counts as a contact.",
    )
    next_checkin_date = fields.Date(
        "Next Check-in",
        compute="_compute_contact_dates",
        store=True,
        help="When the coordinator should next be in touch, from the last "
        "contact (or the match) and the programme's contact interval.",
    )
    days_since_last_contact = fields.Integer(compute="_compute_days_since_last_contact")
    has_open_conflict = fields.Boolean(
        "Open Conflict",
        compute="_compute_contact_dates",
        store=True,
        help="A conflict was documented and no key moment followed it yet.",
    )
    description = fields.Html("Notes", groups=COORDINATOR)
    date_anonymized = fields.Date(
        "Anonymised On",
        readonly=True,
        copy=False,
        help="The notes, messages and attachments of this tandem were removed "
        "on this day, when the programme's retention period had ended.",
    )

    _sql_constraints = [
        (
            "dates_ordered",
            "CHECK(date_ended IS NULL OR date_started IS NULL "
            "OR date_ended >= date_started)",
            "A tandem cannot end before it started.",
        ),
    ]

    @api.model
    def _default_stage(self):
        return self.env["mentoring.stage"].search([], limit=1)

    @api.depends("mentor_id.name", "mentee_id.name")
    def _compute_name(self):
        for tandem in self:
            names = [n for n in (tandem.mentor_id.name, tandem.mentee_id.name) if n]
            tandem.name = " & ".join(names) or self.env._("New Tandem")

    @api.depends("name")
    @api.depends_context("uid")
    def _compute_display_name(self):
        # Not `env.su`: Odoo shows a many2one's display name in sudo, and the
        # user behind the sudo is still the one who reads it.
        if self.env.user.has_group(COORDINATOR):
            return super()._compute_display_name()
        for tandem in self:
            tandem.display_name = self.env._("Tandem %(number)s", number=tandem.id)

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "kanban" and not self.has_access("write"):
            # Read-only users look at the board; they cannot move a card.
            arch.set("records_draggable", "0")
        return arch, view

    @api.model
    def _get_mail_message_access(self, res_ids, operation, model_name=None):
        # The chatter holds names and key-moment summaries: reading it needs
        # the right to edit the tandem, which read-only users do not have.
        operation = super()._get_mail_message_access(res_ids, operation, model_name)
        return "write" if operation == "read" else operation

    def _compute_key_moment_count(self):
        counts = dict(
            self.env["mentoring.key.moment"]._read_group(
                [("tandem_id", "in", self.ids)], ["tandem_id"], ["__count"]
            )
        )
        for tandem in self:
            tandem.key_moment_count = counts.get(tandem, 0)

    @api.depends(
        "key_moment_ids.date",
        "key_moment_ids.type_id",
        "date_matched",
        "phase",
        "program_id.contact_interval_days",
    )
    def _compute_contact_dates(self):
        # Aggregated in PostgreSQL for all tandems at once, never per tandem.
        moments = self.env["mentoring.key.moment"].sudo()
        tandem_domain = [("tandem_id", "in", self.filtered("id").ids)]

        def last_date(extra_domain):
            return dict(
                moments._read_group(
                    tandem_domain + extra_domain, ["tandem_id"], ["date:max"]
                )
            )

        last_contacts = last_date([("type_id.counts_as_contact", "=", True)])
        last_conflicts = last_date([("type_id.is_conflict", "=", True)])
        last_others = last_date([("type_id.is_conflict", "=", False)])
        for tandem in self:
            last_contact = last_contacts.get(tandem)
            tandem.last_contact_date = last_contact
            reference = last_contact or tandem.date_matched
            if tandem.phase in CONTACT_PHASES and reference:
                tandem.next_checkin_date = reference + timedelta(
                    days=tandem.program_id.contact_interval_days or 30
                )
            else:
                tandem.next_checkin_date = False
            conflict = last_conflicts.get(tandem)
            follow_up = last_others.get(tandem)
            tandem.has_open_conflict = bool(
                conflict and (not follow_up or follow_up <= conflict)
            )

    def _compute_days_since_last_contact(self):
        today = fields.Date.context_today(self)
        for tandem in self:
            tandem.days_since_last_contact = (
                (today - tandem.last_contact_date).days
                if tandem.last_contact_date
                else 0
            )

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        # Show every column, also the empty ones; a programme given in the
        # context narrows the board to the stages it uses.
        program_id = self.env.context.get("default_program_id")
        stage_domain = []
        if program_id:
            stage_domain = [
                "|",
                ("program_ids", "=", False),
                ("program_ids", "in", [program_id]),
            ]
        return stages.search(stage_domain, order=stages._order)

    @api.constrains("mentor_id", "mentee_id")
    def _check_distinct_people(self):
        for tandem in self:
            if (
                tandem.mentor_id
                and tandem.mentee_id
                and tandem.mentor_id.partner_id == tandem.mentee_id.partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot be mentor and mentee of the same tandem.",
                        name=tandem.mentor_id.name,
                    )
                )

    @api.constrains("program_id", "mentor_id", "mentee_id")
    def _check_same_program(self):
        for tandem in self:
            for profile in (tandem.mentor_id, tandem.mentee_id):
                if profile and profile.program_id != tandem.program_id:
                    raise ValidationError(
                        self.env._(
                            "%(name)s belongs to the programme %(profile_program)s, "
                            "not to %(program)s.",
                            name=profile.name,
                            profile_program=profile.program_id.name,
                            program=tandem.program_id.name,
                        )
                    )

    @api.constrains("date_started", "date_ended", "date_matched", "date_planned_end")
    def _check_dates(self):
        for tandem in self:
            start = tandem.date_started or tandem.date_matched
            if start and tandem.date_ended and tandem.date_ended < start:
                raise ValidationError(
                    self.env._(
                        "The tandem %(name)s cannot end (%(end)s) before it "
                        "started (%(start)s).",
                        name=tandem.name,
                        end=tandem.date_ended,
                        start=start,
                    )
                )
            if start and tandem.date_planned_end and tandem.date_planned_end < start:
                raise ValidationError(
                    self.env._(
                        "The planned end of the tandem %(name)s lies before its start.",
                        name=tandem.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("program_id"):
                raise ValidationError(
                    self.env._("A tandem needs a programme. Choose one first.")
                )
        return super().create(vals_list)

    def write(self, vals):
        if "program_id" in vals and not vals["program_id"]:
            raise ValidationError(
                self.env._("A tandem needs a programme. Choose one first.")
            )
        return super().write(vals)

    def action_open_key_moments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qualitaetsmentor.mentoring_key_moment_action"
        )
        action["domain"] = [("tandem_id", "=", self.id)]
        action["context"] = {"default_tandem_id": self.id}
        return action
