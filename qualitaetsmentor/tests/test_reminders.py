import math
from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from ..models import mentoring_tandem_reminder
from ..models.mentoring_tandem import RUNNING_PHASES
from .common import MentoringCase


class TestReminders(MentoringCase):
    """The daily scheduled action gives the coordinator one activity per thing
    due, never twice; a key moment that fulfils it marks it done. Entering a
    stage launches its activity plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_types = cls._refs(
            "mail_activity_type_",
            "contact",
            "feedback",
            "police_clearance",
            "getting_to_know",
        )

    def _reminders(self, tandem, kind):
        return tandem.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_types[kind]
        )

    def _run_cron(self, day):
        with freeze_time(day):
            self.env["mentoring.tandem"]._cron_monitor_quality()

    def _reminded_first_on(self, kind, day):
        """Runs the scheduled action the day before ``day``, which must not
        remind tandem A of ``kind`` yet, and on ``day``; gives the reminders
        of ``kind`` then."""
        self._run_cron(str(date.fromisoformat(day) - timedelta(days=1)))
        self.assertFalse(self._reminders(self.tandem_a, kind))
        self._run_cron(day)
        return self._reminders(self.tandem_a, kind)

    def test_matching_stage_launches_its_plan_for_the_coordinator(self):
        with freeze_time("2026-03-01"):
            tandem = self._new_pair("Paula Plan", "Paul Plan", "matching")
        getting_to_know = self._reminders(tandem, "getting_to_know")
        first_contact = self._reminders(tandem, "contact")
        self.assertEqual(getting_to_know.date_deadline, date(2026, 3, 8))
        self.assertEqual(first_contact.date_deadline, date(2026, 3, 15))
        self.assertEqual((getting_to_know | first_contact).user_id, self.coordinator_a)
        self.assertIn(
            "has been started",
            " ".join(tandem.message_ids.mapped("body")),
        )
        # Documenting the meeting fulfils the first activity.
        self._moment(tandem, "getting_to_know", date(2026, 3, 1))
        self.assertFalse(self._reminders(tandem, "getting_to_know"))

    def test_stage_without_plan_launches_nothing(self):
        self.stages["matching"].activity_plan_id = False
        tandem = self._tandem(
            self.program_a,
            self._mentor(self.program_a, "Otto Ohne"),
            self._mentee(self.program_a, "Olga Ohne"),
            self.coordinator_a,
            phase="matching",
        )
        self.assertFalse(tandem.activity_ids)

    def test_contact_reminder_once_and_marked_done_by_a_contact(self):
        self.tandem_a.activity_ids.unlink()
        # Next contact due on 2026-04-01: reminded a week ahead, not earlier.
        reminder = self._reminded_first_on("contact", "2026-03-25")
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.date_deadline, date(2026, 4, 1))
        self.assertEqual(reminder.user_id, self.coordinator_a)
        self._run_cron("2026-03-26")
        self.assertEqual(self._reminders(self.tandem_a, "contact"), reminder)
        # A talk documented from before the match does not fulfil it ...
        with freeze_time("2026-03-26"):
            self._moment(self.tandem_a, "check_in", date(2026, 2, 20))
        self.assertTrue(reminder.exists())
        # ... a contact now does.
        with freeze_time("2026-03-26"):
            self._moment(self.tandem_a, "check_in", date(2026, 3, 26))
        self.assertFalse(reminder.exists())
        done = self.tandem_a.message_ids.filtered(
            lambda m: m.mail_activity_type_id == self.activity_types["contact"]
        )
        self.assertIn("Fulfilled by a documented key moment", done.body)

    def test_feedback_and_police_clearance_reminders(self):
        self.tandem_a.activity_ids.unlink()
        # The first feedback talk is due on 2026-04-12, reminded two weeks ahead.
        feedback = self._reminded_first_on("feedback", "2026-03-29")
        self.assertEqual(feedback.date_deadline, date(2026, 4, 12))
        with freeze_time("2026-04-10"):
            self._moment(self.tandem_a, "feedback", date(2026, 4, 10))
        self.assertFalse(feedback.exists())
        # The police clearance inspected on 2026-01-20 expires on 2031-01-20.
        clearance = self._reminded_first_on("police_clearance", "2030-10-20")
        self.assertEqual(clearance.date_deadline, date(2031, 1, 20))
        with freeze_time("2030-11-02"):
            self.tandem_a.mentor_id.police_clearance_date = date(2030, 11, 2)
        self.assertFalse(clearance.exists())

    def test_cron_twice_creates_no_duplicates(self):
        tandems = self.tandem_a | self.tandem_b
        tandems.activity_ids.unlink()
        self._run_cron("2030-12-01")
        first = tandems.activity_ids
        # Contact, feedback talk and police clearance are due for both.
        self.assertEqual(len(first), 6)
        self._run_cron("2030-12-01")
        self._run_cron("2030-12-02")
        self.assertEqual(tandems.activity_ids, first)

    def test_cron_worker_commits_each_batch_and_reports_progress(self):
        """Run by the cron worker, the monitoring commits after each batch
        of tandems (their rows stay locked for a batch, not for the whole
        run: issue 17) and reports its progress to Odoo; every running
        tandem is monitored all the same, and called outside the cron it
        commits nothing."""
        tandems = self.tandem_a | self.tandem_b
        tandems.activity_ids.unlink()
        cron = self.env.ref("qualitaetsmentor.ir_cron_monitor_quality")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        running = self.env["mentoring.tandem"].search_count(
            [("phase", "in", RUNNING_PHASES)]
        )
        self.assertGreater(running, 2)
        monitoring = self.env["mentoring.tandem"].with_context(
            cron_id=cron.id, ir_cron_progress_id=progress.id
        )
        with (
            patch.object(mentoring_tandem_reminder, "MONITORING_BATCH", 2),
            patch.object(self.env.cr, "commit") as commit,
            freeze_time("2030-12-01"),
        ):
            monitoring._cron_monitor_quality()
            self.assertEqual(commit.call_count, math.ceil(running / 2))
            self.assertEqual((progress.done, progress.remaining), (running, 0))
            # Contact, feedback talk and police clearance for both.
            self.assertEqual(len(tandems.activity_ids), 6)
            commit.reset_mock()
            self.env["mentoring.tandem"]._cron_monitor_quality()
            self.assertFalse(commit.called)
        self.assertEqual(len(tandems.activity_ids), 6)

    def test_closed_tandem_gets_no_reminder(self):
        self._close(self.tandem_a, date(2026, 3, 20))
        self.tandem_a.activity_ids.unlink()
        self._run_cron("2026-04-10")
        self.assertFalse(self.tandem_a.activity_ids)

    def test_reminders_send_no_email(self):
        self.tandem_a.activity_ids.unlink()
        # Not counted: the feedback surveys the same run sends to the demo's
        # mentors (issue 15; their e-mails name nobody but the addressee,
        # test_survey_feedback).
        not_surveys = [("model", "!=", "survey.user_input")]
        mails_before = self.env["mail.mail"].search_count(not_surveys)
        self._run_cron("2026-03-29")
        self.assertTrue(self.tandem_a.activity_ids)
        # Names of mentor and mentee stay out of e-mails.
        self.assertEqual(self.env["mail.mail"].search_count(not_surveys), mails_before)

    def test_stage_plan_sends_no_email(self):
        # Launched by someone else than the coordinator: Odoo's launcher would
        # e-mail her the activities, with the names of mentor and mentee.
        mails_before = self.env["mail.mail"].search_count([])
        tandem = self._new_pair("Erna Ohnemail", "Egon Ohnemail", "preparation")
        tandem.with_user(self.admin).stage_id = self.stages["matching"]
        self.assertEqual(len(tandem.activity_ids), 2)
        self.assertEqual(tandem.activity_ids.user_id, self.coordinator_a)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails_before)
