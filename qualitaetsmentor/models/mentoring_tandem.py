"""The tandem: one mentor with one mentee, a card on the board.

The model is split by concern, as Odoo core splits a large model:

* this file: the record, its fields, names, create/write, constraints and
  actions;
* ``mentoring_tandem_gate.py``: the requirement catalogue and the stage gates;
* ``mentoring_tandem_health.py``: contact and feedback dates, health, next
  steps;
* ``mentoring_tandem_reminder.py``: stage plans, reminders and the daily
  scheduled action.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date

from .mentoring_profile_mixin import ADMIN, COORDINATOR

# Phases in which the coordinator keeps in regular contact with the tandem.
CONTACT_PHASES = ("matching", "accompaniment")
RUNNING_PHASES = ("recruitment", "preparation", "matching", "accompaniment")
# A change of these makes the status of mentor and mentee follow the tandem.
PEOPLE_FOLLOW = {"stage_id", "mentor_id", "mentee_id", "active"}


class MentoringTandem(models.Model):
    """A Patenschaft: one mentor with one mentee, a card on the board."""

    _name = "mentoring.tandem"
    _description = "Tandem"
    _inherit = ["mail.thread", "mail.tracking.duration.mixin", "mail.activity.mixin"]
    _order = "priority desc, sequence, id desc"
    # The time spent in each stage, shown by the form's status bar.
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
        domain="['|', ('program_ids', '=', False), "
        "('program_ids', 'in', program_id and [program_id] or [])]",
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
    # Only a coordinator of the programme or an administrator of
    # QualitätsMENTOR: the activities and reminders of the tandem go to her
    # and show the names of mentor and mentee (see _check_coordinator).
    coordinator_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        default=lambda self: self._default_coordinator(),
        domain=lambda self: self._coordinator_domain(),
    )
    tag_ids = fields.Many2many("mentoring.tag", string="Tags")
    color = fields.Integer("Colour")
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Important"), ("2", "Urgent")],
        default="0",
        index=True,
    )
    date_requested = fields.Date(
        "Requested",
        default=lambda self: self.env.company._mentoring_today(),
        tracking=True,
    )
    date_matched = fields.Date("Matched", tracking=True, copy=False)
    date_started = fields.Date("Started", tracking=True, copy=False)
    date_planned_end = fields.Date("Planned End", tracking=True)
    date_ended = fields.Date("Ended On", tracking=True, copy=False)
    end_reason_id = fields.Many2one("mentoring.end.reason", tracking=True, copy=False)
    ended_prematurely = fields.Boolean(
        related="end_reason_id.premature", store=True, string="Ended Early"
    )
    key_moment_ids = fields.One2many(
        "mentoring.key.moment", "tandem_id", string="Key Moments", copy=False
    )
    key_moment_count = fields.Integer(compute="_compute_key_moment_count")
    description = fields.Html("Notes", groups=COORDINATOR)
    date_anonymized = fields.Date(
        "Anonymised On",
        readonly=True,
        copy=False,
        help="The notes, messages and attachments of this tandem were removed "
        "on this day, when the programme's retention period had ended.",
    )
    # Set in the same write as the stage (see write); writable, so that a
    # tandem taken over from paper keeps the day it really entered its phase.
    date_phase_entered = fields.Date(
        "In Phase Since",
        default=lambda self: self.env.company._mentoring_today(),
        copy=False,
        help="When the tandem entered its current phase.",
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
    def _default_stage(self, program=None):
        """The first stage the tandem's programme uses.

        :param program: the tandem's mentoring.program; without one, the
            ``default_program_id`` of the context or the programme a new tandem
            gets by default (see ``program_id``)
        :return: a mentoring.stage, the first one without a programme limit
            when no programme is known, empty when there is none
        """
        program = (
            program
            or self.env["mentoring.program"].browse(
                self.env.context.get("default_program_id")
            )
            or self.env["mentoring.mentor"]._default_program()
            or self.env["mentoring.program"]
        )
        return self.env["mentoring.stage"].search(self._stage_domain(program), limit=1)

    @api.model
    def _stage_domain(self, programs):
        """Domain of the stages that ``programs`` use: the stages without a
        programme limit and those limited to one of them."""
        if not programs:
            return [("program_ids", "=", False)]
        return ["|", ("program_ids", "=", False), ("program_ids", "in", programs.ids)]

    @api.model
    def _default_coordinator(self):
        # The user who creates the tandem, unless she cannot coordinate (the
        # superuser of a script or a scheduled action, a read-only user);
        # _check_coordinator checks her against the programme.
        user = self.env.user
        if user.active and user._has_group(COORDINATOR):
            return user
        return self.env["res.users"]

    @api.model
    def _coordinator_domain(self):
        return (
            "[('share', '=', False), ('groups_id', 'in', [%(coordinator)s]), "
            "'|', ('mentoring_program_ids', 'in', [program_id]), "
            "('groups_id', 'in', [%(admin)s])]"
            % {
                "coordinator": self.env.ref(COORDINATOR).id,
                "admin": self.env.ref(ADMIN).id,
            }
        )

    def _activity_user(self):
        """The user the tandem's reminders and plan activities go to: its
        coordinator while she may read the tandem's names (she might have
        been archived or have left the programme in the meantime), else
        nobody; see res.users._mentoring_can_coordinate."""
        self.ensure_one()
        coordinator = self.coordinator_id
        if coordinator and coordinator._mentoring_can_coordinate(self.program_id):
            return coordinator
        return self.env["res.users"]

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

    @api.depends("key_moment_ids")
    def _compute_key_moment_count(self):
        # The key moments the user may read, as the form's list shows them.
        for tandem in self:
            tandem.key_moment_count = len(tandem.key_moment_ids)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """The board's columns, also the empty ones: the stages of the
        programme given in the context; without one (the board opened
        through the menu), the stages of every programme the user may read,
        i.e. of the programmes whose tandems she sees (a coordinator: those
        she coordinates). A coordinator of two programmes thus sees the
        columns of both, empty ones too, so that she can create a tandem of
        either in its first stage; a column limited to one programme refuses
        the tandems of the other (``_check_stage_program``). In one query:
        the readable programmes are a sub-query."""
        programs = self.env["mentoring.program"].browse(
            self.env.context.get("default_program_id")
        )
        if programs:
            stage_domain = self._stage_domain(programs)
        else:
            stage_domain = [
                "|",
                ("program_ids", "=", False),
                ("program_ids", "in", self.env["mentoring.program"]._search([])),
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

    @api.constrains("coordinator_id", "program_id")
    def _check_coordinator(self):
        for tandem in self:
            coordinator = tandem.coordinator_id
            if coordinator and not coordinator._mentoring_can_coordinate(
                tandem.program_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot coordinate tandems of %(program)s: "
                        "choose one of the programme's coordinators (Programme "
                        "→ Coordinators) or an administrator of "
                        "QualitätsMENTOR. The tandem's reminders and activities "
                        "go to its coordinator and show the names of mentor and "
                        "mentee.",
                        user=coordinator.name,
                        program=tandem.program_id.name,
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

    @api.constrains("stage_id", "program_id")
    def _check_stage_program(self):
        for tandem in self:
            # As superuser: a stage's programmes count also where the user
            # may not read them.
            stage = tandem.sudo().stage_id
            if stage.program_ids and tandem.program_id not in stage.program_ids:
                raise ValidationError(
                    self.env._(
                        "The stage %(stage)s is not used by the programme "
                        "%(program)s: it is limited to %(programs)s. Move the "
                        "tandem to a stage of its programme.",
                        stage=stage.name,
                        program=tandem.program_id.name,
                        programs=", ".join(stage.program_ids.mapped("name")),
                    )
                )

    @api.onchange("program_id")
    def _onchange_program_id_stage(self):
        # A stage the new programme does not use gives way to its first one.
        stage = self.sudo().stage_id
        if stage.program_ids and self.program_id not in stage.program_ids:
            self.stage_id = self._default_stage(self.program_id)

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
                        end=format_date(self.env, tandem.date_ended),
                        start=format_date(self.env, start),
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
                        "one month after the match: the programme asks mentors "
                        "for a commitment of at least one month.",
                        name=tandem.name,
                    )
                    if months == 1
                    else self.env._(
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
            if "stage_id" not in vals and not self.env.context.get("default_stage_id"):
                # The default stage is that of the tandem's own programme.
                program = self.env["mentoring.program"].browse(vals["program_id"])
                vals["stage_id"] = self._default_stage(program).id
        tandems = super().create(vals_list)
        # A tandem created directly in a later phase meets its requirements too.
        tandems._check_gates()
        tandems._fill_phase_dates()
        tandems._launch_stage_plans()
        tandems.sudo().mentor_id._follow_tandems()
        tandems.sudo().mentee_id._follow_tandems()
        return tandems

    def write(self, vals):
        if "program_id" in vals and not vals["program_id"]:
            raise ValidationError(
                self.env._("A tandem needs a programme. Choose one first.")
            )
        following = PEOPLE_FOLLOW.intersection(vals)
        if following:
            mentors, mentees = self.sudo().mentor_id, self.sudo().mentee_id
        if "stage_id" in vals:
            result = self._write_stage(vals)
        else:
            result = super().write(vals)
        if following:
            # The status of mentor and mentee follows (issue 13, item 3).
            (mentors | self.sudo().mentor_id)._follow_tandems()
            (mentees | self.sudo().mentee_id)._follow_tandems()
        return result

    def _write_stage(self, vals):
        """The write of a new stage, with the dates of entering a phase and
        its gates."""
        old_stages = {tandem: tandem.stage_id for tandem in self}
        new_phase = self.env["mentoring.stage"].browse(vals["stage_id"]).phase
        entering = self.filtered(lambda t: t.phase != new_phase)
        # The dates of entering a phase go into the same write as the stage:
        # one write per set of tandems that receive the same dates.
        writes = {}
        for tandem in self:
            dates = (
                tandem._phase_entry_dates(new_phase, vals) if tandem in entering else {}
            )
            key = tuple(sorted(dates.items()))
            writes[key] = writes.get(key, self.browse()) | tandem
        for dates, tandems in writes.items():
            super(MentoringTandem, tandems).write({**vals, **dict(dates)})
        # Checked after the write, so that what the same save fills in (an end
        # reason with the move to closure) counts; a refusal rolls it all back.
        entering._check_gates()
        self.filtered(lambda t: t.stage_id != old_stages[t])._launch_stage_plans()
        return True

    def _phase_entry_dates(self, phase, vals):
        """The dates a tandem receives when it enters ``phase`` (a key of
        mentoring.stage's ``phase``): the day it entered the phase; a tandem
        entering matching is matched and one entering accompaniment starts on
        that day, unless the dates are known already or given in ``vals``.

        :return: {field name: date}, dates as the organisation's local day
        """
        self.ensure_one()
        today = self.company_id._mentoring_today()
        dates = {"date_phase_entered": today}
        if phase in CONTACT_PHASES and not self.date_matched:
            dates["date_matched"] = today
        if phase == "accompaniment" and not self.date_started:
            dates["date_started"] = today
        return {name: day for name, day in dates.items() if name not in vals}

    def _fill_phase_dates(self):
        """A new tandem created in matching is matched today, one created in
        accompaniment starts today, unless the dates are known already."""
        for tandem in self:
            dates = tandem._phase_entry_dates(tandem.phase, {})
            dates.pop("date_phase_entered")
            if dates:
                tandem.write(dates)

    def action_open_key_moments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qualitaetsmentor.mentoring_key_moment_action"
        )
        action["domain"] = [("tandem_id", "=", self.id)]
        action["context"] = {"default_tandem_id": self.id}
        return action

    def _filter_running(self):
        """The tandems that still run: not archived, not closed."""
        return self.filtered(
            lambda tandem: tandem.active and tandem.phase in RUNNING_PHASES
        )

    def action_end_tandem(self):
        """Open the dialog “End Tandem” (end date, reason, closing talks).

        :return: the dialog as a window action
        """
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("End Tandem"),
            "res_model": "mentoring.tandem.end",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_tandem_id": self.id},
        }

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
