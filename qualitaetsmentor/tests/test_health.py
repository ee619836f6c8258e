from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command

from .common import MentoringCase


class TestHealth(MentoringCase):
    """Each monitoring rule at the edge of its interval. The programme "quiet"
    switches every rule off but the one under test."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quiet = cls.env["mentoring.program"].create(
            {
                "name": "Nur eine Regel",
                "coordinator_ids": [Command.link(cls.coordinator_a.id)],
                "contact_interval_days": 3650,
                "first_contact_days": 3650,
                "first_month_contacts": 0,
                "feedback_first_days": 0,
                "feedback_second_months": 0,
                "feedback_third_months": 0,
                "police_clearance_required": False,
                "max_days_matching": 0,
                "max_days_accompaniment": 0,
            }
        )
        cls.tandem_q = cls._new_pair(
            "Quentin Mentor", "Quirin Mentee", program=cls.quiet
        )

    def _health_on(self, day, tandem=None):
        tandem = tandem or self.tandem_q
        with freeze_time(day):
            tandem._recompute_health()
        return tandem.health

    def assertHealthTurns(self, day, health, next_health, tandem=None):
        """The tandem's health is ``health`` on ``day`` and ``next_health``
        the day after."""
        self.assertEqual(self._health_on(day, tandem), health)
        next_day = str(date.fromisoformat(day) + timedelta(days=1))
        self.assertEqual(self._health_on(next_day, tandem), next_health)

    def test_quiet_programme_is_ok(self):
        self.assertEqual(self._health_on("2027-06-01"), "ok")

    def test_first_contact_within_fourteen_days_of_the_match(self):
        tandem = self._new_pair("Frida Erst", "Fritz Erst", "matching")
        self.assertEqual(tandem.next_checkin_date, date(2026, 3, 15))
        self.assertEqual(self._health_on("2026-03-15", tandem), "ok")
        self.assertFalse(tandem.is_contact_overdue)
        self.assertEqual(self._health_on("2026-03-16", tandem), "attention")
        self.assertTrue(tandem.is_contact_overdue)
        self.program_a.first_contact_days = 7
        self.assertEqual(tandem.next_checkin_date, date(2026, 3, 8))

    def test_two_contacts_in_the_first_month(self):
        self.quiet.write({"contact_interval_days": 30, "first_month_contacts": 2})
        # The getting-to-know meeting of 2026-03-08 is the first contact; the
        # second one is due when the first month ends.
        self.assertEqual(self.tandem_q.next_checkin_date, date(2026, 4, 1))
        self.assertHealthTurns("2026-04-01", "ok", "attention")
        self._moment(self.tandem_q, "check_in", date(2026, 3, 20))
        self.assertEqual(self.tandem_q.next_checkin_date, date(2026, 4, 19))
        self.assertEqual(self._health_on("2026-04-02"), "ok")

    def test_monthly_contact_then_critical_after_two_more_weeks(self):
        self.quiet.contact_interval_days = 30
        self._moment(self.tandem_q, "check_in", date(2026, 4, 2))
        self.assertEqual(self.tandem_q.next_checkin_date, date(2026, 5, 2))
        self.assertHealthTurns("2026-05-02", "ok", "attention")
        self.assertTrue(self.tandem_q.is_contact_overdue)
        self.assertHealthTurns("2026-05-16", "attention", "critical")
        found = self.env["mentoring.tandem"].search([("is_contact_overdue", "=", True)])
        self.assertIn(self.tandem_q, found)

    def test_feedback_talks_after_getting_to_know_and_six_months(self):
        self.quiet.write({"feedback_first_days": 42, "feedback_second_months": 6})
        # Matched on 2026-03-01: feedback talks due on 2026-04-12 and 2026-09-01.
        self.assertEqual(self.tandem_q.next_feedback_date, date(2026, 4, 12))
        self.assertHealthTurns("2026-03-28", "ok", "attention")
        self.assertTrue(self.tandem_q.is_feedback_due)
        self.assertEqual(self._health_on("2026-04-12"), "attention")
        self.assertFalse(self.tandem_q.is_feedback_overdue)
        self._health_on("2026-04-13")
        self.assertTrue(self.tandem_q.is_feedback_overdue)
        self.assertFalse(self.tandem_q.is_feedback_due)
        self.assertHealthTurns("2026-04-26", "attention", "critical")
        self._moment(self.tandem_q, "feedback", date(2026, 4, 20))
        self.assertEqual(self.tandem_q.next_feedback_date, date(2026, 9, 1))
        self.assertEqual(self._health_on("2026-04-27"), "ok")

    def test_open_conflict_is_critical_until_followed_up(self):
        self._moment(self.tandem_q, "conflict", date(2026, 4, 10))
        self.assertEqual(self._health_on("2026-04-10"), "critical")
        self._moment(self.tandem_q, "check_in", date(2026, 4, 11))
        self.assertEqual(self._health_on("2026-04-11"), "ok")

    def test_police_clearance_expiring_within_three_months_then_expired(self):
        self.quiet.police_clearance_required = True
        # Inspected on 2026-01-20: valid until 2031-01-20.
        self.assertEqual(
            self.tandem_q.mentor_id.police_clearance_valid_until, date(2031, 1, 20)
        )
        self.assertHealthTurns("2030-10-19", "ok", "attention")
        self.assertTrue(self.tandem_q.is_clearance_expiring)
        self.assertHealthTurns("2031-01-20", "attention", "critical")
        self.assertTrue(self.tandem_q.is_clearance_expired)
        self.assertFalse(self.tandem_q.is_clearance_expiring)
        # Its validity is a standard of the programme.
        self.quiet.police_clearance_validity_years = 3
        self.assertEqual(
            self.tandem_q.mentor_id.police_clearance_valid_until, date(2029, 1, 20)
        )

    def test_too_long_in_a_phase(self):
        self.quiet.max_days_accompaniment = 30
        # In accompaniment since 2026-03-08.
        self.assertHealthTurns("2026-04-07", "ok", "attention")
        self.assertTrue(self.tandem_q.is_phase_overdue)
        found = self.env["mentoring.tandem"].search([("is_phase_overdue", "=", True)])
        self.assertIn(self.tandem_q, found)

    def test_closed_tandem_is_ok(self):
        self._moment(self.tandem_q, "conflict", date(2026, 4, 10))
        self._close(self.tandem_q, date(2026, 4, 20))
        self.assertEqual(self._health_on("2026-04-21"), "ok")

    def test_scheduled_action_recomputes_every_running_tandem(self):
        self.quiet.contact_interval_days = 30
        self._moment(self.tandem_q, "check_in", date(2026, 4, 25))
        with freeze_time("2026-04-30"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
        self.assertEqual(self.tandem_q.health, "ok")
        with freeze_time("2026-06-09"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
        self.assertEqual(self.tandem_q.health, "critical")
        self.assertIn(
            self.tandem_q,
            self.env["mentoring.tandem"].search([("health", "=", "critical")]),
        )

    def test_planned_end_within_four_weeks_or_passed(self):
        """Issue 13, item 6: a planned end that lies within the next four
        weeks, or has passed, shows on the card and in the health reasons."""
        tandem = self.tandem_q
        tandem.date_planned_end = date(2027, 3, 31)
        self.assertEqual(self._health_on("2027-03-02"), "ok")
        self.assertFalse(tandem.is_planned_end_near)
        self.assertHealthTurns("2027-03-02", "ok", "attention")
        self.assertTrue(tandem.is_planned_end_near)
        self.assertFalse(tandem.is_planned_end_passed)
        with freeze_time("2027-03-03"):
            steps = tandem._get_next_steps([])
        self.assertIn(
            "The planned end is on 03/31/2027: prepare the closing talk.", steps
        )
        self.assertHealthTurns("2027-03-31", "attention", "attention")
        self.assertTrue(tandem.is_planned_end_passed)
        self.assertFalse(tandem.is_planned_end_near)
        with freeze_time("2027-04-01"):
            steps = tandem._get_next_steps([])
        self.assertIn(
            "The planned end (03/31/2027) has passed: end the tandem with its "
            "closing talk, or agree a new end and enter it.",
            steps,
        )
        found = self.env["mentoring.tandem"].search(
            [("is_planned_end_passed", "=", True)]
        )
        self.assertIn(tandem, found)
        # On the board's card and on the start page.
        for view in ("view_kanban", "view_kanban_overview"):
            arch = self.env.ref(f"qualitaetsmentor.mentoring_tandem_{view}").arch
            self.assertIn("is_planned_end_passed", arch)

    def test_a_closed_tandem_asks_for_no_contact(self):
        self._close(self.tandem_q)
        self.assertEqual(
            self.tandem_q._get_next_steps([]), ["The tandem has ended: nothing is due."]
        )
