from odoo.tests import tagged

from .common import MentoringTourCase


@tagged("post_install", "-at_install", "qm_browser")
class TestQualityTours(MentoringTourCase):
    def test_coordinator_cannot_drag_a_tandem_past_its_gate(self):
        coordinator = self._tour_coordinator("gate_coordinator", "Gate Koordinatorin")
        tandem = self._programme_with_tandem(coordinator, "Gate")
        self.start_tour(
            "/odoo", "qualitaetsmentor_gate_refusal", login=coordinator.login
        )
        self.assertEqual(
            tandem.stage_id, self.env.ref("qualitaetsmentor.stage_matching")
        )

    def test_administrator_hands_tandems_over(self):
        leaving = self._coordinator("hanna_abgabe", "Hanna Abgabe")
        successor = self._coordinator("clara_nachfolge", "Clara Nachfolge")
        admin = self._user(
            "qm_tour_admin", "Tour Administratorin", "admin", password="qm_tour_admin"
        )
        first = self._programme_with_tandem(leaving, "Übergabe")
        second = self._programme_with_tandem(leaving, "Zweite", stage="preparation")
        self.start_tour("/odoo", "qualitaetsmentor_handover", login=admin.login)
        self.assertEqual((first | second).coordinator_id, successor)
        self.assertIn(successor, first.program_id.coordinator_ids)
        notes = first.message_ids.filtered(lambda m: "Handover" in (m.body or ""))
        self.assertIn("calls after 5 pm", notes.body)
