from datetime import date

from .common import ReportCase


class TestTandemRegister(ReportCase):
    def register(self, user, **values):
        book = self.export(
            user, "register", date(2025, 1, 1), date(2025, 12, 31), **values
        )
        return book, self.table(book["Tandems"])

    def test_register_lists_the_tandems_open_in_the_period(self):
        programs = self.program_a | self.program_b
        book, rows = self.register(self.admin, program_ids=programs.ids)
        expected = self.env["mentoring.tandem"].search(
            [
                ("program_id", "in", programs.ids),
                "|",
                ("date_requested", "=", False),
                ("date_requested", "<=", date(2025, 12, 31)),
                "|",
                ("date_ended", "=", False),
                ("date_ended", ">=", date(2025, 1, 1)),
            ]
        )
        self.assertEqual(
            sorted(row["Tandem"] for row in rows), sorted(expected.mapped("name"))
        )
        # Ended in 2025: listed; archived: left out.
        names = {row["Tandem"] for row in rows}
        self.assertIn(self.tandems["kim"].name, names)
        self.assertNotIn(self.tandems["pia"].name, names)
        for row in rows:
            tandem = expected.filtered(lambda t, row=row: t.name == row["Tandem"])
            with self.subTest(tandem=tandem.name):
                self.assertEqual(row["Programme"], tandem.program_id.name)
                self.assertEqual(row["Coordinator"], tandem.coordinator_id.name)
                self.assertEqual(row["Stage"], tandem.stage_id.name)
                self.assertEqual(row["Phase"], tandem.stage_id.phase.capitalize())
                self.assertEqual(self.day(row["Started"]), tandem.date_started or None)
                self.assertEqual(self.day(row["Ended"]), tandem.date_ended or None)
                self.assertEqual(
                    self.day(row["Last contact"]), tandem.last_contact_date or None
                )
                self.assertEqual(
                    self.day(row["Next check-in"]), tandem.next_checkin_date or None
                )
                self.assertEqual(
                    row["Contacts"],
                    self.env["mentoring.key.moment"].search_count(
                        [
                            ("tandem_id", "=", tandem.id),
                            ("type_id.counts_as_contact", "=", True),
                        ]
                    ),
                )
        health = dict(
            self.env["mentoring.tandem"]
            ._fields["health"]
            ._description_selection(self.env)
        )
        for row in rows:
            tandem = expected.filtered(lambda t, row=row: t.name == row["Tandem"])
            with self.subTest(tandem=tandem.name, column="Health"):
                self.assertEqual(
                    row["Health"],
                    health[tandem.health] if tandem.phase != "closure" else None,
                )
        rosa = next(row for row in rows if row["Tandem"] == self.tandems["rosa"].name)
        self.assertEqual(rosa["Health"], "Critical")
        kim = next(row for row in rows if row["Tandem"] == self.tandems["kim"].name)
        self.assertEqual(kim["Ending"], "Ended Regularly")
        self.assertEqual(kim["Contacts"], 4)
        self.assertEqual(self.day(kim["Last contact"]), date(2025, 3, 31))

    def test_coordinator_register_leaves_out_other_programmes(self):
        _book, rows = self.register(self.coordinator_b)
        self.assertTrue(rows)
        self.assertEqual({row["Programme"] for row in rows}, {self.program_b.name})
        self.assertNotIn(self.tandems["kim"].name, {row["Tandem"] for row in rows})

    def test_names_that_look_like_formulas_stay_text(self):
        book, rows = self.register(self.admin, program_ids=self.program_a.ids)
        sheet = book["Tandems"]
        headers = [cell.value for cell in sheet[1]]
        mentor_column = headers.index("Mentor") + 1
        tandem_column = headers.index("Tandem") + 1
        formula_name = self.mentors["formula"].name
        cells = [
            row
            for row in sheet.iter_rows(min_row=2)
            if row[mentor_column - 1].value == formula_name
        ]
        self.assertEqual(len(cells), 1)
        for cell in (cells[0][mentor_column - 1], cells[0][tandem_column - 1]):
            self.assertEqual(cell.data_type, "s")
            self.assertTrue(cell.value.startswith("=HYPERLINK"))
