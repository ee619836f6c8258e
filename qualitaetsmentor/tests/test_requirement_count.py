from freezegun import freeze_time

from .common import MentoringCase


class TestRequirementCount(MentoringCase):
    """Each card of the board shows how many requirements of the next phase
    are still open. The count is stored, so that the board reads it instead
    of checking every card's requirements: it follows what it depends on at
    once, and the calendar through the daily monitoring."""

    def test_count_follows_profiles_and_programme_settings(self):
        mentor = self._mentor(self.program_a, "Tara Ungeschult")
        mentor.training_date = False
        tandem = self._tandem(
            self.program_a,
            mentor,
            self._mentee(self.program_a, "Timo Wartend"),
            self.coordinator_a,
            phase="preparation",
        )
        self.assertEqual(tandem.open_requirement_count, 1)
        self.program_a.training_required = False
        self.assertEqual(tandem.open_requirement_count, 0)
        self.program_a.training_required = True
        mentor.consent_date = False
        self.assertEqual(tandem.open_requirement_count, 2)
        # Stored: the board can filter and sort on it in PostgreSQL.
        self.assertIn(
            tandem,
            self.env["mentoring.tandem"].search([("open_requirement_count", ">=", 2)]),
        )

    def test_expired_police_clearance_counts_after_the_daily_monitoring(self):
        # Inspected on 2026-01-20, the clearance is valid until 2031-01-20.
        self.assertEqual(self.tandem_a.open_requirement_count, 0)
        with freeze_time("2031-02-01"):
            self.env["mentoring.tandem"]._cron_monitor_quality()
            self.env.invalidate_all()
            self.assertEqual(self.tandem_a.open_requirement_count, 1)
