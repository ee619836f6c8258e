import base64
import io
from datetime import date

import openpyxl

from odoo.addons.qualitaetsmentor.tests.common import MentoringCase

# Durations in months count days / 30.44 (the definitions sheet says so).
DAYS_PER_MONTH = 365.25 / 12


class ReportCase(MentoringCase):
    """Programme A with two years of history (2024, 2025), programme B with
    a few tandems of 2025; all dates explicit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reasons = {
            name: cls.env.ref(f"qualitaetsmentor.end_reason_{name}")
            for name in ("regular", "moved", "time")
        }
        cls.types["matching_talk"] = cls.env.ref(
            "qualitaetsmentor.key_moment_type_matching_talk"
        )
        cls.types["intake_mentor"] = cls.env.ref(
            "qualitaetsmentor.key_moment_type_intake_mentor"
        )
        a, b = cls.program_a, cls.program_b
        # Mentors of programme A: recruited, screened and trained in
        # different years, one never screened.
        cls.mentor_a.write(
            {
                "application_date": date(2023, 11, 2),
                "interview_date": date(2023, 12, 1),
                "police_clearance_date": date(2024, 1, 5),
                "training_date": date(2024, 1, 20),
            }
        )
        cls.mentors = {
            "ulla": cls._mentor(a, "Ulla Umsicht"),
            "vera": cls._mentor(a, "Vera Vorsicht"),
            "will": cls._mentor(a, "Willi Warten"),
            # A name that would be a formula if it were written as one.
            "formula": cls._mentor(a, '=HYPERLINK("http://example.com","Klick")'),
            "xaver": cls._mentor(b, "Xaver Xylophon"),
            "yvonne": cls._mentor(b, "Yvonne Yoga"),
        }
        cls.mentors["ulla"].write(
            {
                "application_date": date(2024, 2, 1),
                "interview_date": date(2024, 2, 20),
                "police_clearance_date": date(2024, 3, 1),
                "training_date": date(2024, 3, 15),
            }
        )
        cls.mentors["vera"].write(
            {
                "application_date": date(2024, 12, 1),
                "interview_date": date(2024, 12, 10),
                # Screened when the later of interview and clearance is done.
                "police_clearance_date": date(2025, 1, 8),
                "training_date": date(2025, 2, 1),
            }
        )
        cls.mentors["will"].write(
            {"application_date": date(2025, 5, 5), "interview_date": date(2025, 6, 1)}
        )
        cls.mentors["formula"].write({"application_date": date(2025, 1, 1)})
        cls.mentors["xaver"].write(
            {
                "application_date": date(2025, 1, 10),
                "interview_date": date(2025, 1, 20),
                "police_clearance_date": date(2025, 2, 1),
                "training_date": date(2025, 2, 10),
            }
        )
        cls.mentees = {
            name: cls._mentee(program, label)
            for name, program, label in (
                ("kim", a, "Kim Kind"),
                ("lou", a, "Lou Leser"),
                ("max", a, "Max Muster"),
                ("nia", a, "Nia Neu"),
                ("ole", a, "Ole Offen"),
                ("pia", a, "Pia Pause"),
                ("quinn", a, "Quinn Quelle"),
                ("rosa", b, "Rosa Rot"),
                ("sam", b, "Sam Sommer"),
                ("tara", b, "Tara Tal"),
            )
        }
        cls.mentees["lou"].birth_year = 2010  # another age group
        cls.mentees["nia"].write({"birth_year": False, "age_group": "family"})
        for name, waiting_since in (
            ("kim", date(2023, 10, 1)),
            ("lou", date(2024, 1, 15)),
            ("max", date(2024, 12, 1)),
            ("nia", date(2025, 4, 1)),
            ("ole", date(2025, 10, 1)),
            ("pia", date(2024, 6, 1)),
            ("quinn", date(2025, 2, 1)),
            ("rosa", date(2025, 1, 1)),
            ("sam", date(2025, 2, 1)),
            ("tara", date(2025, 3, 1)),
        ):
            cls.mentees[name].waiting_since = waiting_since
        # Archived: no longer waiting.
        cls.mentees["quinn"].active = False
        cls.mentee_a.waiting_since = date(2026, 1, 1)
        cls.mentee_b.waiting_since = date(2026, 1, 1)

        def tandem(program, mentor, mentee, phase, **dates):
            # Their history comes with the key moments below; the gates'
            # requirements are waived as for tandems documented on paper.
            record = cls._tandem(
                program,
                cls.mentors.get(mentor, cls.mentor_a),
                cls.mentees[mentee],
                cls.coordinator_a if program == a else cls.coordinator_b,
                phase,
                documented=False,
            )
            record.write(
                {
                    "date_matched": False,
                    "date_started": False,
                    **dates,
                }
            )
            return record

        cls.tandems = {
            # Ran through 2024, ended regularly in 2025.
            "kim": tandem(
                a,
                "a",
                "kim",
                "closure",
                date_requested=date(2023, 10, 1),
                date_matched=date(2024, 1, 10),
                date_started=date(2024, 1, 15),
                date_ended=date(2025, 3, 31),
                end_reason_id=cls.reasons["regular"].id,
            ),
            # No start date: it starts with its match; ended early in 2025.
            "lou": tandem(
                a,
                "ulla",
                "lou",
                "closure",
                date_requested=date(2024, 1, 15),
                date_matched=date(2024, 3, 20),
                date_ended=date(2025, 6, 30),
                end_reason_id=cls.reasons["moved"].id,
            ),
            # Starts on the first day of 2025: new, not active at the start.
            "max": tandem(
                a,
                "vera",
                "max",
                "accompaniment",
                date_requested=date(2024, 12, 1),
                date_matched=date(2024, 12, 20),
                date_started=date(2025, 1, 1),
            ),
            # Ends on the last day of 2025: ended early, not active at the end.
            "nia": tandem(
                a,
                "formula",
                "nia",
                "closure",
                date_requested=date(2025, 4, 1),
                date_matched=date(2025, 5, 12),
                date_started=date(2025, 5, 20),
                date_ended=date(2025, 12, 31),
                end_reason_id=cls.reasons["time"].id,
            ),
            # Waiting in preparation: counted nowhere, its mentee waits.
            "ole": tandem(
                a, "will", "ole", "preparation", date_requested=date(2025, 10, 1)
            ),
            # Archived, but it ran from 2024 on: still counted.
            "pia": tandem(
                a,
                "a",
                "pia",
                "accompaniment",
                date_requested=date(2024, 6, 1),
                date_matched=date(2024, 7, 1),
                date_started=date(2024, 7, 8),
            ),
            "rosa": tandem(
                b,
                "xaver",
                "rosa",
                "accompaniment",
                date_requested=date(2025, 1, 1),
                date_matched=date(2025, 3, 1),
                date_started=date(2025, 3, 10),
            ),
            "sam": tandem(
                b,
                "yvonne",
                "sam",
                "closure",
                date_requested=date(2025, 2, 1),
                date_matched=date(2025, 2, 15),
                date_started=date(2025, 2, 20),
                date_ended=date(2025, 9, 15),
                end_reason_id=cls.reasons["moved"].id,
            ),
        }
        cls.tandems["pia"].active = False
        moments = [
            ("kim", "getting_to_know", date(2024, 1, 15), "First meeting"),
            ("kim", "check_in", date(2024, 2, 1), "Check-in"),
            ("kim", "milestone", date(2024, 8, 1), "A milestone is no contact"),
            ("kim", "feedback", date(2025, 1, 20), "Feedback talk"),
            ("kim", "closing", date(2025, 3, 31), "Closing talk"),
            ("lou", "check_in", date(2024, 4, 2), "=1+1"),
            ("lou", "conflict", date(2025, 2, 2), "Conflict about meetings"),
            ("max", "matching_talk", date(2024, 12, 20), "Matching talk"),
            ("max", "getting_to_know", date(2025, 1, 1), "First meeting"),
            ("max", "check_in", date(2025, 1, 14), "Check-in"),
            ("nia", "check_in", date(2025, 6, 1), "Check-in"),
            ("ole", "intake_mentor", date(2025, 10, 5), "Intake talk"),
            ("ole", "matching_talk", date(2025, 10, 20), "Not accompanied yet"),
            ("pia", "check_in", date(2025, 3, 3), "Check-in"),
            ("rosa", "getting_to_know", date(2025, 3, 10), "First meeting"),
            ("rosa", "check_in", date(2025, 4, 1), "Check-in"),
            ("sam", "check_in", date(2025, 3, 1), "Check-in"),
        ]
        model = cls.env["mentoring.key.moment"]
        cls.moments = model.create(
            [
                {
                    "tandem_id": cls.tandems[tandem].id,
                    "type_id": cls.types[type_name].id,
                    "date": on,
                    "summary": summary,
                    "notes": f"<p>Notes on {summary}</p>",
                    "confidential": type_name == "conflict",
                }
                for tandem, type_name, on, summary in moments
            ]
        )
        cls.env.cr.precommit.run()

    # ---------------------------------------------------------------- export

    def export(self, user, workbook, date_from, date_to, **values):
        """Export as ``user`` and return the workbook read back."""
        wizard = (
            self.env["mentoring.report.export"]
            .with_user(user)
            .create(
                {
                    "workbook": workbook,
                    "date_from": date_from,
                    "date_to": date_to,
                    "lang": "en_US",
                    **values,
                }
            )
        )
        wizard.action_export()
        self.assertEqual(wizard.state, "done")
        self.assertTrue(wizard.file_name.endswith(".xlsx"))
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))

    def export_both_programmes(self, date_from, date_to, **values):
        """The statistics of both programmes as the administrator exports
        them."""
        return self.export(
            self.admin,
            "statistics",
            date_from,
            date_to,
            program_ids=(self.program_a | self.program_b).ids,
            **values,
        )

    @staticmethod
    def table(sheet):
        """The rows of a sheet as dicts keyed by the header row."""
        rows = list(sheet.iter_rows(values_only=True))
        return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]

    @staticmethod
    def day(value):
        """openpyxl reads Excel dates as datetimes."""
        return value.date() if value else value
