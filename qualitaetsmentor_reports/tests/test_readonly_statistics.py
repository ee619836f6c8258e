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

    def test_readonly_user_sees_no_names_and_exports_nothing(self):
        Analysis = self.env["mentoring.tandem.analysis"].with_user(self.readonly)
        for name in ("mentor_id", "mentee_id"):
            with self.subTest(field=name):
                with self.assertRaises(AccessError):
                    Analysis._read_group([], [name], ["__count"])
        view = Analysis.get_views([(False, "pivot"), (False, "list")])["views"]
        for arch in (view["pivot"]["arch"], view["list"]["arch"]):
            self.assertNotIn("mentor_id", arch)
        with self.assertRaises(AccessError):
            self.env["mentoring.report.export"].with_user(self.readonly).create({})
        menus = self.env["ir.ui.menu"].with_user(self.readonly)._visible_menu_ids()
        self.assertIn(
            self.env.ref("qualitaetsmentor_reports.menu_tandem_analysis").id, menus
        )
        self.assertNotIn(
            self.env.ref("qualitaetsmentor_reports.menu_report_export").id, menus
        )
