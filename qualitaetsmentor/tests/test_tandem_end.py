from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .common import MentoringCase


class TestTandemEnd(MentoringCase):
    """Issue 13, item 5: the dialog “End Tandem”."""

    def _dialog(self, tandem, user=None):
        action = tandem.with_user(user or self.coordinator_a).action_end_tandem()
        self.assertEqual(action["target"], "new")
        return Form(
            self.env[action["res_model"]]
            .with_user(user or self.coordinator_a)
            .with_context(**action["context"])
        )

    def test_end_with_closing_talk_documents_it_and_closes(self):
        form = self._dialog(self.tandem_a)
        self.assertEqual(form.date_ended, self.env.company._mentoring_today())
        self.assertEqual(form.ending, "regular")
        form.date_ended = date(2026, 6, 30)
        form.ending = "premature"
        form.end_reason_id = self.env.ref("qualitaetsmentor.end_reason_moved")
        # One closing talk is proposed; a second one with the mentee alone.
        self.assertEqual(len(form.talk_ids), 1)
        with form.talk_ids.edit(0) as talk:
            self.assertEqual(talk.type_id, self.types["closing"])
            talk.date = date(2026, 6, 28)
            talk.summary = "Farewell with both"
        with form.talk_ids.new() as talk:
            talk.type_id = self.types["closing"]
            talk.date = date(2026, 6, 29)
            talk.summary = "Mentee alone"
        action = form.save().action_end()
        tandem = self.tandem_a
        self.assertEqual(action["res_id"], tandem.id)
        self.assertEqual(tandem.phase, "closure")
        self.assertEqual(tandem.date_ended, date(2026, 6, 30))
        self.assertTrue(tandem.ended_prematurely)
        closing = tandem.key_moment_ids.filtered(lambda m: m.category == "closing")
        self.assertEqual(
            sorted(closing.mapped("summary")), ["Farewell with both", "Mentee alone"]
        )
        self.assertEqual(closing.author_id, self.coordinator_a)
        self.assertEqual(tandem.mentor_id.status, "ended")

    def test_end_without_closing_talk_is_refused_and_saves_nothing(self):
        form = self._dialog(self.tandem_a)
        form.end_reason_id = self.env.ref("qualitaetsmentor.end_reason_regular")
        form.talk_ids.remove(0)
        wizard = form.save()
        with self.assertRefused("Documented closing talk"):
            wizard.action_end()
        self.assertEqual(self.tandem_a.phase, "accompaniment")
        self.assertFalse(self.tandem_a.date_ended)

    def test_a_closing_talk_documented_before_is_enough(self):
        self._moment(self.tandem_a, "closing", date(2026, 6, 1))
        form = self._dialog(self.tandem_a)
        self.assertEqual(len(form.talk_ids), 0)
        form.end_reason_id = self.env.ref("qualitaetsmentor.end_reason_regular")
        form.save().action_end()
        self.assertEqual(self.tandem_a.phase, "closure")

    def test_reason_follows_regular_or_premature(self):
        form = self._dialog(self.tandem_a)
        form.end_reason_id = self.env.ref("qualitaetsmentor.end_reason_regular")
        form.ending = "premature"
        self.assertFalse(form.end_reason_id)

    def test_drag_to_closure_without_the_facts_points_to_the_dialog(self):
        with self.assertRefused("Use “End Tandem” on the tandem"):
            self.tandem_a.with_user(self.coordinator_a).write(
                {"stage_id": self.stages["closure"].id}
            )

    def test_end_button_on_form_and_card(self):
        for view in ("mentoring_tandem_view_form", "mentoring_tandem_view_kanban"):
            arch = self.env.ref(f"qualitaetsmentor.{view}").arch
            self.assertIn("action_end_tandem", arch)

    def test_readonly_user_cannot_end_a_tandem(self):
        viewer = self._viewer(self.program_a, "qm_end_viewer", "Vera Vorstand")
        with self.assertRaises(AccessError):
            self.env["mentoring.tandem.end"].with_user(viewer).create(
                {
                    "tandem_id": self.tandem_a.id,
                    "date_ended": date(2026, 6, 30),
                    "end_reason_id": self.env.ref(
                        "qualitaetsmentor.end_reason_regular"
                    ).id,
                    "talk_ids": [Command.clear()],
                }
            )

    def test_refused_on_a_day_to_come_for_an_ended_tandem_and_a_wrong_reason(self):
        wizard = self.env["mentoring.tandem.end"].with_user(self.coordinator_a)
        today = self.env.company._mentoring_today()
        regular = self.env.ref("qualitaetsmentor.end_reason_regular")
        moved = self.env.ref("qualitaetsmentor.end_reason_moved")
        self._moment(self.tandem_a, "closing", date(2026, 6, 1))
        for values, message in (
            ({"date_ended": date(today.year + 1, 6, 1)}, "lies in the future"),
            ({"end_reason_id": moved.id}, "does not fit a Regular end"),
        ):
            with self.subTest(message=message):
                dialog = wizard.create(
                    {
                        "tandem_id": self.tandem_a.id,
                        "date_ended": today,
                        "ending": "regular",
                        "end_reason_id": regular.id,
                        **values,
                    }
                )
                with self.assertRaises(UserError) as refusal:
                    dialog.action_end()
                self.assertIn(message, str(refusal.exception))
                self.assertEqual(self.tandem_a.phase, "accompaniment")
        self._close(self.tandem_a, on=date(2026, 6, 30))
        dialog = wizard.create(
            {
                "tandem_id": self.tandem_a.id,
                "date_ended": today,
                "ending": "regular",
                "end_reason_id": regular.id,
            }
        )
        with self.assertRaises(UserError) as refusal:
            dialog.action_end()
        self.assertIn("has ended already (06/30/2026)", str(refusal.exception))
        self.assertEqual(self.tandem_a.date_ended, date(2026, 6, 30))

    def test_an_end_before_the_start_is_refused_with_readable_dates(self):
        with self.assertRefused(
            "cannot end (01/01/2025) before it started (03/08/2026)"
        ):
            self.tandem_a.date_ended = date(2025, 1, 1)
