from odoo.tests import tagged

from .common import MentoringTourCase


@tagged("post_install", "-at_install", "qm_browser")
class TestAvailabilityGridTour(MentoringTourCase):
    def test_coordinator_ticks_two_cells_of_the_grid(self):
        """Issue 14, item 2: a German coordinator ticks Tuesday afternoon and
        Thursday evening on a mentor's form and saves."""
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(["qualitaetsmentor"], ["de_DE"])
        coordinator = self._tour_coordinator("tour_raster", "Tour Raster")
        coordinator.write({"lang": "de_DE", "tz": "Europe/Berlin"})
        mentor = self._programme_with_tandem(coordinator, "Raster").mentor_id
        mentor.availability_ids = self.env.ref(
            "qualitaetsmentor.availability_mon_morning"
        )
        self.start_tour(
            f"/odoo/action-qualitaetsmentor.mentoring_mentor_action/{mentor.id}",
            "qualitaetsmentor_availability_grid",
            login=coordinator.login,
        )
        self.assertEqual(
            mentor.availability_ids,
            self.env.ref("qualitaetsmentor.availability_mon_morning")
            | self.env.ref("qualitaetsmentor.availability_tue_afternoon")
            | self.env.ref("qualitaetsmentor.availability_thu_evening"),
        )
