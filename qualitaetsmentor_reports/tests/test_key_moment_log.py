from datetime import date

from .common import ReportCase


class TestKeyMomentLog(ReportCase):
    def log(self, user, date_from, date_to, **values):
        book = self.export(user, "key_moments", date_from, date_to, **values)
        return book, self.table(book["Key moments"])

    def log_of_programme_a(self, date_from, date_to, **values):
        """The log of programme A as the administrator exports it."""
        return self.log(
            self.admin, date_from, date_to, program_ids=self.program_a.ids, **values
        )

    def test_log_lists_the_key_moments_of_the_period(self):
        programs = self.program_a | self.program_b
        _book, rows = self.log(
            self.admin, date(2025, 1, 1), date(2025, 6, 30), program_ids=programs.ids
        )
        expected = self.env["mentoring.key.moment"].search(
            [
                ("program_id", "in", programs.ids),
                ("date", ">=", date(2025, 1, 1)),
                ("date", "<=", date(2025, 6, 30)),
            ],
            order="date, tandem_id, id",
        )
        self.assertTrue(expected)
        self.assertEqual(
            [(self.day(row["Date"]), row["Tandem"], row["Summary"]) for row in rows],
            [
                (moment.date, moment.tandem_id.name, moment.summary)
                for moment in expected
            ],
        )
        self.assertEqual(
            [row["Contact"] for row in rows],
            ["Yes" if m.type_id.counts_as_contact else "No" for m in expected],
        )
        conflict = next(row for row in rows if row["Type"] == "Conflict")
        self.assertEqual(conflict["Confidential"], "Yes")
        # Notes leave the system only when asked for.
        self.assertNotIn("Notes", rows[0])

    def test_notes_on_request(self):
        _book, rows = self.log_of_programme_a(
            date(2025, 1, 1), date(2025, 1, 31), include_notes=True
        )
        self.assertEqual(
            {row["Notes"] for row in rows},
            {f"Notes on {row['Summary']}" for row in rows},
        )

    def test_coordinator_log_leaves_out_other_programmes(self):
        _book, rows = self.log(self.coordinator_b, date(2024, 1, 1), date(2025, 12, 31))
        self.assertEqual(len(rows), 3)
        self.assertEqual({row["Programme"] for row in rows}, {self.program_b.name})

    def test_summary_that_looks_like_a_formula_stays_text(self):
        book, rows = self.log_of_programme_a(date(2024, 4, 1), date(2024, 4, 30))
        sheet = book["Key moments"]
        headers = [cell.value for cell in sheet[1]]
        (row,) = sheet.iter_rows(min_row=2)
        cell = row[headers.index("Summary")]
        self.assertEqual(cell.data_type, "s")
        self.assertEqual(cell.value, "=1+1")
