from datetime import date, timedelta

from odoo import fields

from .common import MentoringCase


class TestKeyMoment(MentoringCase):
    def test_key_moment_is_noted_on_the_tandem_chatter(self):
        self._moment(
            self.tandem_a, "check_in", date(2026, 4, 2), summary="Zoo visit went well"
        )
        note = self.tandem_a.message_ids[:1]
        self.assertIn("Zoo visit went well", note.body)
        self.assertIn("Check-in", note.body)
        # An internal note: nothing is e-mailed to followers.
        self.assertTrue(note.subtype_id.internal)

    def test_confidential_key_moment_keeps_its_summary_off_the_chatter(self):
        self._moment(
            self.tandem_a,
            "conflict",
            date(2026, 4, 2),
            summary="Father shouted at mentor",
            confidential=True,
        )
        note = self.tandem_a.message_ids[:1]
        self.assertIn("Confidential key moment", note.body)
        self.assertNotIn("Father shouted", note.body)

    def test_key_moment_in_the_future_is_refused(self):
        tomorrow = fields.Date.context_today(self.env.user) + timedelta(days=1)
        count = self.env["mentoring.key.moment"].search_count([])
        with self.assertRefused("in the future"):
            self._moment(self.tandem_a, "check_in", tomorrow)
        self.assertEqual(self.env["mentoring.key.moment"].search_count([]), count)

    def test_author_defaults_to_the_current_user(self):
        moment = (
            self.env["mentoring.key.moment"]
            .with_user(self.coordinator_a)
            .create(
                {
                    "tandem_id": self.tandem_a.id,
                    "type_id": self.types["check_in"].id,
                    "summary": "Phone call",
                }
            )
        )
        self.assertEqual(moment.author_id, self.coordinator_a)
        self.assertEqual(moment.program_id, self.program_a)
