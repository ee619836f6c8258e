from datetime import date, datetime

from openpyxl.utils import get_column_letter

from odoo import Command

from .common import ReportCase


class TestExportWizard(ReportCase):
    def test_period_must_not_end_before_it_begins(self):
        wizards = self.env["mentoring.report.export"]
        count = wizards.search_count([])
        with self.assertRefused("cannot end"):
            wizards.with_user(self.coordinator_a).create(
                {"date_from": date(2025, 12, 31), "date_to": date(2025, 1, 1)}
            )
        self.assertEqual(wizards.search_count([]), count)

    def test_default_period_is_the_last_calendar_year(self):
        wizard = (
            self.env["mentoring.report.export"].with_user(self.coordinator_a).create({})
        )
        last_year = self.env.company._mentoring_today().year - 1
        self.assertEqual(wizard.date_from, date(last_year, 1, 1))
        self.assertEqual(wizard.date_to, date(last_year, 12, 31))
        self.assertEqual(wizard.workbook, "statistics")

    def test_sheets_have_real_formats(self):
        book = self.export_both_programmes(date(2024, 1, 1), date(2025, 12, 31))
        for sheet in book.worksheets:
            self.assertEqual(sheet.freeze_panes, "A2", sheet.title)
            self.assertEqual(
                sheet.auto_filter.ref,
                f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}",
                sheet.title,
            )
        sheet = book["Statistics"]
        headers = [cell.value for cell in sheet[1]]
        row = {header: cell for header, cell in zip(headers, sheet[3], strict=True)}
        self.assertIsInstance(row["From"].value, datetime)
        self.assertEqual(row["From"].number_format, "mm/dd/yyyy")  # en_US
        self.assertEqual(row["Share ended early"].number_format, "0.0%")
        self.assertEqual(row["Average duration (months)"].number_format, "#,##0.0")
        self.assertEqual(row["Year"].number_format, "0")
        self.assertEqual(row["Year"].data_type, "n")
        width = sheet.column_dimensions[
            get_column_letter(headers.index("Programme") + 1)
        ]
        self.assertGreaterEqual(width.width, len(self.program_b.name))

    def test_workbook_in_german(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["qualitaetsmentor", "qualitaetsmentor_reports"], ["de_DE"], overwrite=True
        )
        book = self.export_both_programmes(
            date(2025, 1, 1), date(2025, 12, 31), lang="de_DE"
        )
        self.assertEqual(
            book.sheetnames,
            [
                "Statistik",
                "Nach Altersgruppe",
                "Definitionen",
                "Qualitätsbericht",
                "Kennzahlen Qualitätsbericht",
                "Definitionen Qualitätsbericht",
                "Info",
            ],
        )
        statistics = self.table(book["Statistik"])
        self.assertIn("Neue Tandems", statistics[0])
        self.assertEqual(statistics[-1]["Programm"], "Alle Programme")
        self.assertEqual(book["Statistik"]["C2"].number_format, "dd.mm.yyyy")
        ages = {row["Altersgruppe"] for row in self.table(book["Nach Altersgruppe"])}
        self.assertIn("Familie", ages)
        definitions = self.table(book["Definitionen"])
        self.assertIn("Neue Tandems", [row["Kennzahl"] for row in definitions])

    def test_queries_do_not_grow_with_the_tandems(self):
        def count_queries(workbook):
            wizard = (
                self.env["mentoring.report.export"]
                .with_user(self.admin)
                .create(
                    {
                        "workbook": workbook,
                        "date_from": date(2024, 1, 1),
                        "date_to": date(2025, 12, 31),
                        "program_ids": [Command.set(self.program_a.ids)],
                        "include_notes": True,
                    }
                )
            )
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            wizard.action_export()
            return self.cr.sql_log_count - before

        workbooks = ("statistics", "quality", "register", "key_moments")
        for workbook in workbooks:
            count_queries(workbook)  # caches of the first run
        counts = {workbook: count_queries(workbook) for workbook in workbooks}
        for number in range(20):
            mentor = self._mentor(self.program_a, f"Mentorin {number}")
            mentee = self._mentee(self.program_a, f"Mentee {number}")
            tandem = self._tandem(self.program_a, mentor, mentee, self.coordinator_a)
            tandem.write(
                {"date_matched": date(2025, 2, 1), "date_started": date(2025, 2, 8)}
            )
            self._moment(tandem, "check_in", date(2025, 3, number + 1))
        self.env.flush_all()
        for workbook in workbooks:
            self.assertEqual(count_queries(workbook), counts[workbook], workbook)
