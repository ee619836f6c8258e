from datetime import date

from odoo.tests import Form

from .common import MentoringCase


class TestProfileStatus(MentoringCase):
    """Issue 13, item 3: the status of mentors and mentees follows their
    tandems; statuses set by hand stay."""

    def _pair(self, phase="preparation"):
        return self._new_pair("Paula Patin", "Pia Mentee", phase)

    def _move(self, tandem, phase, **values):
        tandem.write({"stage_id": self.stages[phase].id, **values})

    def test_match_makes_mentor_active_and_mentee_matched(self):
        tandem = self._pair()
        self.assertEqual(tandem.mentor_id.status, "ready")
        self.assertEqual(tandem.mentee_id.status, "waiting")
        self._move(tandem, "matching")
        self.assertEqual(tandem.mentor_id.status, "active")
        self.assertEqual(tandem.mentee_id.status, "matched")
        # The mentors ready for matching no longer list her.
        ready = self.env["mentoring.mentor"].search([("status", "=", "ready")])
        self.assertNotIn(tandem.mentor_id, ready)

    def test_tandem_created_in_accompaniment_makes_them_active(self):
        self.assertEqual(self.mentor_a.status, "active")
        self.assertEqual(self.mentee_a.status, "matched")

    def test_end_of_the_last_tandem_ends_mentor_and_mentee(self):
        self._close(self.tandem_a)
        self.assertEqual(self.mentor_a.status, "ended")
        self.assertEqual(self.mentee_a.status, "ended")
        self.assertTrue(self.mentor_a._has_left())

    def test_mentor_with_another_running_tandem_stays_active(self):
        other = self._tandem(
            self.program_a,
            self.mentor_a,
            self._mentee(self.program_a, "Ole Zweit"),
            self.coordinator_a,
        )
        self._close(self.tandem_a)
        self.assertEqual(self.mentor_a.status, "active")
        self.assertEqual(self.mentee_a.status, "ended")
        self._close(other)
        self.assertEqual(self.mentor_a.status, "ended")

    def test_archived_running_tandem_ends_them(self):
        self.tandem_a.active = False
        self.assertEqual(self.mentor_a.status, "ended")
        self.assertEqual(self.mentee_a.status, "ended")

    def test_tandem_back_before_the_match_makes_them_wait_again(self):
        tandem = self._pair("matching")
        self._move(tandem, "preparation")
        self.assertEqual(tandem.mentor_id.status, "ready")
        self.assertEqual(tandem.mentee_id.status, "waiting")

    def test_back_before_the_match_after_an_earlier_tandem_ended(self):
        # An earlier closed tandem does not make her "ended" while her new
        # tandem is back in preparation.
        self._close(self.tandem_a, on=date(2026, 4, 1))
        self.mentor_a.status = "ready"
        tandem = self._tandem(
            self.program_a,
            self.mentor_a,
            self._mentee(self.program_a, "Nele Neu"),
            self.coordinator_a,
            phase="preparation",
        )
        self._move(tandem, "matching", date_matched=date(2026, 7, 1))
        self.assertEqual(self.mentor_a.status, "active")
        self._move(tandem, "preparation")
        self.assertEqual(self.mentor_a.status, "ready")
        self.assertEqual(tandem.mentee_id.status, "waiting")

    def test_replaced_mentor_waits_again(self):
        tandem = self._pair("matching")
        first = tandem.mentor_id
        tandem.mentor_id = self._mentor(self.program_a, "Rita Ersatz")
        self.assertEqual(first.status, "ready")
        self.assertEqual(tandem.mentor_id.status, "active")

    def test_paused_mentor_stays_paused(self):
        tandem = self._pair()
        tandem.mentor_id.status = "paused"
        self._move(tandem, "matching")
        self.assertEqual(tandem.mentor_id.status, "paused")
        self._move(tandem, "preparation")
        self.assertEqual(tandem.mentor_id.status, "paused")

    def test_mentor_marked_ready_again_waits_for_a_new_tandem(self):
        self._close(self.tandem_a)
        self.mentor_a.with_user(self.coordinator_a).status = "ready"
        self.assertEqual(self.mentor_a.status, "ready")
        # The retention rules of a waiting mentor apply: she stays.
        self.assertTrue(self.mentor_a._waits_for_new_tandem(date(2026, 6, 30)))
        self.assertFalse(self.mentor_a._has_left())

    def test_mentee_back_on_the_waiting_list_waits_from_today(self):
        self._close(self.tandem_a)
        today = self.env.company._mentoring_today()
        self.mentee_a.with_user(self.coordinator_a).status = "waiting"
        self.assertEqual(self.mentee_a.waiting_since, today)
        self.assertTrue(self.mentee_a._waits_for_new_tandem(date(2026, 6, 30)))

    def test_status_changes_are_tracked_on_the_profile(self):
        self.env.cr.precommit.run()
        self._close(self.tandem_a)
        self.env.cr.precommit.run()
        tracked = self.mentee_a.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "status"
        )
        self.assertEqual(tracked[:1].new_value_char, "Tandem Ended")


class TestCreateTandemFromProfile(MentoringCase):
    """Issue 13, item 4: “Create Tandem” on a mentor's or mentee's form."""

    def test_create_tandem_from_a_mentor_and_from_a_mentee(self):
        mentor = self._mentor(self.program_a, "Nora Neu")
        mentee = self._mentee(self.program_a, "Nils Neu")
        for profile, field in ((mentor, "mentor_id"), (mentee, "mentee_id")):
            with self.subTest(profile=profile._name):
                action = profile.with_user(self.coordinator_a).action_create_tandem()
                self.assertEqual(action["res_model"], "mentoring.tandem")
                form = Form(
                    self.env["mentoring.tandem"]
                    .with_user(self.coordinator_a)
                    .with_context(**action["context"])
                )
                self.assertEqual(form.program_id, self.program_a)
                self.assertEqual(form[field], profile)
                self.assertEqual(form.coordinator_id, self.coordinator_a)
                tandem = form.save()
                self.assertEqual(tandem.phase, "recruitment")
