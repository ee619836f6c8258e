from datetime import date

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

    def _assert_count_is_current(self, tandem, step):
        """The stored count, read back from the database, equals the open
        requirements of a fresh check."""
        self.env.flush_all()
        self.env.invalidate_all()
        fresh = tandem._get_requirements_for_checklist()[tandem]
        self.assertEqual(
            tandem.open_requirement_count,
            sum(req.is_open for req in fresh),
            f"stale count after: {step}",
        )

    def test_count_follows_every_fact_a_requirement_reads(self):
        mentor = self._mentor(self.program_a, "Ulla Ungeprueft", screened=False)
        mentee = self._mentee(self.program_a, "Uwe Wartend", consenting=False)
        tandem = self._tandem(
            self.program_a, mentor, mentee, self.coordinator_a, phase="preparation"
        )
        self._assert_count_is_current(tandem, "creation")
        steps = [
            ("interview", lambda: mentor.write({"interview_date": date(2026, 2, 1)})),
            ("training", lambda: mentor.write({"training_date": date(2026, 2, 2)})),
            (
                "mentor consent",
                lambda: mentor.write({"consent_date": date(2026, 2, 1)}),
            ),
            (
                "police clearance",
                lambda: mentor.write({"police_clearance_date": date(2026, 2, 3)}),
            ),
            (
                "relevant entry",
                lambda: mentor.write({"police_clearance_relevant_entry": True}),
            ),
            (
                "no relevant entry",
                lambda: mentor.write({"police_clearance_relevant_entry": False}),
            ),
            (
                "mentee consent",
                lambda: mentee.write({"consent_date": date(2026, 2, 1)}),
            ),
            (
                "programme without training",
                lambda: self.program_a.write({"training_required": False}),
            ),
            (
                "programme without clearance",
                lambda: self.program_a.write({"police_clearance_required": False}),
            ),
            ("matched", lambda: tandem.write({"stage_id": self.stages["matching"].id})),
            (
                "getting-to-know meeting",
                lambda: self._moment(tandem, "getting_to_know", date(2026, 3, 8)),
            ),
            (
                "mentee withdraws consent",
                lambda: mentee.write({"consent_withdrawn_date": date(2026, 3, 9)}),
            ),
            ("waiver", lambda: self._waive(tandem, "getting_to_know")),
        ]
        for step, change in steps:
            change()
            self._assert_count_is_current(tandem, step)
