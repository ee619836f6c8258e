from datetime import timedelta

from odoo.tests import tagged

from .common import MentoringTourCase


@tagged("post_install", "-at_install", "qm_browser")
class TestGermanTours(MentoringTourCase):
    """A German coordinator ends a tandem in its dialog and creates a tandem
    from a mentor's form (issue 13, items 4 and 5)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.env["ir.module.module"]._load_module_terms(
            ["base", "web", "mail", "qualitaetsmentor"], ["de_DE"]
        )

    def _german_coordinator(self, login, name):
        coordinator = self._tour_coordinator(login, name)
        coordinator.lang = "de_DE"
        return coordinator

    def test_coordinator_ends_a_tandem_in_the_dialog(self):
        coordinator = self._german_coordinator("ende_koordinatorin", "Ende Koord")
        tandem = self._programme_with_tandem(coordinator, "Ende")
        today = tandem.company_id._mentoring_today()
        self.env["mentoring.key.moment"].create(
            {
                "tandem_id": tandem.id,
                "type_id": self.env.ref(
                    "qualitaetsmentor.key_moment_type_getting_to_know"
                ).id,
                "date": today - timedelta(days=30),
                "summary": "Kennenlernen in der Bücherei",
            }
        )
        tandem.stage_id = self.env.ref("qualitaetsmentor.stage_accompaniment")
        self.start_tour(
            "/odoo", "qualitaetsmentor_end_tandem_de", login=coordinator.login
        )
        self.assertEqual(tandem.phase, "closure")
        self.assertEqual(tandem.date_ended, today)
        self.assertEqual(
            tandem.end_reason_id, self.env.ref("qualitaetsmentor.end_reason_regular")
        )
        closing = tandem.key_moment_ids.filtered(lambda m: m.category == "closing")
        self.assertEqual(closing.summary, "Abschied im Zoo mit beiden")
        self.assertEqual(tandem.mentor_id.status, "ended")

    def test_coordinator_creates_a_tandem_from_a_mentor(self):
        coordinator = self._german_coordinator("neu_koordinatorin", "Neu Koord")
        program = self.env["mentoring.program"].create(
            {"name": "Neu Programme", "coordinator_ids": [(4, coordinator.id)]}
        )
        mentor = self._mentor(program, "Neu Mentorin")
        mentee = self._mentee(program, "Neu Mentee")
        self.start_tour(
            "/odoo", "qualitaetsmentor_create_tandem_de", login=coordinator.login
        )
        tandem = self.env["mentoring.tandem"].search([("mentor_id", "=", mentor.id)])
        self.assertEqual(len(tandem), 1)
        self.assertEqual(tandem.mentee_id, mentee)
        self.assertEqual(tandem.program_id, program)
        self.assertEqual(tandem.coordinator_id, coordinator)
