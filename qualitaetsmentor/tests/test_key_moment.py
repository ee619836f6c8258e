from datetime import date, timedelta

from odoo import Command

from .common import MentoringCase


class TestKeyMoment(MentoringCase):
    def test_key_moment_is_noted_on_the_tandem_chatter(self):
        self._moment(
            self.tandem_a, "check_in", date(2026, 4, 2), summary="Zoo visit went well"
        )
        note = self.tandem_a.message_ids[:1]
        # Type and date, never the wording: the note outlives later changes
        # of the key moment (issue 11, case 3).
        self.assertIn("Key moment documented: Check-in on 04/02/2026", note.body)
        self.assertNotIn("Zoo visit", note.body)
        # An internal note: nothing is e-mailed to followers.
        self.assertTrue(note.subtype_id.internal)

    def _traces_of(self, tandem, *words):
        """Every text about ``tandem`` that another coordinator of its
        programme can read: messages, tracked values, activities."""
        colleague = self._coordinator("coord_a2", "Carla Kollegin")
        self.program_a.coordinator_ids = [Command.link(colleague.id)]
        tandem = tandem.with_user(colleague)
        messages = tandem.message_ids
        # She reads the chatter: the notes of the three conflicts are there.
        self.assertEqual(
            len(messages.filtered(lambda m: "documented: Conflict" in m.body)), 3
        )
        # Odoo shows these tracked values in the chatter; reading them
        # directly needs the settings group.
        tracked = messages.sudo().tracking_value_ids
        texts = (
            messages.mapped("body")
            + messages.mapped("subject")
            + messages.mapped("preview")
            + tracked.mapped("old_value_char")
            + tracked.mapped("new_value_char")
            + tandem.activity_ids.mapped("note")
            + tandem.activity_ids.mapped("summary")
        )
        return [text for text in texts for word in words if text and word in str(text)]

    def test_nothing_outlives_the_key_moments_visibility_and_wording(self):
        moments = self.env["mentoring.key.moment"]
        for confidential_later in range(3):
            moments |= self._moment(
                self.tandem_a,
                "conflict",
                date(2026, 4, 2),
                summary=f"Father shouted at mentor {confidential_later}",
                notes=f"<p>Bruise on the arm {confidential_later}</p>",
            )
        self.env.cr.precommit.run()
        marked, reworded, deleted = moments
        marked.with_user(self.coordinator_a).confidential = True
        reworded.write({"summary": "Argument", "notes": "<p>Solved</p>"})
        deleted.unlink()
        self.env.cr.precommit.run()
        self.assertEqual(self._traces_of(self.tandem_a, "Father shouted", "Bruise"), [])

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
        tomorrow = self.env.company._mentoring_today() + timedelta(days=1)
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
