from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import MentoringTourCase


@tagged("post_install", "-at_install", "qm_browser")
class TestTakeoverTour(MentoringTourCase):
    def test_german_coordinator_imports_running_tandems(self):
        """A German coordinator takes over a running tandem with the shipped
        template, through Odoo's import screen."""
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["web", "base_import", "qualitaetsmentor"], ["de_DE"]
        )
        coordinator = self._coordinator(
            "tour_uebernahme", "Tour Übernahme", password="tour_uebernahme"
        )
        coordinator.lang = "de_DE"
        name = "Patenschaften Hamburg – Zusammen wachsen"
        Program = self.env["mentoring.program"]
        program = Program.search([("name", "=", name)]) or Program.create(
            {"name": name}
        )
        program.coordinator_ids = [Command.link(coordinator.id)]
        self._mentor(program, "Maria Muster")
        self._mentee(program, "Lea Probe")
        self.start_tour(
            "/odoo", "qualitaetsmentor_takeover_import", login=coordinator.login
        )
        tandem = self.env["mentoring.tandem"].search(
            [("name", "=", "Maria Muster & Lea Probe")]
        )
        self.assertEqual(tandem.phase, "accompaniment")
        self.assertEqual(tandem.coordinator_id, coordinator)
        self.assertEqual(tandem.date_phase_entered, date(2026, 3, 15))
        self.assertEqual(tandem.last_contact_date, date(2026, 11, 10))
