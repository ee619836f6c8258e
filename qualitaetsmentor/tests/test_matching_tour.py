from odoo import Command
from odoo.tests import tagged

from .common import MentoringTourCase

ALTONA = (53.5503, 9.9356)


@tagged("post_install", "-at_install", "qm_browser")
class TestMatchingTour(MentoringTourCase):
    def test_german_coordinator_proposes_a_tandem(self):
        """From the page "Bereit für das Matching" to a waiting mentee, her
        ranked and explained suggestions and a proposed tandem, in German."""
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["web", "qualitaetsmentor"], ["de_DE"]
        )
        coordinator = self._tour_coordinator("tour_matching", "Tour Matching")
        coordinator.lang = "de_DE"
        program = self.env["mentoring.program"].create(
            {
                "name": "Tour Matching Programme",
                "coordinator_ids": [Command.link(coordinator.id)],
            }
        )
        arabic = self.env.ref("qualitaetsmentor.language_ar")
        slots = self.env["mentoring.availability.slot"].search(
            [("weekday", "in", ("1", "3")), ("part_of_day", "=", "afternoon")]
        )
        criteria = {
            "language_ids": [Command.set(arabic.ids)],
            "availability_ids": [Command.set(slots.ids)],
        }
        mentee = self._mentee(program, "Tour Wartend")
        mentee.write(criteria)
        fitting = self._mentor(program, "Tour Passend")
        fitting.write(criteria)
        self._mentor(program, "Tour Ohne Ort")
        for profile, north in ((mentee, 0.0), (fitting, 0.03)):
            profile.partner_id.write(
                {
                    "partner_latitude": ALTONA[0] + north,
                    "partner_longitude": ALTONA[1],
                }
            )
        self.start_tour("/odoo", "qualitaetsmentor_matching", login=coordinator.login)
        tandem = self.env["mentoring.tandem"].search([("mentee_id", "=", mentee.id)])
        self.assertEqual(tandem.mentor_id, fitting)
        self.assertEqual(tandem.phase, "matching")
        self.assertEqual(tandem.coordinator_id, coordinator)
