from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import MentoringCase


@freeze_time("2026-11-20 10:00:00")
class TestTakeover(MentoringCase):
    """Tandems that ran on paper come in with their history (issue 13, item
    10): phase since the start, next contact one interval after the last
    documented one, the paper reason logged on the tandem."""

    def _take_over(self, mentor=None, mentee=None, **values):
        mentor = mentor or self._mentor(self.program_a, "Paula Papier")
        mentee = mentee or self._mentee(self.program_a, "Pia Papier")
        return (
            self.env["mentoring.takeover"]
            .with_user(self.coordinator_a)
            .create(
                {
                    "program_id": self.program_a.id,
                    "mentor_id": mentor.id,
                    "mentee_id": mentee.id,
                    "phase": "accompaniment",
                    "date_matched": date(2026, 3, 1),
                    "date_started": date(2026, 3, 15),
                    **values,
                }
            )
        )

    def test_a_tandem_in_regular_contact_comes_in_as_ok(self):
        takeover = self._take_over(
            date_getting_to_know=date(2026, 3, 15),
            last_contact_date=date(2026, 11, 10),
            feedback_on_paper=True,
        )
        tandem = takeover.tandem_id
        self.assertEqual(tandem.phase, "accompaniment")
        self.assertEqual(tandem.coordinator_id, self.coordinator_a)
        self.assertEqual(tandem.date_phase_entered, date(2026, 3, 15), "not today")
        self.assertEqual(tandem.date_matched, date(2026, 3, 1))
        self.assertEqual(tandem.last_contact_date, date(2026, 11, 10))
        self.assertEqual(tandem.next_checkin_date, date(2026, 12, 10))
        # 42 days and six months after the match: held on paper.
        self.assertEqual(tandem.next_feedback_date, date(2027, 3, 1))
        self.assertEqual(tandem.health, "ok")
        self.assertFalse(tandem.is_contact_overdue or tandem.is_feedback_overdue)
        self.assertEqual(
            sorted(tandem.key_moment_ids.mapped("category")),
            ["check_in", "getting_to_know"],
        )
        notes = " ".join(tandem.message_ids.mapped("body"))
        self.assertIn("Taken over from the paper records by Anna Koordinatorin", notes)
        self.assertIn("Feedback talks due until 11/20/2026 waived", notes)
        self.assertIn("documented on paper before the introduction", notes)

    def test_the_last_feedback_talk_counts_for_the_earlier_ones(self):
        tandem = self._take_over(
            date_getting_to_know=date(2026, 3, 15),
            last_contact_date=date(2026, 11, 1),
            last_feedback_date=date(2026, 9, 3),
        ).tandem_id
        self.assertEqual(tandem.next_feedback_date, date(2027, 3, 1))
        self.assertFalse(tandem.is_feedback_overdue)

    def test_without_feedback_talks_they_are_overdue(self):
        tandem = self._take_over(
            date_getting_to_know=date(2026, 3, 15),
            last_contact_date=date(2026, 11, 10),
        ).tandem_id
        self.assertEqual(tandem.next_feedback_date, date(2026, 4, 12))
        self.assertTrue(tandem.is_feedback_overdue)

    def test_a_meeting_on_paper_is_logged_like_a_waiver(self):
        tandem = self._take_over(
            getting_to_know_on_paper=True, last_contact_date=date(2026, 11, 10)
        ).tandem_id
        waiver = tandem.sudo().waiver_ids
        self.assertEqual(waiver.requirement, "getting_to_know")
        self.assertEqual(waiver.reason, "documented on paper before the introduction")
        self.assertEqual(waiver.user_id, self.coordinator_a)
        self.assertIn(
            "Requirement waived by Anna Koordinatorin",
            " ".join(tandem.message_ids.mapped("body")),
        )
        self.assertEqual(tandem.date_phase_entered, date(2026, 3, 15))

    def test_the_paper_reason_is_given_only_while_taking_over(self):
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base"):
            self.env["mentoring.gate.waiver"].with_user(self.coordinator_a).create(
                {
                    "tandem_id": self.tandem_a.id,
                    "requirement": "getting_to_know",
                    "reason": "documented on paper before the introduction",
                }
            )

    def test_accompaniment_needs_the_meeting_or_the_reason(self):
        with self.assertRefused("give the date of the getting-to-know meeting"):
            self._take_over(last_contact_date=date(2026, 11, 10))
        self.assertFalse(
            self.env["mentoring.tandem"].search(
                [("mentor_id.name", "=", "Paula Papier")]
            )
        )

    def test_matching_enters_on_the_match(self):
        tandem = self._take_over(phase="matching", date_started=False).tandem_id
        self.assertEqual(tandem.phase, "matching")
        self.assertEqual(tandem.date_phase_entered, date(2026, 3, 1))
        self.assertFalse(tandem.activity_ids.filtered(lambda a: not a.automated))

    def test_dates_in_the_future_are_refused(self):
        tomorrow = self.env.company._mentoring_today() + timedelta(days=1)
        with self.assertRefused("lie in the past"):
            self._take_over(getting_to_know_on_paper=True, last_contact_date=tomorrow)

    def test_history_before_the_match_is_refused(self):
        with self.assertRefused("lie on or after the match (03/01/2026)"):
            self._take_over(
                getting_to_know_on_paper=True, last_contact_date=date(2025, 11, 30)
            )

    def test_profiles_of_another_programme_are_refused(self):
        with self.assertRefused("must belong to the programme Lesepaten Altona"):
            self._take_over(mentor=self.mentor_b, getting_to_know_on_paper=True)


@freeze_time("2026-11-20 10:00:00")
class TestPoliceClearanceIsNeverWaived(MentoringCase):
    """§ 72a SGB VIII: the extended police clearance of a programme that
    requires it is entered, or the tandem stays out of matching."""

    def _unscreened_mentor(self):
        mentor = self._mentor(self.program_a, "Ohne Zeugnis")
        mentor.police_clearance_date = False
        return mentor

    def test_not_at_the_take_over(self):
        self.assertTrue(self.program_a.police_clearance_required)
        with self.assertRefused("Valid extended police clearance of Ohne Zeugnis"):
            self.env["mentoring.takeover"].with_user(self.coordinator_a).create(
                {
                    "program_id": self.program_a.id,
                    "mentor_id": self._unscreened_mentor().id,
                    "mentee_id": self._mentee(self.program_a, "Mit Mentee").id,
                    "phase": "accompaniment",
                    "date_matched": date(2026, 3, 1),
                    "getting_to_know_on_paper": True,
                }
            )

    def test_not_by_an_administrator(self):
        self.assertNotIn(
            "mentor_police_clearance",
            dict(self.env["mentoring.gate.waiver"]._fields["requirement"].selection),
        )
        tandem = self._tandem(
            self.program_a,
            self._unscreened_mentor(),
            self._mentee(self.program_a, "Mit Mentee"),
            self.coordinator_a,
            phase="preparation",
        )
        with self.assertRaises(ValueError):
            self.env["mentoring.gate.waiver"].with_user(self.admin).create(
                {
                    "tandem_id": tandem.id,
                    "requirement": "mentor_police_clearance",
                    "reason": "Liegt im Büro",
                }
            )
        # A waiver recorded before the rule counts for nothing.
        self.env.cr.execute(
            "INSERT INTO mentoring_gate_waiver (tandem_id, requirement, reason, "
            "user_id, date) VALUES (%s, 'mentor_police_clearance', 'alt', %s, now())",
            (tandem.id, self.admin.id),
        )
        self.env.invalidate_all()
        with self.assertRefused("Valid extended police clearance of Ohne Zeugnis"):
            tandem.with_user(self.admin).write({"stage_id": self.stages["matching"].id})
