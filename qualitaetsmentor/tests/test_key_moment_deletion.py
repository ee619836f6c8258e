from datetime import date

from odoo.exceptions import AccessError, UserError

from .common import MentoringCase


class TestKeyMomentDeletion(MentoringCase):
    """Issue 13, item 1: coordinators correct key moments, only
    administrators delete them, with a reason that stays on the tandem."""

    def _getting_to_know(self, tandem):
        return tandem.key_moment_ids.filtered(lambda m: m.category == "getting_to_know")

    def _delete_as(self, user, moment, reason):
        wizard = (
            self.env["mentoring.key.moment.delete"]
            .with_user(user)
            .create({"key_moment_id": moment.id, "reason": reason})
        )
        return wizard.action_delete()

    def test_coordinator_cannot_delete_a_key_moment(self):
        moment = self._moment(self.tandem_a, "check_in", date(2026, 4, 2))
        with self.assertRaises(AccessError):
            moment.with_user(self.coordinator_a).unlink()
        with self.assertRaises(AccessError):
            self._delete_as(self.coordinator_a, moment, "Wrong tandem")
        self.assertTrue(moment.exists())

    def test_coordinator_still_corrects_type_date_and_confidential_flag(self):
        moment = self._moment(self.tandem_a, "check_in", date(2026, 4, 2))
        self.env.cr.precommit.run()
        moment.with_user(self.coordinator_a).write(
            {
                "type_id": self.types["milestone"].id,
                "date": date(2026, 4, 3),
                "confidential": True,
                "summary": "Corrected wording",
            }
        )
        self.assertEqual(moment.summary, "Corrected wording")
        self.assertEqual(moment.category, "milestone")

    def test_administrator_deletes_with_a_reason_that_stays_on_the_tandem(self):
        moment = self._moment(
            self.tandem_a,
            "check_in",
            date(2026, 4, 2),
            summary="Zoo visit went well",
            notes="<p>Emil fed the goats</p>",
        )
        action = self._delete_as(self.admin, moment, "Documented on the wrong tandem")
        self.assertFalse(moment.exists())
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("mentoring.tandem", self.tandem_a.id),
        )
        note = self.tandem_a.message_ids[:1]
        self.assertIn("Key moment deleted: Check-in on 04/02/2026", note.body)
        self.assertIn("Reason: Documented on the wrong tandem", note.body)
        self.assertTrue(note.subtype_id.internal)
        bodies = "".join(self.tandem_a.message_ids.mapped("body"))
        self.assertNotIn("Zoo visit", bodies)
        self.assertNotIn("goats", bodies)

    def test_administrator_cannot_delete_without_a_reason(self):
        moment = self._moment(self.tandem_a, "check_in", date(2026, 4, 2))
        with self.assertRaises(UserError) as refusal:
            moment.with_user(self.admin).unlink()
        self.assertIn("with a reason", str(refusal.exception))
        self.assertTrue(moment.exists())

    def test_deleted_getting_to_know_meeting_shows_on_checklist_and_card(self):
        tandem = self.tandem_a
        self.assertEqual(tandem.open_requirement_count, 0)
        self._delete_as(self.admin, self._getting_to_know(tandem), "Wrong date")
        # The tandem stays in accompaniment, and says what it lacks now.
        self.assertEqual(tandem.phase, "accompaniment")
        self.assertEqual(tandem.open_requirement_count, 1)
        self.assertRegex(
            tandem.with_user(self.coordinator_a).requirement_checklist,
            r'<li class="text-danger" data-requirement="getting_to_know"',
        )

    def test_a_reason_of_blanks_is_no_reason(self):
        moment = self._moment(self.tandem_a, "check_in", date(2026, 4, 2))
        with self.assertRaises(UserError):
            self._delete_as(self.admin, moment, "   ")
        self.assertTrue(moment.exists())
