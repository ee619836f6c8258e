from datetime import date

from .common import ReportCase


class TestClosedYearsStay(ReportCase):
    """A funder report once sent stays reproducible: removing personal data
    (the police-clearance retention, the anonymisation) changes no figure of
    a closed period (issue 11, case 12; README, "When it goes")."""

    def figures(self):
        """Every sheet of the funder workbook of 2024 and 2025 but "About",
        which says when it was made."""
        book = self.export_both_programmes(date(2024, 1, 1), date(2025, 12, 31))
        return {name: self.table(book[name]) for name in book.sheetnames[:-1]}

    def row(self, figures, programme, year):
        return next(
            row
            for row in figures["Statistics"]
            if row["Programme"] == programme and row["Year"] == year
        )

    def test_no_figure_of_a_closed_year_changes_when_personal_data_goes(self):
        self.program_a.write(
            {
                "retention_months": 60,
                "retention_reason": "Follow-up study of the programme",
            }
        )
        # Mentors who stopped after their tandem ended.
        for key in ("ulla", "formula", "yvonne"):
            self.mentors[key].status = "ended"
        # A mentee who still waits withdraws her consent.
        self.mentees["tara"].consent_withdrawn_date = date(2026, 2, 1)
        before = self.figures()
        self.assertEqual(
            list(before),
            [
                "Statistics",
                "By age group",
                "Definitions",
                "Quality Report",
                "Quality Figures",
                "Quality Definitions",
            ],
        )
        a_2024 = self.row(before, self.program_a.name, 2024)
        # Anna's mentor (clearance 2024-01-05) and Ulla (2024-03-01).
        self.assertEqual(a_2024["Mentors screened"], 2)
        b_2025 = self.row(before, self.program_b.name, 2025)
        # Tara, who waits since 2025-03-01.
        self.assertEqual(b_2025["Mentees waiting at the end"], 1)
        ulla = self.mentors["ulla"]
        anonymization = self.env["mentoring.anonymization"]

        # 2026: Ulla's tandem ended on 2025-06-30; her clearance facts go
        # after three months, her profile only after five years.
        anonymization._run(dry_run=False, today=date(2026, 3, 2))
        self.assertFalse(ulla.police_clearance_date)
        self.assertFalse(ulla.date_anonymized)
        self.assertEqual(ulla.screened_year, 2024)
        self.assertTrue(self.mentees["tara"].date_anonymized)
        self.assertEqual(self.figures(), before)

        # 2031: everything that ended is anonymised.
        anonymization._run(dry_run=False, today=date(2031, 1, 2))
        self.assertTrue(ulla.date_anonymized)
        self.assertEqual(ulla.name, f"Anonymised mentor {ulla.id}")
        self.assertEqual(ulla.screened_year, 2024)
        self.assertTrue(self.tandems["kim"].date_anonymized)
        self.assertEqual(self.figures(), before)

    def test_screening_year_follows_the_later_date_and_a_correction(self):
        vera = self.mentors["vera"]
        # Interview 2024-12-10, clearance 2025-01-08: screened in 2025.
        self.assertEqual(vera.screened_year, 2025)
        # A coordinator corrects a clearance entered on the wrong mentor.
        vera.police_clearance_date = False
        self.assertEqual(vera.screened_year, 0)

    def test_a_refresher_training_leaves_the_year_of_the_first_one(self):
        ulla = self.mentors["ulla"]
        before = self.figures()
        a_2024 = self.row(before, self.program_a.name, 2024)
        a_2025 = self.row(before, self.program_a.name, 2025)
        self.assertEqual(ulla.trained_year, 2024)
        # A refresher in 2025 entered over the first training's date.
        ulla.training_date = date(2025, 5, 6)
        self.assertEqual(ulla.trained_year, 2024)
        after = self.figures()
        self.assertEqual(
            self.row(after, self.program_a.name, 2024)["Mentors trained"],
            a_2024["Mentors trained"],
        )
        self.assertEqual(
            self.row(after, self.program_a.name, 2025)["Mentors trained"],
            a_2025["Mentors trained"],
        )
        # A correction to an earlier year moves it; clearing the date (the
        # training did not happen) removes her from the figure.
        ulla.training_date = date(2023, 12, 1)
        self.assertEqual(ulla.trained_year, 2023)
        ulla.training_date = False
        self.assertEqual(ulla.trained_year, 0)
        self.assertEqual(
            self.row(self.figures(), self.program_a.name, 2024)["Mentors trained"],
            a_2024["Mentors trained"] - 1,
        )
