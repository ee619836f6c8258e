import base64
import io
from datetime import date

import openpyxl

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.qualitaetsmentor.tests.common import MentoringTourCase


@tagged("post_install", "-at_install", "qm_browser")
class TestExportTour(MentoringTourCase):
    def test_coordinator_exports_the_tandem_register(self):
        coordinator = new_test_user(
            self.env,
            login="tour_reporter",
            password="tour_reporter",
            name="Tour Berichterstatterin",
            groups="base.group_user,qualitaetsmentor.group_coordinator",
        )
        program = self.env["mentoring.program"].create(
            {
                "name": "Tour Report Programme",
                "coordinator_ids": [Command.link(coordinator.id)],
            }
        )
        # Screened and consenting: a tandem enters matching only then.
        mentor = self.env["mentoring.mentor"].create(
            {
                "name": "Tour Report Mentorin",
                "program_id": program.id,
                "interview_date": date(2026, 1, 12),
                "consent_date": date(2026, 1, 12),
                "police_clearance_date": date(2026, 1, 20),
                "training_date": date(2026, 2, 7),
            }
        )
        mentee = self.env["mentoring.mentee"].create(
            {
                "name": "Tour Report Mentee",
                "program_id": program.id,
                "consent_date": date(2026, 1, 15),
            }
        )
        self.env["mentoring.tandem"].create(
            {
                "program_id": program.id,
                "mentor_id": mentor.id,
                "mentee_id": mentee.id,
                "coordinator_id": coordinator.id,
                "stage_id": self.env.ref("qualitaetsmentor.stage_matching").id,
                # Within the export's default period, the last calendar year.
                "date_requested": date(date.today().year - 1, 6, 1),
            }
        )
        self.start_tour(
            "/odoo", "qualitaetsmentor_reports_export", login=coordinator.login
        )
        export = self.env["mentoring.report.export"].search(
            [("create_uid", "=", coordinator.id), ("state", "=", "done")]
        )
        self.assertEqual(len(export), 1)
        self.assertEqual(export.workbook, "register")
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(export.file_data)))
        names = [
            row[0] for row in book["Tandems"].iter_rows(min_row=2, values_only=True)
        ]
        self.assertEqual(names, ["Tour Report Mentorin & Tour Report Mentee"])
