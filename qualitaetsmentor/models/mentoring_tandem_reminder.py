"""Reminders of a tandem: the activities of a stage's activity plan, the
coordinator's reminders of what is due (a contact, a feedback talk, the
renewal of the police clearance) and the daily scheduled action that
recomputes the health and gives them.

No reminder sends an e-mail: its record name would carry the names of mentor
and mentee (doc/domain.md, Data protection).
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.tools import split_every

from .mentoring_tandem import CONTACT_PHASES, RUNNING_PHASES
from .mentoring_tandem_health import CLEARANCE_NOTICE_MONTHS, FEEDBACK_NOTICE_DAYS

# The reminder for a contact comes this many days before it is due.
CONTACT_NOTICE_DAYS = 7
# Tandems per transaction of the daily monitoring run by the cron worker.
MONITORING_BATCH = 200
# Reminder kinds and the activity types they are scheduled with.
REMINDER_TYPES = {
    "contact": "qualitaetsmentor.mail_activity_type_contact",
    "feedback": "qualitaetsmentor.mail_activity_type_feedback",
    "police_clearance": "qualitaetsmentor.mail_activity_type_police_clearance",
    "getting_to_know": "qualitaetsmentor.mail_activity_type_getting_to_know",
}


# The tandem is split by concern on purpose, as Odoo core splits its large
# models (account_journal_dashboard.py): one class per concern file.
# pylint: disable=consider-merging-classes-inherited
class MentoringTandem(models.Model):
    _inherit = "mentoring.tandem"

    def _plan_date(self):
        """The day the activities of the tandem's stage plan count from: the
        documented date of its phase (doc/domain.md, Monitoring and support),
        so that a tandem moved with a back-dated match gets the deadlines of
        its match, as its health counts them.

        :return: the match date in matching, the start date in accompaniment
            (each when known), otherwise today, the organisation's local day
        """
        self.ensure_one()
        documented = {
            "matching": self.date_matched,
            "accompaniment": self.date_started,
        }.get(self.phase)
        return documented or self.company_id._mentoring_today()

    def _launch_stage_plans(self):
        """Launch the activity plan of each tandem's stage through Odoo's plan
        launcher (mail.activity.schedule), the activities assigned to the
        tandem's coordinator (or, without one, to the user who moves it) and
        due from the phase's documented date (see ``_plan_date``).

        A tandem that enters a stage again gets no second copy of an open
        activity: a plan template whose activity type is already open on the
        tandem (from an earlier launch or a reminder) is skipped for it.
        """
        # Odoo's switch for automated activities (used by the demo data).
        if self.env.context.get("mail_activity_automation_skip"):
            return
        # Only where someone may take the activities (see _plan_user).
        planned = self.filtered(
            lambda tandem: tandem.stage_id.activity_plan_id and tandem._plan_user()
        )
        if not planned:
            return
        open_types = {}
        for res_id, activity_type in (
            self.env["mail.activity"]
            .sudo()
            ._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", planned.ids),
                    (
                        "activity_type_id",
                        "in",
                        planned.stage_id.activity_plan_id.template_ids.activity_type_id.ids,
                    ),
                ],
                ["res_id", "activity_type_id"],
            )
        ):
            open_types.setdefault(res_id, set()).add(activity_type.id)
        launches = planned.grouped(
            lambda tandem: (
                tandem.stage_id.activity_plan_id,
                tandem._plan_user(),
                tandem._plan_date(),
                frozenset(open_types.get(tandem.id, ())),
                # The launcher refuses records of several companies at once.
                tandem.company_id,
            )
        )
        # Odoo's launcher e-mails each assignee; the e-mail would carry the
        # tandem's name, i.e. the names of mentor and mentee: no e-mail.
        scheduler = self.env["mail.activity.schedule"].with_context(
            mail_activity_quick_update=True, active_model=self._name
        )
        for (
            plan,
            responsible,
            plan_date,
            skip_types,
            _company,
        ), tandems in launches.items():
            if not plan.template_ids.activity_type_id - self.env[
                "mail.activity.type"
            ].browse(skip_types):
                continue  # every activity of the plan is open already
            launcher = scheduler.with_context(
                mentoring_skip_activity_type_ids=list(skip_types)
            )
            # The launcher takes at most its batch size of records at once.
            for ids in split_every(scheduler._batch_size, tandems.ids, list):
                launcher.with_context(active_ids=ids).create(
                    {
                        "plan_id": plan.id,
                        "plan_on_demand_user_id": responsible.id,
                        "plan_date": plan_date,
                    }
                ).action_schedule_plan()

    def _plan_user(self):
        """Who the stage plan's activities go to: the coordinator, or without
        one who may take them (see _activity_user) the user who moves the
        tandem if she may, else nobody (the superuser of a script or a
        scheduled action): then no plan is launched."""
        self.ensure_one()
        user = self._activity_user()
        if not user and self.env.user._mentoring_can_coordinate(self.program_id):
            user = self.env.user
        return user

    def _due_reminders(self):
        """The things due now for each tandem: {tandem: {kind: deadline}}."""
        due = {}
        days = self.company_id._mentoring_days()
        for tandem in self:
            today = days[tandem.company_id]
            clearance_notice = today + relativedelta(months=CLEARANCE_NOTICE_MONTHS)
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
        activity of that kind is already on the tandem; an open one whose
        deadline is not the documented due date (e.g. a stage plan's contact
        activity, or a contact date moved by a back-dated key moment) is moved
        to it, so that activity and card say the same."""
        types = self._reminder_types()
        scheduled = {}
        for activity in (
            self.env["mail.activity"]
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "in", [t.id for t in types.values() if t]),
                ],
                ["res_id", "activity_type_id", "date_deadline"],
            )
        ):
            key = (activity.res_id, activity.activity_type_id.id)
            scheduled[key] = scheduled.get(key, activity.browse()) | activity
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        moves = {}
        for tandem, things in self._due_reminders().items():
            for kind, deadline in things.items():
                if not types[kind]:
                    continue
                open_ones = scheduled.get((tandem.id, types[kind].id))
                if open_ones:
                    wrong = open_ones.filtered(
                        lambda a, d=deadline: a.date_deadline != d
                    )
                    moves[deadline] = moves.get(deadline, wrong.browse()) | wrong
                    continue
                # Never to a user who cannot read the tandem's names or who
                # was archived: the reminder waits for the coordinator's
                # successor.
                if not tandem._activity_user():
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
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
        )
        for deadline, wrong in moves.items():
            if wrong:
                wrong.with_context(mail_activity_quick_update=True).write(
                    {"date_deadline": deadline}
                )
        # No e-mail about it: it would carry the names of mentor and mentee.
        return activities.create(vals_list)

    def _close_fulfilled_reminders(self, kinds, feedback):
        """Mark done, with ``feedback``, the reminders of ``kinds`` that are no
        longer due, e.g. because a key moment fulfilled them.

        Not through the mixin's ``activity_feedback``: that closes only
        automated activities, and the stage plan's activities of the same
        kind (created as Odoo's plan launcher creates them, not automated)
        are fulfilled by the same key moment.
        """
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
        coordinators of what is due.

        Run by the cron worker (``cron_id`` in the context, set by Odoo's
        ``ir.cron._run_job``), it commits after each batch of
        ``MONITORING_BATCH`` tandems and reports its progress: the tandems it
        updates stay locked for one batch, not for the whole run, so that a
        coordinator's change to one of them does not wait for the run and
        then fail with a serialization conflict (found by ``./qm load``,
        issue 17). A run cut short (a killed worker) keeps its committed
        batches; the next run, which Odoo starts since the job is still due,
        does everything again: recomputing is idempotent and an open reminder
        is never created twice. Called otherwise (tests, a shell), it works
        in the caller's transaction and commits nothing.

        :return: None
        """
        running = self.search([("phase", "in", RUNNING_PHASES)])
        if not self.env.context.get("cron_id"):
            running._monitor_quality()
            return
        done = 0
        for ids in split_every(MONITORING_BATCH, running.ids):
            self.browse(ids)._monitor_quality()
            done += len(ids)
            self.env["ir.cron"]._notify_progress(
                done=done, remaining=len(running) - done
            )
            # A batch done is kept; see the docstring.
            self.env.cr.commit()  # pylint: disable=invalid-commit
            self.env.invalidate_all()

    def _monitor_quality(self):
        self._recompute_health()
        return self._schedule_reminders()
