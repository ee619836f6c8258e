from datetime import date

from odoo.exceptions import AccessError

from .common import ReportCase


class TestReadonlyStatistics(ReportCase):
    """A board member reads the analysis of her programmes, without names."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.readonly = cls._viewer(
            cls.program_a, "qm_reports_readonly", "Rita Vorstand"
        )

    def test_readonly_user_counts_her_programmes_tandems(self):
        Analysis = self.env["mentoring.tandem.analysis"]
        mine = Analysis.with_user(self.readonly)._read_group(
            [], ["ending"], ["__count"]
        )
        coordinator = Analysis.with_user(self.coordinator_a)._read_group(
            [], ["ending"], ["__count"]
        )
        self.assertEqual(mine, coordinator)
        rows = Analysis.with_user(self.readonly).search([])
        self.assertEqual(rows.program_id, self.program_a)
        self.assertEqual(
            rows[:1].read(["tandem_id"])[0]["tandem_id"][1], f"Tandem {rows[:1].id}"
        )

    def test_readonly_user_sees_no_names(self):
        Analysis = self.env["mentoring.tandem.analysis"].with_user(self.readonly)
        for name in ("mentor_id", "mentee_id"):
            with self.subTest(field=name):
                with self.assertRaises(AccessError):
                    Analysis._read_group([], [name], ["__count"])
        view = Analysis.get_views([(False, "pivot"), (False, "list")])["views"]
        for arch in (view["pivot"]["arch"], view["list"]["arch"]):
            self.assertNotIn("mentor_id", arch)
        menus = self.env["ir.ui.menu"].with_user(self.readonly)._visible_menu_ids()
        self.assertIn(
            self.env.ref("qualitaetsmentor_reports.menu_tandem_analysis").id, menus
        )

    # Issue 13, item 12: the funder statistics for the board member too; the
    # workbooks with names for coordinators only.

    def _cells(self, book):
        return [
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]

    def test_readonly_user_downloads_the_funder_statistics_without_names(self):
        menus = self.env["ir.ui.menu"].with_user(self.readonly)._visible_menu_ids()
        self.assertIn(
            self.env.ref("qualitaetsmentor_reports.menu_report_export").id, menus
        )
        period = (date(2024, 1, 1), date(2025, 12, 31))
        mine = self.export(self.readonly, "statistics", *period)
        coordinator = self.export(
            self.coordinator_a, "statistics", *period, program_ids=self.program_a.ids
        )
        # The same figures as the coordinator of her programme counts.
        self.assertEqual(
            self.table(mine["Statistics"]), self.table(coordinator["Statistics"])
        )
        self.assertEqual(
            self.table(mine["By age group"]), self.table(coordinator["By age group"])
        )
        self.assertEqual(
            {row["Programme"] for row in self.table(mine["Statistics"])},
            {"Lesepaten Altona"},
        )
        cells = " ".join(self._cells(mine))
        people = self.env["mentoring.mentor"].search([]).mapped("name") + self.env[
            "mentoring.mentee"
        ].with_context(active_test=False).search([]).mapped("name")
        for name in people:
            self.assertNotIn(name, cells)
        self.assertNotIn(self.program_b.name, cells)

    def test_readonly_user_cannot_export_register_or_key_moment_log(self):
        for workbook in ("register", "key_moments"):
            with self.subTest(workbook=workbook):
                wizard = (
                    self.env["mentoring.report.export"]
                    .with_user(self.readonly)
                    .create(
                        {
                            "workbook": workbook,
                            "date_from": date(2024, 1, 1),
                            "date_to": date(2025, 12, 31),
                        }
                    )
                )
                with self.assertRaises(AccessError):
                    wizard.action_export()
                self.assertFalse(wizard.file_data)

    def test_coordinator_exports_every_workbook(self):
        for workbook in ("statistics", "register", "key_moments"):
            with self.subTest(workbook=workbook):
                self.export(
                    self.coordinator_a,
                    workbook,
                    date(2024, 1, 1),
                    date(2025, 12, 31),
                )

    def test_workbook_choice_only_for_coordinators(self):
        Export = self.env["mentoring.report.export"]
        arch = Export.with_user(self.readonly).get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        # Odoo keeps the field, invisible, for the texts that depend on it.
        self.assertNotIn('name="workbook" widget="radio"', arch)
        arch = Export.with_user(self.coordinator_a).get_views([(False, "form")])[
            "views"
        ]["form"]["arch"]
        self.assertIn('name="workbook" widget="radio"', arch)

    def test_analysis_opens_with_the_number_of_tandems(self):
        arch = self.env["mentoring.tandem.analysis"].get_views([(False, "pivot")])[
            "views"
        ]["pivot"]["arch"]
        self.assertNotIn('type="measure"', arch)
