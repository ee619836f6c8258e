from collections import defaultdict, namedtuple
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .mentoring_profile_mixin import COORDINATOR
from .mentoring_stage import PHASES

# Phases in which the coordinator keeps in regular contact with the tandem.
CONTACT_PHASES = ("matching", "accompaniment")
RUNNING_PHASES = ("recruitment", "preparation", "matching", "accompaniment")

# The requirements checked when a tandem enters a phase. Accompaniment checks
# those of matching again: a police clearance may have expired meanwhile.
GATES = {
    "matching": ("matching",),
    "accompaniment": ("matching", "accompaniment"),
    "closure": ("closure",),
}
# What the requirements of a tandem depend on (its checklist and its count),
# besides the day: a police clearance expires with the calendar. The count on
# the board is stored: every field a requirement reads belongs here.
REQUIREMENT_DEPENDENCIES = (
    "phase",
    "mentor_id",
    "mentee_id",
    "date_ended",
    "end_reason_id",
    "date_matched",
    "key_moment_ids.category",
    "waiver_ids.requirement",
    "program_id.training_required",
    "program_id.police_clearance_required",
    "mentor_id.interview_date",
    "mentor_id.training_date",
    "mentor_id.consent_date",
    "mentor_id.consent_withdrawn_date",
    "mentor_id.police_clearance_date",
    "mentor_id.police_clearance_relevant_entry",
    "mentor_id.police_clearance_valid_until",
    "mentee_id.consent_date",
    "mentee_id.consent_withdrawn_date",
    "program_id.rematch_pause_days",
    "mentor_id.tandem_ids.date_ended",
    "mentee_id.tandem_ids.date_ended",
)
# The phase whose requirements a tandem works towards while in a phase.
CHECKLIST_PHASE = {
    "recruitment": "preparation",
    "preparation": "matching",
    "matching": "accompaniment",
    "accompaniment": "accompaniment",
    "closure": "closure",
}
# Codes of the requirements; an administrator may waive those in
# WAIVABLE_REQUIREMENTS (the others are fields anyone can simply fill in).
REQUIREMENTS = [
    ("mentor", "Mentor"),
    ("mentee", "Mentee"),
    ("mentor_interview", "Interview with the mentor"),
    ("mentor_training", "Preparation training of the mentor"),
    ("mentor_consent", "Data-protection consent of the mentor"),
    ("mentor_police_clearance", "Police clearance of the mentor"),
    ("mentee_consent", "Data-protection consent of the mentee or guardian"),
    ("rematch_pause", "Pause before re-matching"),
    ("getting_to_know", "Documented getting-to-know meeting"),
    ("end_date", "End date"),
    ("end_reason", "End reason"),
    ("closing_talk", "Documented closing talk"),
]
WAIVABLE_REQUIREMENTS = {
    "mentor_interview",
    "mentor_training",
    "mentor_consent",
    "mentor_police_clearance",
    "mentee_consent",
    "rematch_pause",
    "getting_to_know",
    "closing_talk",
}

# Critical first: the start page shows its columns in this order.
HEALTH = [("critical", "Critical"), ("attention", "Attention"), ("ok", "OK")]
# A feedback talk is due this many days before its date.
FEEDBACK_NOTICE_DAYS = 14
# A police clearance expiring within this many months needs renewing.
CLEARANCE_NOTICE_MONTHS = 3
# A contact or feedback talk late by more than this many days is critical.
ESCALATION_DAYS = 14
# The reminder for a contact comes this many days before it is due.
CONTACT_NOTICE_DAYS = 7
# Reminder kinds and the activity types they are scheduled with.
REMINDER_TYPES = {
    "contact": "qualitaetsmentor.mail_activity_type_contact",
    "feedback": "qualitaetsmentor.mail_activity_type_feedback",
    "police_clearance": "qualitaetsmentor.mail_activity_type_police_clearance",
    "getting_to_know": "qualitaetsmentor.mail_activity_type_getting_to_know",
}


class Requirement(namedtuple("Requirement", "code label met waived")):
    """One requirement of a phase for one tandem, as shown and checked."""

    __slots__ = ()

    @property
    def is_open(self):
        return not self.met and not self.waived


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
    # Quality monitoring: gates, health and reminders.
    date_phase_entered = fields.Date(
        "In Phase Since",
        default=fields.Date.context_today,
        copy=False,
        help="When the tandem entered its current phase.",
    )
    next_feedback_date = fields.Date(
        "Next Feedback Talk",
        compute="_compute_next_feedback_date",
        store=True,
        help="When the next feedback talk of the programme's standard is due, "
        "counted from the match.",
    )
    health = fields.Selection(
        HEALTH,
        compute="_compute_health",
        store=True,
        index=True,
        group_expand=True,
        help="OK: every standard is met. Attention: something is due or "
        "slightly late. Critical: an open conflict, an expired police "
        "clearance, or a contact or feedback talk more than two weeks late.",
    )
    is_contact_overdue = fields.Boolean(
        "Contact Overdue", compute="_compute_health", store=True
    )
    is_feedback_due = fields.Boolean(
        "Feedback Talk Due", compute="_compute_health", store=True
    )
    is_feedback_overdue = fields.Boolean(
        "Feedback Talk Overdue", compute="_compute_health", store=True
    )
    is_clearance_expiring = fields.Boolean(
        "Police Clearance Expiring",
        compute="_compute_health",
        store=True,
        help="The mentor's police clearance expires within three months.",
    )
    is_clearance_expired = fields.Boolean(
        "Police Clearance Expired", compute="_compute_health", store=True
    )
    is_phase_overdue = fields.Boolean(
        "Too Long in Phase",
        compute="_compute_health",
        store=True,
        help="The tandem stays longer in its phase than the programme allows.",
    )
    checklist_phase = fields.Selection(
        PHASES, "Requirements For", compute="_compute_requirements"
    )
    # The checklist and the waivers name the people: coordinators only.
    requirement_checklist = fields.Html(
        "Requirements",
        compute="_compute_requirements",
        sanitize=False,
        groups=COORDINATOR,
    )
    # Stored, and counted apart from the checklist: every card of the board
    # shows it. The daily monitoring recomputes it with the health.
    open_requirement_count = fields.Integer(
        "Open Requirements", compute="_compute_open_requirement_count", store=True
    )
    waiver_ids = fields.One2many(
        "mentoring.gate.waiver",
        "tandem_id",
        string="Waivers",
        copy=False,
        groups=COORDINATOR,
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
        "program_id.first_contact_days",
        "program_id.first_month_contacts",
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

        contact_dates = dict(
            moments._read_group(
                tandem_domain + [("type_id.counts_as_contact", "=", True)],
                ["tandem_id"],
                ["date:array_agg"],
            )
        )
        last_conflicts = last_date([("type_id.is_conflict", "=", True)])
        last_others = last_date([("type_id.is_conflict", "=", False)])
        for tandem in self:
            contacts = contact_dates.get(tandem) or []
            tandem.last_contact_date = max(contacts, default=False)
            tandem.next_checkin_date = (
                tandem._next_contact_date(contacts)
                if tandem.phase in CONTACT_PHASES
                else False
            )
            conflict = last_conflicts.get(tandem)
            follow_up = last_others.get(tandem)
            tandem.has_open_conflict = bool(
                conflict and (not follow_up or follow_up <= conflict)
            )

    def _next_contact_date(self, contact_dates):
        """When the coordinator must next be in touch: first contact within
        N days of the match, the programme's number of contacts in the first
        month, then one contact per interval."""
        self.ensure_one()
        program = self.program_id
        interval = timedelta(days=program.contact_interval_days or 30)
        matched = self.date_matched
        if not matched:
            return max(contact_dates) + interval if contact_dates else False
        since_match = [day for day in contact_dates if day >= matched]
        if not since_match:
            return matched + (
                timedelta(days=program.first_contact_days)
                if program.first_contact_days
                else interval
            )
        last = max(since_match)
        first_month_end = matched + relativedelta(months=1)
        in_first_month = [day for day in since_match if day <= first_month_end]
        due = last + interval
        if (
            last <= first_month_end
            and len(in_first_month) < program.first_month_contacts
        ):
            due = min(due, first_month_end)
        return due

    @api.depends(
        "key_moment_ids.date",
        "key_moment_ids.category",
        "date_matched",
        "phase",
        "program_id.feedback_first_days",
        "program_id.feedback_second_months",
        "program_id.feedback_third_months",
    )
    def _compute_next_feedback_date(self):
        # Feedback talks held since the match, counted in one query; the next
        # one of the programme's schedule is due.
        held = dict(
            self.env["mentoring.key.moment"]
            .sudo()
            ._read_group(
                [
                    ("tandem_id", "in", self.filtered("id").ids),
                    ("category", "=", "feedback"),
                ],
                ["tandem_id"],
                ["date:array_agg"],
            )
        )
        for tandem in self:
            matched = tandem.date_matched
            if tandem.phase not in CONTACT_PHASES or not matched:
                tandem.next_feedback_date = False
                continue
            done = len([day for day in held.get(tandem) or [] if day >= matched])
            schedule = tandem._feedback_schedule()
            tandem.next_feedback_date = (
                schedule[done] if done < len(schedule) else False
            )

    def _feedback_schedule(self):
        """Dates of the programme's feedback talks for this tandem."""
        self.ensure_one()
        program, matched = self.program_id, self.date_matched
        schedule = []
        if program.feedback_first_days:
            schedule.append(matched + timedelta(days=program.feedback_first_days))
        for months in (program.feedback_second_months, program.feedback_third_months):
            if months:
                schedule.append(matched + relativedelta(months=months))
        return sorted(schedule)

    @api.depends(
        "phase",
        "next_checkin_date",
        "next_feedback_date",
        "has_open_conflict",
        "date_phase_entered",
        "mentor_id.police_clearance_valid_until",
        "program_id.police_clearance_required",
        "program_id.max_days_recruitment",
        "program_id.max_days_preparation",
        "program_id.max_days_matching",
        "program_id.max_days_accompaniment",
    )
    def _compute_health(self):
        # Depends on today's date as well: the daily scheduled action
        # recomputes it for every running tandem (_recompute_health).
        today = fields.Date.context_today(self)
        escalation = timedelta(days=ESCALATION_DAYS)
        for tandem in self:
            program = tandem.program_id
            running = tandem.phase in RUNNING_PHASES
            in_contact = tandem.phase in CONTACT_PHASES
            contact_due = in_contact and tandem.next_checkin_date
            feedback_due = in_contact and tandem.next_feedback_date
            valid_until = (
                in_contact
                and program.police_clearance_required
                and tandem.mentor_id.police_clearance_valid_until
            )
            limit = running and program[f"max_days_{tandem.phase}"]
            tandem.is_contact_overdue = bool(contact_due and contact_due < today)
            tandem.is_feedback_due = bool(
                feedback_due
                and feedback_due - timedelta(days=FEEDBACK_NOTICE_DAYS)
                <= today
                <= feedback_due
            )
            tandem.is_feedback_overdue = bool(feedback_due and feedback_due < today)
            tandem.is_clearance_expired = bool(valid_until and valid_until < today)
            tandem.is_clearance_expiring = bool(
                valid_until
                and today
                <= valid_until
                <= today + relativedelta(months=CLEARANCE_NOTICE_MONTHS)
            )
            tandem.is_phase_overdue = bool(
                limit
                and tandem.date_phase_entered
                and (today - tandem.date_phase_entered).days > limit
            )
            if not running:
                tandem.health = "ok"
            elif (
                tandem.has_open_conflict
                or tandem.is_clearance_expired
                or (tandem.is_contact_overdue and contact_due + escalation < today)
                or (tandem.is_feedback_overdue and feedback_due + escalation < today)
            ):
                tandem.health = "critical"
            elif (
                tandem.is_contact_overdue
                or tandem.is_feedback_due
                or tandem.is_feedback_overdue
                or tandem.is_clearance_expiring
                or tandem.is_phase_overdue
            ):
                tandem.health = "attention"
            else:
                tandem.health = "ok"

    def _recompute_health(self):
        """Recompute the date-dependent health and requirement counts of these
        tandems in batch."""
        fnames = [
            name
            for name, field in self._fields.items()
            if field.compute in ("_compute_health", "_compute_open_requirement_count")
        ]
        for fname in fnames:
            self.env.add_to_compute(self._fields[fname], self)
        self.flush_recordset(fnames)

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

    @api.constrains("date_matched", "date_planned_end", "program_id")
    def _check_minimum_commitment(self):
        for tandem in self:
            months = tandem.program_id.min_commitment_months
            if (
                months
                and tandem.date_matched
                and tandem.date_planned_end
                and tandem.date_planned_end
                < tandem.date_matched + relativedelta(months=months)
            ):
                raise ValidationError(
                    self.env._(
                        "The planned end of the tandem %(name)s lies less than "
                        "%(months)s months after the match: the programme asks "
                        "mentors for a commitment of at least %(months)s months.",
                        name=tandem.name,
                        months=months,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("program_id"):
                raise ValidationError(
                    self.env._("A tandem needs a programme. Choose one first.")
                )
        tandems = super().create(vals_list)
        # A tandem created directly in a later phase meets its requirements too.
        tandems.filtered(lambda t: t.phase in GATES)._check_gates()
        tandems._fill_phase_dates()
        tandems._launch_stage_plans()
        return tandems

    def write(self, vals):
        if "program_id" in vals and not vals["program_id"]:
            raise ValidationError(
                self.env._("A tandem needs a programme. Choose one first.")
            )
        if "stage_id" not in vals:
            return super().write(vals)
        old_stages = {tandem: tandem.stage_id for tandem in self}
        new_phase = self.env["mentoring.stage"].browse(vals["stage_id"]).phase
        entering = self.filtered(lambda t: t.phase != new_phase)
        result = super().write(vals)
        if entering and "date_phase_entered" not in vals:
            super(MentoringTandem, entering).write(
                {"date_phase_entered": fields.Date.context_today(self)}
            )
        # Checked after the write, so that what the same save fills in (an end
        # reason with the move to closure) counts; a refusal rolls it all back.
        entering._check_gates()
        entering._fill_phase_dates()
        self.filtered(lambda t: t.stage_id != old_stages[t])._launch_stage_plans()
        return result

    def _fill_phase_dates(self):
        """A tandem entering matching is matched today, one entering
        accompaniment starts today, unless the dates are known already."""
        today = fields.Date.context_today(self)
        for tandem in self:
            if tandem.phase in CONTACT_PHASES and not tandem.date_matched:
                tandem.date_matched = today
            if tandem.phase == "accompaniment" and not tandem.date_started:
                tandem.date_started = today

    # ------------------------------------------------------------------
    # Gates: the requirements of each phase, in this one place
    # ------------------------------------------------------------------

    def _get_requirements(self, phase):
        """The requirements each tandem meets or not for entering ``phase``:
        {tandem: [Requirement, ...]}. Used by the gate check, the checklist on
        the form, the board card and the handover dossier."""
        if not self:
            return {}
        today = fields.Date.context_today(self)
        # Records being edited in a form are new records: look up their origin.
        tandem_ids = self._origin.ids
        facts = {"documented": self._documented_categories(tandem_ids)}
        if phase in ("matching", "accompaniment"):
            facts["endings"] = self._earlier_endings()
        waived = defaultdict(set)
        for tandem, code in (
            self.env["mentoring.gate.waiver"]
            .sudo()
            ._read_group(
                [("tandem_id", "in", tandem_ids)],
                ["tandem_id", "requirement"],
            )
        ):
            waived[tandem.id].add(code)
        result = {}
        for tandem in self:
            # Profile facts are read as superuser: a coordinator must be able to
            # move a tandem even where she may not read every screening field.
            checks = []
            for gate_phase in GATES.get(phase, ()):
                checks += getattr(tandem.sudo(), f"_{gate_phase}_requirements")(
                    today, facts
                )
            result[tandem] = [
                Requirement(code, label, met, code in waived[tandem._origin.id])
                for code, label, met in checks
            ]
        return result

    def _documented_categories(self, tandem_ids):
        """{(tandem id, category)} of the getting-to-know meetings and closing
        talks documented on these tandems."""
        return {
            (tandem.id, category)
            for tandem, category in self.env["mentoring.key.moment"]
            .sudo()
            ._read_group(
                [
                    ("tandem_id", "in", tandem_ids),
                    ("category", "in", ("getting_to_know", "closing")),
                ],
                ["tandem_id", "category"],
            )
        }

    def _earlier_endings(self):
        """{("mentor" or "mentee", profile id): [(tandem id, end date)]}: the
        ended tandems of these tandems' mentors and mentees, archived ones
        included, in one query."""
        mentors, mentees = self.mentor_id._origin, self.mentee_id._origin
        endings = defaultdict(list)
        if not (mentors or mentees):
            return endings
        ended = (
            self.env["mentoring.tandem"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("date_ended", "!=", False),
                    "|",
                    ("mentor_id", "in", mentors.ids),
                    ("mentee_id", "in", mentees.ids),
                ],
                ["mentor_id", "mentee_id", "date_ended"],
            )
        )
        for tandem in ended:
            endings["mentor", tandem.mentor_id.id].append(
                (tandem.id, tandem.date_ended)
            )
            endings["mentee", tandem.mentee_id.id].append(
                (tandem.id, tandem.date_ended)
            )
        return endings

    def _matching_requirements(self, today, facts):
        _ = self.env._
        program, mentor, mentee = self.program_id, self.mentor_id, self.mentee_id
        checks = [
            ("mentor", _("Mentor chosen"), bool(mentor)),
            ("mentee", _("Mentee chosen"), bool(mentee)),
        ]
        if mentor:
            checks.append(
                (
                    "mentor_interview",
                    _("Interview with %(mentor)s", mentor=mentor.name),
                    bool(mentor.interview_date),
                )
            )
            if program.training_required:
                checks.append(
                    (
                        "mentor_training",
                        _("Preparation training of %(mentor)s", mentor=mentor.name),
                        bool(mentor.training_date),
                    )
                )
            checks.append(
                (
                    "mentor_consent",
                    _("Data-protection consent of %(mentor)s", mentor=mentor.name),
                    bool(mentor.consent_date and not mentor.consent_withdrawn_date),
                )
            )
            if program.police_clearance_required:
                checks.append(self._police_clearance_requirement(today))
        if mentee:
            checks.append(
                (
                    "mentee_consent",
                    _(
                        "Data-protection consent of %(mentee)s or the guardian",
                        mentee=mentee.name,
                    ),
                    bool(mentee.consent_date and not mentee.consent_withdrawn_date),
                )
            )
        checks += self._rematch_pause_requirements(today, facts["endings"])
        return checks

    def _rematch_pause_requirements(self, today, endings):
        """The programme's pause between a mentor's or mentee's last ended
        Patenschaft and this tandem's match (or today, before the match)."""
        pause = self.program_id.rematch_pause_days
        if not pause:
            return []
        matched = self.date_matched or today
        checks = []
        for role, profile in (("mentor", self.mentor_id), ("mentee", self.mentee_id)):
            earlier = [
                ended
                for tandem_id, ended in endings.get((role, profile._origin.id), ())
                if tandem_id != self._origin.id and ended <= matched
            ]
            if profile and earlier:
                last = max(earlier)
                checks.append(
                    (
                        "rematch_pause",
                        self.env._(
                            "Pause of %(days)s days after the last Patenschaft of "
                            "%(name)s (ended on %(date)s)",
                            days=pause,
                            name=profile.name,
                            date=format_date(self.env, last),
                        ),
                        (matched - last).days >= pause,
                    )
                )
        return checks

    def _police_clearance_requirement(self, today):
        _ = self.env._
        mentor = self.mentor_id
        label = _(
            "Valid extended police clearance of %(mentor)s without relevant entry",
            mentor=mentor.name,
        )
        if not mentor.police_clearance_date:
            problem = _("not inspected yet")
        elif mentor.police_clearance_relevant_entry:
            problem = _("it has a relevant entry")
        elif mentor.police_clearance_valid_until < today:
            problem = _(
                "expired on %(date)s",
                date=format_date(self.env, mentor.police_clearance_valid_until),
            )
        else:
            return ("mentor_police_clearance", label, True)
        return ("mentor_police_clearance", f"{label} ({problem})", False)

    def _accompaniment_requirements(self, today, facts):
        return [
            (
                "getting_to_know",
                self.env._("Documented getting-to-know meeting"),
                (self._origin.id, "getting_to_know") in facts["documented"],
            )
        ]

    def _closure_requirements(self, today, facts):
        _ = self.env._
        checks = [
            ("end_date", _("End date"), bool(self.date_ended)),
            ("end_reason", _("End reason"), bool(self.end_reason_id)),
        ]
        if self.date_matched:
            checks.append(
                (
                    "closing_talk",
                    _("Documented closing talk"),
                    (self._origin.id, "closing") in facts["documented"],
                )
            )
        return checks

    def _check_gates(self):
        """Refuse, in one message, every tandem entering its phase with
        requirements neither met nor waived."""
        phase_names = dict(self._fields["phase"]._description_selection(self.env))
        refusals = []
        for phase, tandems in self.grouped("phase").items():
            for tandem, requirements in tandems._get_requirements(phase).items():
                missing = [req.label for req in requirements if req.is_open]
                if missing:
                    refusals.append(
                        self.env._(
                            "The tandem %(tandem)s cannot enter the phase "
                            "%(phase)s yet. Still missing:",
                            tandem=tandem.name,
                            phase=phase_names[phase],
                        )
                        + "".join(f"\n• {label}" for label in missing)
                    )
        if refusals:
            raise ValidationError("\n\n".join(refusals))

    @api.depends(*REQUIREMENT_DEPENDENCIES)
    def _compute_requirements(self):
        requirements = self._get_requirements_for_checklist()
        for tandem in self:
            tandem.checklist_phase = CHECKLIST_PHASE.get(tandem.phase)
            tandem.requirement_checklist = tandem._render_checklist(
                requirements[tandem]
            )

    @api.depends(*REQUIREMENT_DEPENDENCIES)
    def _compute_open_requirement_count(self):
        requirements = self._get_requirements_for_checklist()
        for tandem in self:
            tandem.open_requirement_count = sum(
                req.is_open for req in requirements[tandem]
            )

    def _get_requirements_for_checklist(self):
        """{tandem: [Requirement]} of the phase each tandem works towards."""
        result = {}
        for phase, tandems in self.grouped(
            lambda t: CHECKLIST_PHASE.get(t.phase)
        ).items():
            result.update(tandems._get_requirements(phase))
        return result

    def _get_next_steps(self, requirements):
        """What the coordinator does next, in the order it matters."""
        self.ensure_one()
        _ = self.env._
        steps = []
        if self.has_open_conflict and self.phase in RUNNING_PHASES:
            steps.append(
                _(
                    "Follow up the open conflict and document the follow-up as "
                    "a key moment."
                )
            )
        if self.is_clearance_expired or self.is_clearance_expiring:
            mentor = self.sudo().mentor_id
            steps.append(
                _(
                    "Ask %(mentor)s for a new extended police clearance: the "
                    "current one is valid until %(date)s.",
                    mentor=mentor.name,
                    date=format_date(self.env, mentor.police_clearance_valid_until),
                )
            )
        steps += [
            _("Complete before the next phase: %(requirement)s", requirement=req.label)
            for req in requirements
            if req.is_open
        ]
        if self.is_contact_overdue:
            steps.append(
                _(
                    "Contact the tandem now: the contact was due on %(date)s.",
                    date=format_date(self.env, self.next_checkin_date),
                )
            )
        elif self.next_checkin_date:
            steps.append(
                _(
                    "Contact the tandem by %(date)s.",
                    date=format_date(self.env, self.next_checkin_date),
                )
            )
        if self.next_feedback_date:
            steps.append(
                _(
                    "Hold the feedback talk due on %(date)s.",
                    date=format_date(self.env, self.next_feedback_date),
                )
            )
        if self.is_phase_overdue:
            steps.append(
                _(
                    "The tandem has been in this phase since %(date)s, longer than "
                    "the programme allows: move it on or note why it waits.",
                    date=format_date(self.env, self.date_phase_entered),
                )
            )
        if not steps:
            steps.append(_("Nothing is due. Keep in touch as usual."))
        return steps

    def _render_checklist(self, requirements):
        if not requirements:
            return Markup('<p class="text-muted">%s</p>') % self.env._(
                "No requirements for this phase."
            )
        items = []
        for req in requirements:
            if req.met:
                icon, css, note = "fa-check-circle", "text-success", ""
            elif req.waived:
                icon, css, note = (
                    "fa-minus-circle",
                    "text-muted",
                    self.env._("waived"),
                )
            else:
                icon, css, note = (
                    "fa-times-circle",
                    "text-danger",
                    self.env._("missing"),
                )
            items.append(
                Markup(
                    '<li class="%s" data-requirement="%s">'
                    '<i class="fa %s me-1" role="img" aria-label="%s"></i>%s%s</li>'
                )
                % (
                    css,
                    req.code,
                    icon,
                    note or self.env._("met"),
                    req.label,
                    Markup(" <em>(%s)</em>") % note if note else "",
                )
            )
        return Markup('<ul class="list-unstyled mb-0">%s</ul>') % Markup().join(items)

    # ------------------------------------------------------------------
    # Activity plans of stages and reminders of the daily scheduled action
    # ------------------------------------------------------------------

    def _launch_stage_plans(self):
        """Schedule the activities of the plan of each tandem's stage for its
        coordinator, as Odoo's plan launcher does."""
        # Odoo's switch for automated activities (used by the demo data).
        if self.env.context.get("mail_activity_automation_skip"):
            return
        today = fields.Date.context_today(self)
        for tandem in self.filtered("stage_id.activity_plan_id"):
            plan = tandem.stage_id.activity_plan_id
            responsible_fallback = tandem.coordinator_id or self.env.user
            lines = []
            for template in plan.template_ids:
                responsible = (
                    template._determine_responsible(responsible_fallback, tandem)[
                        "responsible"
                    ]
                    or responsible_fallback
                )
                deadline = template._get_date_deadline(today)
                tandem.with_context(mail_activity_quick_update=True).activity_schedule(
                    activity_type_id=template.activity_type_id.id,
                    automated=False,
                    summary=template.summary,
                    note=template.note,
                    user_id=responsible.id,
                    date_deadline=deadline,
                )
                lines.append(
                    self.env._(
                        "%(activity)s, assigned to %(name)s, due on %(deadline)s",
                        activity=template.summary or template.activity_type_id.name,
                        name=responsible.name,
                        deadline=format_date(self.env, deadline),
                    )
                )
            body = Markup("<p>%s</p>") % self.env._(
                "The plan “%(plan)s” has been started.", plan=plan.name
            )
            if lines:
                body += Markup("<ul>%s</ul>") % Markup().join(
                    Markup("<li>%s</li>") % line for line in lines
                )
            tandem.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _due_reminders(self):
        """The things due now for each tandem: {tandem: {kind: deadline}}."""
        today = fields.Date.context_today(self)
        clearance_notice = today + relativedelta(months=CLEARANCE_NOTICE_MONTHS)
        due = {}
        for tandem in self:
            things = {}
            if tandem.phase in CONTACT_PHASES and tandem.active:
                contact = tandem.next_checkin_date
                if contact and contact <= today + timedelta(days=CONTACT_NOTICE_DAYS):
                    things["contact"] = contact
                feedback = tandem.next_feedback_date
                if (
                    feedback
                    and feedback - timedelta(days=FEEDBACK_NOTICE_DAYS) <= today
                ):
                    things["feedback"] = feedback
                valid_until = tandem.sudo().mentor_id.police_clearance_valid_until
                if (
                    tandem.program_id.police_clearance_required
                    and valid_until
                    and valid_until <= clearance_notice
                ):
                    things["police_clearance"] = valid_until
            due[tandem] = things
        return due

    def _reminder_types(self):
        # Through the cached xmlid lookup: no query per type and run.
        xmlid_to_id = self.env["ir.model.data"]._xmlid_to_res_id
        activity_types = self.env["mail.activity.type"]
        return {
            kind: activity_types.browse(xmlid_to_id(xmlid, raise_if_not_found=False))
            for kind, xmlid in REMINDER_TYPES.items()
        }

    def _open_reminders(self, kinds):
        """Open activities of the given reminder kinds on these tandems."""
        types = self._reminder_types()
        type_ids = [types[kind].id for kind in kinds if types[kind]]
        return (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "in", type_ids),
                ]
            )
        )

    def _schedule_reminders(self):
        """Give each coordinator one activity per thing due, unless an open
        activity of that kind is already on the tandem."""
        types = self._reminder_types()
        scheduled = {
            (res_id, activity_type.id)
            for res_id, activity_type in self.env["mail.activity"]
            .sudo()
            ._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "in", [t.id for t in types.values() if t]),
                ],
                ["res_id", "activity_type_id"],
            )
        }
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for tandem, things in self._due_reminders().items():
            if not tandem.coordinator_id:
                continue
            for kind, deadline in things.items():
                if not types[kind] or (tandem.id, types[kind].id) in scheduled:
                    continue
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": tandem.id,
                        "activity_type_id": types[kind].id,
                        "date_deadline": deadline,
                        "user_id": tandem.coordinator_id.id,
                        "automated": True,
                    }
                )
        # No e-mail about it: it would carry the names of mentor and mentee.
        return (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )

    def _close_fulfilled_reminders(self, kinds, feedback):
        """Mark done, with ``feedback``, the reminders of ``kinds`` that are no
        longer due, e.g. because a key moment fulfilled them."""
        activities = self._open_reminders(kinds)
        if not activities:
            return
        types = self._reminder_types()
        kind_of_type = {t.id: kind for kind, t in types.items() if t}
        due = self.with_context(active_test=False)._due_reminders()
        missing_getting_to_know = {
            tandem
            for tandem, requirements in self._get_requirements("accompaniment").items()
            if any(
                req.code == "getting_to_know" and not req.met for req in requirements
            )
        }
        done = self.env["mail.activity"]
        for activity in activities:
            tandem = self.browse(activity.res_id)
            kind = kind_of_type[activity.activity_type_id.id]
            if kind == "getting_to_know":
                fulfilled = tandem not in missing_getting_to_know
            else:
                fulfilled = kind not in due.get(tandem, {})
            if fulfilled:
                done |= activity
        if done:
            done.action_feedback(feedback=feedback)

    @api.model
    def _cron_monitor_quality(self):
        """Daily: recompute the health of every running tandem and remind the
        coordinators of what is due."""
        running = self.search([("phase", "in", RUNNING_PHASES)])
        running._monitor_quality()

    def _monitor_quality(self):
        self._recompute_health()
        return self._schedule_reminders()

    def action_open_key_moments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qualitaetsmentor.mentoring_key_moment_action"
        )
        action["domain"] = [("tandem_id", "=", self.id)]
        action["context"] = {"default_tandem_id": self.id}
        return action

    def action_waive_requirement(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Waive a Requirement"),
            "res_model": "mentoring.gate.waiver",
            "view_mode": "form",
            "target": "new",
            "context": {"default_tandem_id": self.id},
        }
