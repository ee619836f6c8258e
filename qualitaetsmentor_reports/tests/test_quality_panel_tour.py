from odoo.tests import tagged

from odoo.addons.qualitaetsmentor.tests.common import MentoringTourCase


@tagged("post_install", "-at_install", "qm_browser")
class TestQualityPanelTour(MentoringTourCase):
    def test_coordinator_sees_the_quality_of_this_year(self):
        coordinator = self._tour_coordinator("tour_quality", "Tour Qualität")
        # Matched today by a trained mentor with a valid police clearance.
        self._programme_with_tandem(
            coordinator,
            "Tour Quality",
            date_requested=self.env.company._mentoring_today(),
            date_matched=self.env.company._mentoring_today(),
        )
        self.start_tour(
            "/odoo", "qualitaetsmentor_reports_quality_panel", login=coordinator.login
        )
