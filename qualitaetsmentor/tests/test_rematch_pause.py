from datetime import date

from .common import MentoringCase


class TestRematchPause(MentoringCase):
    """A mentor or mentee whose Patenschaft ended waits the programme's pause
    (28 days by default) before a new tandem enters matching."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Ended on 2026-03-31 through the gates (closing talk, reason).
        cls.first = cls._new_pair("Greta Erst", "Gustav Erst", "closure")
        cls.new_mentee = cls._mentee(cls.program_a, "Mila Neu")

    def _rematch(self, matched, mentor=None, mentee=None, stage="matching"):
        return self.env["mentoring.tandem"].create(
            {
                "program_id": self.program_a.id,
                "mentor_id": (mentor or self.first.mentor_id).id,
                "mentee_id": (mentee or self.new_mentee).id,
                "coordinator_id": self.coordinator_a.id,
                "stage_id": self.stages[stage].id,
                "date_matched": matched,
            }
        )

    def _open_codes(self, tandem, phase):
        return [
            req.code for req in tandem._get_requirements(phase)[tandem] if req.is_open
        ]

    def test_mentor_waits_the_pause_to_the_day(self):
        self.assertEqual(self.program_a.rematch_pause_days, 28)
        with self.assertRefused(
            "Pause of 28 days after the last Patenschaft of Greta Erst (ended on"
        ):
            self._rematch(date(2026, 4, 27))
        self.assertEqual(self._rematch(date(2026, 4, 28)).phase, "matching")

    def test_mentee_waits_as_well(self):
        with self.assertRefused("last Patenschaft of Gustav Erst"):
            self._rematch(
                date(2026, 4, 10),
                mentor=self._mentor(self.program_a, "Hanna Neu"),
                mentee=self.first.mentee_id,
            )

    def test_before_the_match_the_pause_runs_until_today(self):
        today = self.env.company._mentoring_today()
        self._close(self.tandem_a, on=today)
        waiting = self._rematch(False, mentor=self.mentor_a, stage="preparation")
        self.assertIn("rematch_pause", self._open_codes(waiting, "matching"))
        # The stored count on the board knows it too.
        self.assertIn("Pause of 28 days", waiting.requirement_checklist)
        self.assertTrue(waiting.open_requirement_count)

    def test_stored_count_follows_an_ending_of_another_tandem(self):
        waiting = self._rematch(False, mentor=self.mentor_a, stage="preparation")
        before = waiting.open_requirement_count
        today = self.env.company._mentoring_today()
        self._close(self.tandem_a, on=today)
        self.env.flush_all()
        self.assertEqual(waiting.open_requirement_count, before + 1)

    def test_no_pause_where_the_programme_sets_none(self):
        self.program_a.rematch_pause_days = 0
        self.assertEqual(self._rematch(date(2026, 4, 1)).phase, "matching")

    def test_administrator_waives_the_pause(self):
        waiting = self._rematch(date(2026, 4, 1), stage="preparation")
        self._waive(waiting, "rematch_pause")
        waiting.stage_id = self.stages["matching"]
        self.assertEqual(waiting.phase, "matching")

    def test_an_ending_after_the_match_is_no_reason_to_wait(self):
        # Matched while her first tandem still ran; it ended on 2026-03-31.
        parallel = self._rematch(date(2026, 3, 15))
        self.assertNotIn("rematch_pause", self._open_codes(parallel, "accompaniment"))
