from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import MentoringTourCase


@tagged("post_install", "-at_install", "qm_browser")
class TestBoardTour(MentoringTourCase):
    def test_coordinator_drags_tandem_into_accompaniment(self):
        coordinator = new_test_user(
            self.env,
            login="tour_coordinator",
            password="tour_coordinator",
            name="Tour Koordinatorin",
            groups="base.group_user,qualitaetsmentor.group_coordinator",
        )
        program = self.env["mentoring.program"].create(
            {
                "name": "Tour Programme",
                "coordinator_ids": [Command.link(coordinator.id)],
            }
        )
        mentor = self.env["mentoring.mentor"].create(
            {
                "name": "Tour Mentorin",
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
                "name": "Tour Mentee",
                "program_id": program.id,
                "consent_date": "2026-01-15",
            }
        )
        tandem = self.env["mentoring.tandem"].create(
            {
                "program_id": program.id,
                "mentor_id": mentor.id,
                "mentee_id": mentee.id,
                "coordinator_id": coordinator.id,
                "stage_id": self.env.ref("qualitaetsmentor.stage_matching").id,
            }
        )
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
