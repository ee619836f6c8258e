from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import MentoringTourCase


@tagged("post_install", "-at_install", "qm_browser")
class TestQualityTours(MentoringTourCase):
    def _programme_with_tandem(self, coordinator, name, stage="matching"):
        program = self.env["mentoring.program"].create(
            {
                "name": f"{name} Programme",
                "coordinator_ids": [Command.link(coordinator.id)],
            }
        )
        mentor = self.env["mentoring.mentor"].create(
            {
                "name": f"{name} Mentorin",
                "program_id": program.id,
                "status": "ready",
                "interview_date": "2026-01-12",
                "consent_date": "2026-01-12",
                "police_clearance_date": "2026-01-20",
                "training_date": "2026-02-07",
            }
        )
        mentee = self.env["mentoring.mentee"].create(
            {
                "name": f"{name} Mentee",
                "program_id": program.id,
                "consent_date": "2026-01-15",
            }
        )
        return self.env["mentoring.tandem"].create(
            {
                "program_id": program.id,
                "mentor_id": mentor.id,
                "mentee_id": mentee.id,
                "coordinator_id": coordinator.id,
                "stage_id": self.env.ref(f"qualitaetsmentor.stage_{stage}").id,
            }
        )

    def test_coordinator_cannot_drag_a_tandem_past_its_gate(self):
        coordinator = new_test_user(
            self.env,
            login="gate_coordinator",
            password="gate_coordinator",
            name="Gate Koordinatorin",
            groups="base.group_user,qualitaetsmentor.group_coordinator",
        )
        tandem = self._programme_with_tandem(coordinator, "Gate")
        self.start_tour(
            "/odoo", "qualitaetsmentor_gate_refusal", login=coordinator.login
        )
        self.assertEqual(
            tandem.stage_id, self.env.ref("qualitaetsmentor.stage_matching")
        )

    def test_administrator_hands_tandems_over(self):
        leaving = new_test_user(
            self.env,
            login="hanna_abgabe",
            name="Hanna Abgabe",
            groups="base.group_user,qualitaetsmentor.group_coordinator",
        )
        successor = new_test_user(
            self.env,
            login="clara_nachfolge",
            name="Clara Nachfolge",
            groups="base.group_user,qualitaetsmentor.group_coordinator",
        )
        admin = new_test_user(
            self.env,
            login="qm_tour_admin",
            password="qm_tour_admin",
            name="Tour Administratorin",
            groups="base.group_user,qualitaetsmentor.group_admin",
        )
        first = self._programme_with_tandem(leaving, "Übergabe")
        second = self._programme_with_tandem(leaving, "Zweite", stage="preparation")
        self.start_tour("/odoo", "qualitaetsmentor_handover", login=admin.login)
        self.assertEqual((first | second).coordinator_id, successor)
        self.assertIn(successor, first.program_id.coordinator_ids)
        notes = first.message_ids.filtered(lambda m: "Handover" in (m.body or ""))
        self.assertIn("calls after 5 pm", notes.body)
