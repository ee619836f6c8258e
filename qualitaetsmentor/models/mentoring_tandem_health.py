"""Health of a tandem: when the coordinator was last and must next be in
touch, when the next feedback talk is due, whether the police clearance
expires, and what follows from it for the coordinator's next steps.

The rules follow the monitoring standards in doc/domain.md: contact within
the programme's days after the match, the programme's number of contacts in
the first month, then one per interval; feedback talks after the
getting-to-know phase and after 6 and 12 months (MENTOR's Elements of
Effective Practice, Monitoring and Support); the extended police clearance
renewed before it expires (§ 72a SGB VIII).
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import format_date

from .mentoring_tandem import CONTACT_PHASES, RUNNING_PHASES

# Critical first: the start page shows its columns in this order.
HEALTH = [("critical", "Critical"), ("attention", "Attention"), ("ok", "OK")]
# A feedback talk is due this many days before its date.
FEEDBACK_NOTICE_DAYS = 14
# A police clearance expiring within this many months needs renewing.
CLEARANCE_NOTICE_MONTHS = 3
# A contact or feedback talk late by more than this many days is critical.
ESCALATION_DAYS = 14
# The board's filters "No Contact for 30 Days", "Feedback Talk within 30 Days".
RECENT_CONTACT_DAYS = 30
FEEDBACK_SOON_DAYS = 30
# A planned end within this many weeks is time to prepare the closing talk.
PLANNED_END_NOTICE_WEEKS = 4


# The tandem is split by concern on purpose, as Odoo core splits its large
# models (account_journal_dashboard.py): one class per concern file.
# pylint: disable=consider-merging-classes-inherited
class MentoringTandem(models.Model):
    _inherit = "mentoring.tandem"

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
    is_talk_requested = fields.Boolean(
        "Asks for a Talk",
        compute="_compute_contact_dates",
        store=True,
        help="The mentor or the family asked for a talk, the mentor rated a "
        "reported meeting 1 or 2, or a feedback survey came back low or "
        "alarming, and the coordinator documented no contact of her own since.",
    )
    feedback_held_until = fields.Date(
        "Feedback Talks Held Until",
        readonly=True,
        copy=False,
        help="For a tandem taken over from paper records: the feedback talks "
        "its programme scheduled until this day count as held.",
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
    is_planned_end_passed = fields.Boolean(
        "Planned End Passed",
        compute="_compute_health",
        store=True,
        help="The tandem runs past its planned end: end it or agree a new end.",
    )
    is_planned_end_near = fields.Boolean(
        "Planned End Soon",
        compute="_compute_health",
        store=True,
        help="The planned end lies within the next four weeks: prepare the "
        "closing talk.",
    )

    @api.depends(
        "key_moment_ids.date",
        "key_moment_ids.type_id",
        "key_moment_ids.source",
        "key_moment_ids.talk_requested",
        "key_moment_ids.mentor_rating",
        "key_moment_ids.survey_alarm",
        "date_matched",
        "phase",
        "program_id.portal_report_counts_as_contact",
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
                tandem_domain + moments._contact_domain(),
                ["tandem_id"],
                ["date:array_agg"],
            )
        )
        last_conflicts = last_date([("type_id.is_conflict", "=", True)])
        last_others = last_date([("type_id.is_conflict", "=", False)])
        # A mentor who asks for a talk or reports a bad meeting waits for the
        # coordinator's own contact (issue 15, item 3).
        last_alarms = last_date(
            [
                ("source", "=", "portal"),
                "|",
                "|",
                ("talk_requested", "=", True),
                ("mentor_rating", "in", ("1", "2")),
                ("survey_alarm", "=", True),
            ]
        )
        last_own_contacts = last_date(
            [("source", "=", "coordinator"), ("type_id.counts_as_contact", "=", True)]
        )
        for tandem in self:
            alarm = last_alarms.get(tandem)
            own_contact = last_own_contacts.get(tandem)
            tandem.is_talk_requested = bool(
                alarm and (not own_contact or own_contact < alarm)
            )
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
        "key_moment_ids.survey_first_of_point",
        "date_matched",
        "phase",
        "feedback_held_until",
        "program_id.survey_fulfils_feedback_talk",
        "program_id.feedback_first_days",
        "program_id.feedback_second_months",
        "program_id.feedback_third_months",
    )
    def _compute_next_feedback_date(self):
        # Feedback talks held since the match, counted in one query; the next
        # one of the programme's schedule is due. A completed survey that
        # counts as the talk (programme setting) covers its own feedback
        # point, so that a talk and a survey of the same point, or the
        # mentor's and the family's answers, are not counted twice.
        moments = self.env["mentoring.key.moment"].sudo()
        ids = self.filtered("id").ids
        held = dict(
            moments._read_group(
                [("tandem_id", "in", ids), ("category", "=", "feedback")],
                ["tandem_id"],
                ["date:array_agg"],
            )
        )
        covered = dict(
            moments._read_group(
                [("tandem_id", "in", ids)] + moments._feedback_survey_talk_domain(),
                ["tandem_id"],
                ["survey_user_input_id:recordset"],
            )
        )
        for tandem in self:
            matched = tandem.date_matched
            if tandem.phase not in CONTACT_PHASES or not matched:
                tandem.next_feedback_date = False
                continue
            done = len([day for day in held.get(tandem) or [] if day >= matched])
            schedule = tandem._feedback_schedule()
            until = [tandem.feedback_held_until]
            if tandem in covered:
                # Taken over: the talks scheduled until then were held on
                # paper; a counting survey: its point was held.
                points = tandem._feedback_point_dates()
                until += [
                    points.get(point)
                    for point in covered[tandem].mapped("mentoring_feedback_point")
                ]
            until = max(filter(None, until), default=False)
            if until:
                done = max(done, len([day for day in schedule if day <= until]))
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
        "is_talk_requested",
        "date_phase_entered",
        "date_planned_end",
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
        # The organisation's local day, for the nightly run and a save alike.
        escalation = timedelta(days=ESCALATION_DAYS)
        days = self.company_id._mentoring_days()
        for tandem in self:
            today = days[tandem.company_id]
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
            planned_end = in_contact and tandem.date_planned_end
            tandem.is_planned_end_passed = bool(planned_end and planned_end < today)
            tandem.is_planned_end_near = bool(
                planned_end
                and today
                <= planned_end
                <= today + timedelta(weeks=PLANNED_END_NOTICE_WEEKS)
            )
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
                or (tandem.is_talk_requested and in_contact)
                or tandem.is_feedback_due
                or tandem.is_feedback_overdue
                or tandem.is_clearance_expiring
                or tandem.is_phase_overdue
                or tandem.is_planned_end_passed
                or tandem.is_planned_end_near
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

    @api.depends("last_contact_date")
    def _compute_days_since_last_contact(self):
        days = self.company_id._mentoring_days()
        for tandem in self:
            today = days[tandem.company_id]
            tandem.days_since_last_contact = (
                (today - tandem.last_contact_date).days
                if tandem.last_contact_date
                else 0
            )

    def _get_next_steps(self, requirements):
        """What the coordinator does next, in the order it matters.

        :param requirements: the tandem's [Requirement] of the phase it works
            towards (``_get_requirements_for_checklist``)
        :return: list of sentences in the user's language, dates formatted
            for her; at least one
        """
        self.ensure_one()
        _ = self.env._
        if self.phase not in RUNNING_PHASES:
            # A closed tandem: nobody keeps in contact with it any more.
            return [_("The tandem has ended: nothing is due.")]
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
        if self.is_talk_requested and self.phase in CONTACT_PHASES:
            steps.append(
                _(
                    "The mentor asked for a talk or reported a difficult "
                    "meeting: get in touch and document the contact as a key "
                    "moment."
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
        if self.is_planned_end_passed:
            steps.append(
                _(
                    "The planned end (%(date)s) has passed: end the tandem with "
                    "its closing talk, or agree a new end and enter it.",
                    date=format_date(self.env, self.date_planned_end),
                )
            )
        elif self.is_planned_end_near:
            steps.append(
                _(
                    "The planned end is on %(date)s: prepare the closing talk.",
                    date=format_date(self.env, self.date_planned_end),
                )
            )
        if not steps:
            steps.append(_("Nothing is due. Keep in touch as usual."))
        return steps


class MentoringTandemDueToday(models.Model):
    """The search filters that compare with "today" ("Check-in Due", "No
    Contact for 30 Days", "Feedback Talk within 30 Days"), evaluated on the
    server with the organisation's local day: the same day as the card's
    health, wherever the coordinator sits
    (doc/domain.md, Monitoring and support)."""

    _inherit = "mentoring.tandem"

    is_checkin_due = fields.Boolean(
        "Check-in Due",
        compute="_compute_due_today",
        search="_search_is_checkin_due",
        help="The next check-in is due today or was due earlier.",
    )
    is_without_recent_contact = fields.Boolean(
        "No Contact for 30 Days",
        compute="_compute_due_today",
        search="_search_is_without_recent_contact",
        help="In matching or accompaniment, and no documented contact for 30 "
        "days or more",
    )
    is_feedback_soon = fields.Boolean(
        "Feedback Talk within 30 Days",
        compute="_compute_due_today",
        search="_search_is_feedback_soon",
    )

    @staticmethod
    def _checkin_due_domain(day):
        return [("next_checkin_date", "<=", day)]

    @staticmethod
    def _without_recent_contact_domain(day):
        return [
            ("phase", "in", ("matching", "accompaniment")),
            "|",
            ("last_contact_date", "=", False),
            ("last_contact_date", "<=", day - timedelta(days=RECENT_CONTACT_DAYS)),
        ]

    @staticmethod
    def _feedback_soon_domain(day):
        return [
            ("next_feedback_date", "!=", False),
            ("next_feedback_date", "<=", day + timedelta(days=FEEDBACK_SOON_DAYS)),
        ]

    @api.depends(
        "phase", "next_checkin_date", "last_contact_date", "next_feedback_date"
    )
    def _compute_due_today(self):
        days = self.company_id._mentoring_days()
        for tandem in self:
            day = days[tandem.company_id]
            tandem.is_checkin_due = bool(
                tandem.filtered_domain(self._checkin_due_domain(day))
            )
            tandem.is_without_recent_contact = bool(
                tandem.filtered_domain(self._without_recent_contact_domain(day))
            )
            tandem.is_feedback_soon = bool(
                tandem.filtered_domain(self._feedback_soon_domain(day))
            )

    def _search_is_checkin_due(self, operator, value):
        return self.env["res.company"]._mentoring_day_search(
            self._checkin_due_domain, operator, value
        )

    def _search_is_without_recent_contact(self, operator, value):
        return self.env["res.company"]._mentoring_day_search(
            self._without_recent_contact_domain, operator, value
        )

    def _search_is_feedback_soon(self, operator, value):
        return self.env["res.company"]._mentoring_day_search(
            self._feedback_soon_domain, operator, value
        )
