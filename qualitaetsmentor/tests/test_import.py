import io
from pathlib import Path

import xlsxwriter
from freezegun import freeze_time

from odoo import Command
from odoo.modules.module import get_module_path

from .test_german import GermanCase

CSV_OPTIONS = {
    "has_headers": True,
    "quoting": '"',
    "separator": ",",
    "encoding": "utf-8",
    "date_format": "%Y-%m-%d",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
}


# The programme of the demo data, named in the shipped templates.
DEMO_PROGRAM = "Patenschaften Hamburg – Zusammen wachsen"
# The options as the import screen sends them first: Odoo guesses encoding,
# separator and date format, and the screen sends its guesses back with the
# import.
GUESSED_OPTIONS = {
    **CSV_OPTIONS,
    "encoding": "",
    "separator": "",
    "date_format": "",
    "datetime_format": "",
}


class TestImport(GermanCase):
    """Mentors and mentees come in through Odoo's own import, as a
    coordinator uploads a file: all rows or none."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Program = cls.env["mentoring.program"]
        cls.demo_program = Program.search([("name", "=", DEMO_PROGRAM)]) or (
            Program.create({"name": DEMO_PROGRAM})
        )
        cls.demo_program.coordinator_ids = [Command.link(cls.german_coordinator.id)]

    def _import_as(self, user, model, content, dryrun=False):
        """Import ``content`` as ``user`` does on the import screen: with
        the options Odoo guesses and the columns it maps for her."""
        wizard = self._german("base_import.import", user).create(
            {
                "res_model": model,
                "file": content,
                "file_type": "text/csv",
                "file_name": "datei.csv",
            }
        )
        preview = wizard.parse_preview(dict(GUESSED_OPTIONS))
        self.assertNotIn("error", preview)
        fields = [
            "/".join(match) if match else False
            for match in (
                preview["matches"].get(index)
                for index in range(len(preview["headers"]))
            )
        ]
        columns = [header.lower() for header in preview["headers"]]
        return preview, wizard.execute_import(
            fields, columns, preview["options"], dryrun=dryrun
        )

    def _import(self, model, content, file_type="text/csv", file_name="file.csv"):
        wizard = (
            self.env["base_import.import"]
            .with_user(self.coordinator_a)
            .create(
                {
                    "res_model": model,
                    "file": content,
                    "file_type": file_type,
                    "file_name": file_name,
                }
            )
        )
        preview = wizard.parse_preview(dict(CSV_OPTIONS))
        self.assertNotIn("error", preview)
        headers = preview["headers"]
        # map each column as the import screen does
        fields = ["/".join(preview["matches"][index]) for index in range(len(headers))]
        self.assertNotIn("", fields)
        return wizard.execute_import(fields, headers, dict(CSV_OPTIONS))

    def _template(self, name):
        path = Path(get_module_path("qualitaetsmentor")) / "static" / "import" / name
        return path.read_bytes()

    def _import_nothing(self, model, content):
        """Imports ``content``, which must bring in nothing: no record, no
        profile, no contact; gives the result with its messages."""
        before = self._counts()
        result = self._import(model, content)
        self.assertFalse(result.get("ids"))
        self.assertEqual(self._counts(), before, "no profile, no contact")
        return result

    def _counts(self):
        Partner = self.env["res.partner"].with_context(active_test=False)
        return (
            self.env["mentoring.mentor"].search_count([]),
            self.env["mentoring.mentee"].search_count([]),
            Partner.search_count([]),
        )

    def test_shipped_templates_import(self):
        """The templates are German: semicolons as German Excel saves them,
        German headers Odoo maps for a German coordinator, dotted dates,
        German values, and the demo's programme."""
        for name in ("mentors.csv", "mentees.csv", "tandems.csv"):
            with self.subTest(template=name):
                header = self._template(name).decode().splitlines()[0]
                self.assertIn(";", header)
                self.assertNotIn(",", header)
                self.assertIn(DEMO_PROGRAM, self._template(name).decode())
        preview, result = self._import_as(
            self.german_coordinator, "mentoring.mentor", self._template("mentors.csv")
        )
        self.assertEqual(preview["options"]["separator"], ";")
        self.assertNotIn(None, preview["matches"].values())
        self.assertEqual(len(preview["matches"]), len(preview["headers"]))
        self.assertFalse(result["messages"])
        mentors = self.env["mentoring.mentor"].browse(result["ids"])
        self.assertEqual(mentors.mapped("name"), ["Maria Muster", "Jonas Beispiel"])
        self.assertEqual(mentors.program_id, self.demo_program)
        self.assertEqual(mentors[0].partner_id.email, "maria.muster@example.org")
        self.assertEqual(mentors.mapped("status"), ["preparation", "applicant"])
        self.assertEqual(str(mentors[0].police_clearance_date), "2026-01-28")
        self.assertFalse(mentors[0].police_clearance_relevant_entry)
        # The matching criteria come as tags by their German names (issue 14);
        # the free text of availability as its note.
        self.assertEqual(
            mentors[0].language_ids,
            self.env.ref("qualitaetsmentor.language_de")
            | self.env.ref("qualitaetsmentor.language_en"),
        )
        self.assertEqual(
            mentors[0].with_context(lang="de_DE").interest_ids.mapped("name"),
            ["Lesen", "Radfahren"],
        )
        self.assertEqual(mentors[0].availability_note, "Dienstagnachmittags")

        preview, result = self._import_as(
            self.german_coordinator, "mentoring.mentee", self._template("mentees.csv")
        )
        self.assertEqual(len(preview["matches"]), len(preview["headers"]))
        self.assertFalse(result["messages"])
        mentees = self.env["mentoring.mentee"].browse(result["ids"])
        self.assertEqual(mentees.mapped("age_group"), ["child", "family"])
        self.assertEqual(mentees.mapped("consent_given_by"), ["guardian", "mentee"])
        self.assertEqual(str(mentees[0].waiting_since), "2026-01-15")

    def test_a_column_that_maps_to_nothing_is_named_in_the_test_run(self):
        content = "Name;Programm;Lieblingsfarbe\nNeue Mentorin;Lesepaten Altona;blau\n"
        content = content.encode()
        preview, result = self._import_as(
            self.german_coordinator, "mentoring.mentor", content, dryrun=True
        )
        self.assertNotIn(2, preview["matches"])
        warnings = [m for m in result["messages"] if m.get("unmapped_columns")]
        self.assertEqual(len(warnings), 1)
        self.assertEqual(warnings[0]["type"], "warning")
        self.assertNotIn("record", warnings[0], "shown for the whole file")
        self.assertIn('"lieblingsfarbe"', warnings[0]["message"])
        self.assertIn("keinem Feld", warnings[0]["message"])
        # The real import, once she has decided, is not held up by it.
        preview, result = self._import_as(
            self.german_coordinator, "mentoring.mentor", content
        )
        self.assertFalse(result["messages"])
        self.assertEqual(
            self.env["mentoring.mentor"].browse(result["ids"]).name, "Neue Mentorin"
        )

    def test_running_tandems_come_in_through_the_template(self):
        """Mentors, mentees, then their running tandems, from the three
        shipped templates, as a German coordinator imports them."""
        user = self.german_coordinator
        for model, name in (
            ("mentoring.mentor", "mentors.csv"),
            ("mentoring.mentee", "mentees.csv"),
        ):
            _preview, result = self._import_as(user, model, self._template(name))
            self.assertFalse(result["messages"])
        with freeze_time("2026-11-20 10:00:00"):
            preview, result = self._import_as(
                user, "mentoring.takeover", self._template("tandems.csv")
            )
            self.assertEqual(len(preview["matches"]), len(preview["headers"]))
            self.assertFalse(result["messages"])
            takeover = self.env["mentoring.takeover"].browse(result["ids"])
            tandem = takeover.tandem_id
            self.assertEqual(tandem.name, "Maria Muster & Lea Probe")
            self.assertEqual(tandem.program_id, self.demo_program)
            self.assertEqual(tandem.coordinator_id, user)
            self.assertEqual(tandem.phase, "accompaniment")
            self.assertEqual(str(tandem.date_phase_entered), "2026-03-15")
            self.assertEqual(str(tandem.next_checkin_date), "2026-12-10")
            self.assertEqual(tandem.health, "ok")

    def test_templates_are_offered_on_the_import_screen(self):
        for model, name in (
            ("mentoring.mentor", "mentors.csv"),
            ("mentoring.mentee", "mentees.csv"),
            ("mentoring.takeover", "tandems.csv"),
        ):
            with self.subTest(model=model):
                templates = self.env[model].get_import_templates()
                self.assertEqual(
                    templates[0]["template"], f"/qualitaetsmentor/static/import/{name}"
                )

    def test_one_bad_row_imports_nothing(self):
        result = self._import_nothing(
            "mentoring.mentor",
            b"name,email,program_id,status\n"
            b"Gute Zeile,gut@example.org,Lesepaten Altona,applicant\n"
            b"Falsches Programm,falsch@example.org,Lesepaten Nirgendwo,applicant\n"
            b"Noch eine gute,gut2@example.org,Lesepaten Altona,applicant\n",
        )
        errors = [
            message for message in result["messages"] if message["type"] == "error"
        ]
        self.assertEqual(len(errors), 1)
        self.assertIn("Lesepaten Nirgendwo", errors[0]["message"])
        self.assertEqual(errors[0]["rows"], {"from": 1, "to": 1}, "the second data row")

    def test_a_row_refused_by_a_constraint_imports_nothing(self):
        result = self._import_nothing(
            "mentoring.mentee",
            b"name,program_id,birth_year,consent_given_by\n"
            b"Kind Eins,Lesepaten Altona,2016,guardian\n"
            b"Kind Zwei,Lesepaten Altona,2015,mentee\n",
        )
        for message in result["messages"]:
            self.assertIn("Kind Zwei is under 18", message["message"])
        # Odoo first tries the whole batch, then row by row: the row by row
        # pass names the line.
        self.assertIn(
            {"from": 1, "to": 1}, [message["rows"] for message in result["messages"]]
        )

    def test_a_bad_date_imports_nothing(self):
        result = self._import_nothing(
            "mentoring.mentor",
            b"name,program_id,interview_date\n"
            b"Datum Gut,Lesepaten Altona,2026-02-01\n"
            b"Datum Schlecht,Lesepaten Altona,31.02.2026\n",
        )
        self.assertTrue(result["messages"])

    def test_xlsx_imports(self):
        stream = io.BytesIO()
        workbook = xlsxwriter.Workbook(stream, {"in_memory": True})
        sheet = workbook.add_worksheet()
        for row, values in enumerate(
            (
                ("name", "email", "program_id", "language_ids"),
                (
                    "Xenia Tabelle",
                    "xenia@example.org",
                    "Lesepaten Altona",
                    "German, Italian",
                ),
            )
        ):
            sheet.write_row(row, 0, values)
        workbook.close()
        result = self._import(
            "mentoring.mentor",
            stream.getvalue(),
            file_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            file_name="mentors.xlsx",
        )
        self.assertFalse(result["messages"])
        mentor = self.env["mentoring.mentor"].browse(result["ids"])
        self.assertEqual(mentor.partner_id.email, "xenia@example.org")
        self.assertEqual(
            mentor.language_ids,
            self.env.ref("qualitaetsmentor.language_de")
            | self.env.ref("qualitaetsmentor.language_it"),
        )

    def test_importing_the_template_twice_updates_the_profiles(self):
        user = self.german_coordinator
        _preview, first = self._import_as(
            user, "mentoring.mentor", self._template("mentors.csv")
        )
        self.assertFalse(first["messages"])
        counts = self._counts()
        mentors = self.env["mentoring.mentor"].browse(first["ids"])
        # A coordinator corrects the interview date in her spreadsheet.
        content = self._template("mentors.csv").replace(
            b"12.01.2026;20.01.2026", b"12.01.2026;21.01.2026"
        )
        _preview, second = self._import_as(user, "mentoring.mentor", content)
        self.assertFalse(second["messages"])
        self.assertEqual(self._counts(), counts, "no second profile, no copy")
        self.assertEqual(second["ids"], first["ids"])
        self.assertEqual(str(mentors[0].interview_date), "2026-01-21")
        # The contact keeps the phone the second file leaves out.
        self.assertEqual(mentors[0].phone, "+49 40 1234567")

    def test_a_guardian_imported_as_mentor_keeps_her_contact(self):
        guardian = self.env["res.partner"].create(
            {"name": "Gisela Mutter", "email": "gisela@example.org", "phone": "040 1"}
        )
        self.mentee_a.guardian_id = guardian
        self.program_b.coordinator_ids = [Command.link(self.coordinator_a.id)]
        counts = self._counts()
        result = self._import(
            "mentoring.mentor",
            b"name,email,program_id,status\n"
            b"Gisela Mutter, Gisela@Example.org ,Lesepaten Altona,applicant\n"
            b"Neue Person,neu@example.org,Lesepaten Altona,applicant\n"
            # the same person twice in one file
            b"Neue Person,neu@example.org,Familienpaten Harburg,applicant\n",
        )
        self.assertFalse(result["messages"])
        mentors = self.env["mentoring.mentor"].browse(result["ids"])
        self.assertEqual(mentors[0].partner_id, guardian)
        self.assertEqual(guardian.phone, "040 1")
        self.assertEqual(mentors[1].partner_id, mentors[2].partner_id)
        self.assertEqual(mentors[2].program_id, self.program_b)
        # three profiles on two contacts: one new contact only
        self.assertEqual(self._counts(), (counts[0] + 3, counts[1], counts[2] + 1))
        Partner = self.env["res.partner"].with_context(active_test=False)
        self.assertEqual(
            Partner.search_count([("email_normalized", "=", "gisela@example.org")]), 1
        )

    def test_german_excel_file_keeps_day_and_month(self):
        """A list saved by German Excel (semicolons, Windows-1252, dotted
        dates) imported by a coordinator whose interface is English."""
        self.assertEqual(self.coordinator_a.lang, "en_US")
        content = (
            "name;email;program_id;interview_date;training_date\n"
            "Jürgen Müller;jm@example.org;Lesepaten Altona;03.04.2026;12.04.2026\n"
            "Änne Groß;;Lesepaten Altona;01.02.2026;\n"
        ).encode("cp1252")
        wizard = (
            self.env["base_import.import"]
            .with_user(self.coordinator_a)
            .create(
                {
                    "res_model": "mentoring.mentor",
                    "file": content,
                    "file_type": "text/csv",
                    "file_name": "Mentoren.csv",
                }
            )
        )
        # The options as the import screen sends them first: Odoo guesses
        # encoding, separator and date format, and the screen sends its
        # guesses back with the import.
        options = {
            **CSV_OPTIONS,
            "encoding": "",
            "separator": "",
            "date_format": "",
            "datetime_format": "",
        }
        preview = wizard.parse_preview(options)
        self.assertNotIn("error", preview)
        self.assertEqual(preview["options"]["separator"], ";")
        self.assertEqual(preview["options"]["date_format"], "%d.%m.%Y")
        fields = ["/".join(match) for match in preview["matches"].values()]
        result = wizard.execute_import(fields, preview["headers"], preview["options"])
        self.assertFalse(result["messages"])
        first, second = self.env["mentoring.mentor"].browse(result["ids"])
        self.assertEqual(first.name, "Jürgen Müller")
        self.assertEqual(str(first.interview_date), "2026-04-03")
        self.assertEqual(str(first.training_date), "2026-04-12")
        self.assertEqual(second.name, "Änne Groß")
        self.assertEqual(str(second.interview_date), "2026-02-01")
