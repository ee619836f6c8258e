import base64
import io
from datetime import date

import openpyxl

from odoo.tests import tagged

from odoo.addons.qualitaetsmentor.tests.common import MentoringTourCase


@tagged("post_install", "-at_install", "qm_browser")
class TestExportTour(MentoringTourCase):
    def test_coordinator_exports_the_tandem_register(self):
        coordinator = self._tour_coordinator("tour_reporter", "Tour Berichterstatterin")
        self._programme_with_tandem(
            coordinator,
            "Tour Report",
            # Within the export's default period, the last calendar year.
            date_requested=date(self.env.company._mentoring_today().year - 1, 6, 1),
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
