from odoo.tests import tagged

from .common import MentoringTourCase


@tagged("post_install", "-at_install", "qm_browser")
class TestBoardTour(MentoringTourCase):
    def test_coordinator_drags_tandem_into_accompaniment(self):
        coordinator = self._tour_coordinator("tour_coordinator", "Tour Koordinatorin")
        tandem = self._programme_with_tandem(coordinator, "Tour")
        self.env["mentoring.key.moment"].create(
            {
                "tandem_id": tandem.id,
                "type_id": self.env.ref(
                    "qualitaetsmentor.key_moment_type_getting_to_know"
                ).id,
                "summary": "First meeting at the library",
            }
        )
        self.start_tour("/odoo", "qualitaetsmentor_board_drag", login=coordinator.login)
        self.assertEqual(
            tandem.stage_id, self.env.ref("qualitaetsmentor.stage_accompaniment")
        )
