import base64
import io
from datetime import date
from statistics import mean, median

import openpyxl

from odoo.exceptions import AccessError

from .common import DAYS_PER_MONTH, ReportCase

FLOAT_FIGURES = (
    "Share ended early",
    "Average duration (months)",
    "Median duration (months)",
    "Median waiting time to a match (days)",
    "Contacts per tandem",
)


class TestFunderStatistics(ReportCase):
    def reference(self, programs, date_from, date_to):
        """The figures of the definitions sheet, counted record by record
        through the ORM."""
        tandems = (
            self.env["mentoring.tandem"]
            .with_context(active_test=False)
            .search([("program_id", "in", programs.ids)])
        )
        start = {
            tandem: tandem.date_started or tandem.date_matched for tandem in tandems
        }
        tandems = tandems.filtered(lambda tandem: start[tandem])

        def within(day):
            return bool(day) and date_from <= day <= date_to

        ended = tandems.filtered(lambda tandem: within(tandem.date_ended))
        early = ended.filtered("end_reason_id.premature")
        accompanied = tandems.filtered(
            lambda tandem: (
                start[tandem] <= date_to
                and (not tandem.date_ended or tandem.date_ended >= date_from)
            )
        )
        durations = [
            (tandem.date_ended - start[tandem]).days / DAYS_PER_MONTH
            for tandem in ended
        ]
        matched = tandems.filtered(
            lambda tandem: within(tandem.date_matched) and tandem.date_requested
        )
        contacts = self.env["mentoring.key.moment"].search_count(
            [
                ("tandem_id", "in", accompanied.ids),
                ("type_id.counts_as_contact", "=", True),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ]
        )
        mentors = (
            self.env["mentoring.mentor"]
            .with_context(active_test=False)
            .search([("program_id", "in", programs.ids)])
        )
        mentees = self.env["mentoring.mentee"].search(
            [("program_id", "in", programs.ids), ("waiting_since", "<=", date_to)]
        )
        waiting = mentees.filtered(
            lambda mentee: (
                not any(
                    mentee.waiting_since
                    <= (tandem.date_matched or tandem.date_started)
                    <= date_to
                    for tandem in mentee.with_context(active_test=False).tandem_ids
                    if tandem.date_matched or tandem.date_started
                )
            )
        )
        return {
            "Active at the start": len(
                accompanied.filtered(lambda tandem: start[tandem] < date_from)
            ),
            "New tandems": len(tandems.filtered(lambda tandem: within(start[tandem]))),
            "Ended regularly": len(ended - early),
            "Ended early": len(early),
            "Share ended early": len(early) / len(ended) if ended else None,
            "Active at the end": len(
                accompanied.filtered(
                    lambda tandem: not tandem.date_ended or tandem.date_ended > date_to
                )
            ),
            "Tandems accompanied": len(accompanied),
            "Average duration (months)": mean(durations) if durations else None,
            "Median duration (months)": median(durations) if durations else None,
            "Tandems matched": len(matched),
            "Median waiting time to a match (days)": median(
                (tandem.date_matched - tandem.date_requested).days for tandem in matched
            )
            if matched
            else None,
            "Contacts": contacts,
            "Contacts per tandem": contacts / len(accompanied) if accompanied else None,
            "Mentors recruited": len(
                mentors.filtered(lambda mentor: within(mentor.application_date))
            ),
            "Mentors screened": len(
                mentors.filtered(
                    lambda mentor: (
                        mentor.interview_date
                        and mentor.police_clearance_date
                        and within(
                            max(mentor.interview_date, mentor.police_clearance_date)
                        )
                    )
                )
            ),
            "Mentors trained": len(
                mentors.filtered(lambda mentor: within(mentor.training_date))
            ),
            "Mentees waiting at the end": len(waiting),
        }

    def assertFigures(self, row, expected):
        for figure, value in expected.items():
            if figure in FLOAT_FIGURES and value is not None:
                self.assertAlmostEqual(row[figure], value, places=9, msg=figure)
            else:
                self.assertEqual(row[figure], value, figure)

    def test_figures_equal_what_the_orm_counts(self):
        programs = self.program_a | self.program_b
        book = self.export_both_programmes(date(2024, 1, 1), date(2025, 12, 31))
        rows = self.table(book["Statistics"])
        by_name = {
            self.program_a.name: self.program_a,
            self.program_b.name: self.program_b,
            "All programmes": programs,
        }
        self.assertEqual(
            [(row["Programme"], row["Year"]) for row in rows],
            [
                (name, year)
                for name in (self.program_b.name, self.program_a.name, "All programmes")
                for year in (2024, 2025)
            ],
        )
        for row in rows:
            year = row["Year"]
            self.assertEqual(self.day(row["From"]), date(year, 1, 1))
            self.assertEqual(self.day(row["To"]), date(year, 12, 31))
            expected = self.reference(
                by_name[row["Programme"]], date(year, 1, 1), date(year, 12, 31)
            )
            with self.subTest(programme=row["Programme"], year=year):
                self.assertFigures(row, expected)
                self.assertEqual(
                    row["Active at the end"],
                    row["Active at the start"]
                    + row["New tandems"]
                    - row["Ended regularly"]
                    - row["Ended early"],
                )
        # The known data reaches every figure.
        row_a_2025 = next(
            row
            for row in rows
            if row["Programme"] == self.program_a.name and row["Year"] == 2025
        )
        for figure, value in row_a_2025.items():
            if figure not in ("Programme", "Year", "From", "To"):
                self.assertTrue(value, f"{figure} is empty in the test data")

    def test_period_cut_to_the_chosen_dates(self):
        book = self.export(
            self.admin,
            "statistics",
            date(2025, 3, 1),
            date(2025, 6, 30),
            program_ids=self.program_a.ids,
        )
        (row,) = self.table(book["Statistics"])
        self.assertEqual(self.day(row["From"]), date(2025, 3, 1))
        self.assertEqual(self.day(row["To"]), date(2025, 6, 30))
        self.assertFigures(
            row, self.reference(self.program_a, date(2025, 3, 1), date(2025, 6, 30))
        )

    def test_coordinator_export_leaves_out_other_programmes(self):
        book = self.export(
            self.coordinator_a, "statistics", date(2024, 1, 1), date(2025, 12, 31)
        )
        for sheet in ("Statistics", "By age group"):
            self.assertEqual(
                {row["Programme"] for row in self.table(book[sheet])},
                {self.program_a.name},
                sheet,
            )
        for row in self.table(book["Statistics"]):
            year = row["Year"]
            self.assertFigures(
                row,
                self.reference(self.program_a, date(year, 1, 1), date(year, 12, 31)),
            )
        # Asking for a programme she does not coordinate is refused.
        wizard = (
            self.env["mentoring.report.export"]
            .with_user(self.coordinator_a)
            .create(
                {
                    "workbook": "statistics",
                    "date_from": date(2025, 1, 1),
                    "date_to": date(2025, 12, 31),
                    "program_ids": self.program_b.ids,
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.action_export()

    def test_age_groups_add_up_to_the_programme(self):
        book = self.export_both_programmes(date(2024, 1, 1), date(2025, 12, 31))
        totals = {
            (row["Programme"], row["Year"]): row
            for row in self.table(book["Statistics"])
        }
        by_age = self.table(book["By age group"])
        figures = [
            "Active at the start",
            "New tandems",
            "Ended regularly",
            "Ended early",
            "Active at the end",
            "Tandems accompanied",
            "Contacts",
            "Mentees waiting at the end",
        ]
        for (programme, year), total in totals.items():
            rows = [
                row
                for row in by_age
                if row["Programme"] == programme and row["Year"] == year
            ]
            for figure in figures:
                self.assertEqual(
                    sum(row[figure] for row in rows),
                    total[figure],
                    f"{programme} {year} {figure}",
                )
        # The tandem of the family started in 2025 and ended early.
        family = next(
            row
            for row in by_age
            if row["Programme"] == self.program_a.name
            and row["Year"] == 2025
            and row["Age group"] == "Family"
        )
        self.assertEqual(
            (family["New tandems"], family["Ended early"], family["Active at the end"]),
            (1, 1, 0),
        )

    def test_definitions_sheet_defines_every_figure(self):
        book = self.export(
            self.admin, "statistics", date(2025, 1, 1), date(2025, 12, 31)
        )
        definitions = {
            row["Figure"]: row["Definition"] for row in self.table(book["Definitions"])
        }
        for sheet in ("Statistics", "By age group"):
            headers = next(book[sheet].iter_rows(max_row=1, values_only=True))
            for header in headers:
                self.assertTrue(definitions.get(header), f"{header} is not defined")

    def test_demo_statistics_in_german(self):
        """What an administrator downloads from the demo data: last year's
        statistics in German, every figure defined and counted as defined."""
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["qualitaetsmentor", "qualitaetsmentor_reports"], ["de_DE"], overwrite=True
        )
        luebeck = self.env.ref("qualitaetsmentor_reports.program_luebeck")
        wizard = (
            self.env["mentoring.report.export"]
            .with_user(self.env.ref("base.user_admin"))
            .create({"lang": "de_DE"})
        )
        year = self.env.company._mentoring_today().year - 1
        self.assertEqual(
            (wizard.date_from, wizard.date_to), (date(year, 1, 1), date(year, 12, 31))
        )
        wizard.action_export()
        self.assertTrue(wizard.file_name.startswith("Förderstatistik"))
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        defined = {row["Kennzahl"] for row in self.table(book["Definitionen"])}
        rows = self.table(book["Statistik"])
        self.assertLessEqual(set(rows[0]), defined)
        row = next(row for row in rows if row["Programm"] == luebeck.name)
        expected = self.reference(luebeck, date(year, 1, 1), date(year, 12, 31))
        english = [
            header
            for _key, header, _kind, _definition in wizard.with_context(
                lang="en_US"
            )._figures()
        ]
        in_english = dict(zip(rows[0], english, strict=True))
        self.assertFigures(
            {in_english[header]: value for header, value in row.items()}, expected
        )
        for figure in (
            "Active at the start",
            "New tandems",
            "Ended regularly",
            "Ended early",
            "Contacts",
            "Mentors screened",
            "Mentees waiting at the end",
        ):
            self.assertTrue(expected[figure], f"{figure} is empty in the demo data")
