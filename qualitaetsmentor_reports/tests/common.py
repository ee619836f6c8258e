import base64
import io
from datetime import date

import openpyxl

from odoo.addons.qualitaetsmentor.tests.common import MentoringCase

# Durations in months count days / 30.44 (the definitions sheet says so).
DAYS_PER_MONTH = 365.25 / 12


# The history of programme A (2024, 2025) and programme B (2025) that the
# reports are tested on; every date explicit. None: the date is not set.

# fmt: off
# Mentors besides mentor A (key, programme, name) and the dates of their
# screening that differ from a mentor's defaults: application, interview,
# police clearance, training. Programme A's mentors were recruited, screened
# and trained in different years, one never screened.
MENTORS = (
    ("ulla", "A", "Ulla Umsicht",
     date(2024, 2, 1), date(2024, 2, 20), date(2024, 3, 1), date(2024, 3, 15)),
    # Screened when the later of interview and clearance is done.
    ("vera", "A", "Vera Vorsicht",
     date(2024, 12, 1), date(2024, 12, 10), date(2025, 1, 8), date(2025, 2, 1)),
    ("will", "A", "Willi Warten", date(2025, 5, 5), date(2025, 6, 1), None, None),
    # A name that would be a formula if it were written as one.
    ("formula", "A", '=HYPERLINK("http://example.com","Klick")',
     date(2025, 1, 1), None, None, None),
    ("xaver", "B", "Xaver Xylophon",
     date(2025, 1, 10), date(2025, 1, 20), date(2025, 2, 1), date(2025, 2, 10)),
    ("yvonne", "B", "Yvonne Yoga", None, None, None, None),
)
# fmt: on

# Mentees: key, programme, name, waiting since.
MENTEES = (
    ("kim", "A", "Kim Kind", date(2023, 10, 1)),
    ("lou", "A", "Lou Leser", date(2024, 1, 15)),
    ("max", "A", "Max Muster", date(2024, 12, 1)),
    ("nia", "A", "Nia Neu", date(2025, 4, 1)),
    ("ole", "A", "Ole Offen", date(2025, 10, 1)),
    ("pia", "A", "Pia Pause", date(2024, 6, 1)),
    ("quinn", "A", "Quinn Quelle", date(2025, 2, 1)),
    ("rosa", "B", "Rosa Rot", date(2025, 1, 1)),
    ("sam", "B", "Sam Sommer", date(2025, 2, 1)),
    ("tara", "B", "Tara Tal", date(2025, 3, 1)),
)

# fmt: off
# Tandems, named after their mentee: programme, mentor, mentee, phase, end
# reason, and the dates requested, matched, started and ended.
TANDEMS = (
    # Ran through 2024, ended regularly in 2025.
    ("A", "mentor_a", "kim", "closure", "regular",
     date(2023, 10, 1), date(2024, 1, 10), date(2024, 1, 15), date(2025, 3, 31)),
    # No start date: it starts with its match; ended early in 2025.
    ("A", "ulla", "lou", "closure", "moved",
     date(2024, 1, 15), date(2024, 3, 20), None, date(2025, 6, 30)),
    # Starts on the first day of 2025: new, not active at the start.
    ("A", "vera", "max", "accompaniment", None,
     date(2024, 12, 1), date(2024, 12, 20), date(2025, 1, 1), None),
    # Ends on the last day of 2025: ended early, not active at the end.
    ("A", "formula", "nia", "closure", "time",
     date(2025, 4, 1), date(2025, 5, 12), date(2025, 5, 20), date(2025, 12, 31)),
    # Waiting in preparation: counted nowhere, its mentee waits.
    ("A", "will", "ole", "preparation", None, date(2025, 10, 1), None, None, None),
    # Archived (below), but it ran from 2024 on: still counted.
    ("A", "mentor_a", "pia", "accompaniment", None,
     date(2024, 6, 1), date(2024, 7, 1), date(2024, 7, 8), None),
    ("B", "xaver", "rosa", "accompaniment", None,
     date(2025, 1, 1), date(2025, 3, 1), date(2025, 3, 10), None),
    ("B", "yvonne", "sam", "closure", "moved",
     date(2025, 2, 1), date(2025, 2, 15), date(2025, 2, 20), date(2025, 9, 15)),
)
# fmt: on
TANDEM_DATES = ("date_requested", "date_matched", "date_started", "date_ended")

# Key moments: tandem, type, date, summary; conflicts are confidential.
MOMENTS = (
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
)


class ReportCase(MentoringCase):
    """Programme A with two years of history (2024, 2025), programme B with
    a few tandems of 2025: the tables above."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reasons = cls._refs("end_reason_", "regular", "moved", "time")
        cls.types.update(
            cls._refs("key_moment_type_", "matching_talk", "intake_mentor")
        )
        programs = {"A": cls.program_a, "B": cls.program_b}
        cls._screen(
            cls.mentor_a,
            date(2023, 11, 2),
            date(2023, 12, 1),
            date(2024, 1, 5),
            date(2024, 1, 20),
        )
        cls.mentors = {
            key: cls._mentor(programs[program], name)
            for key, program, name, *_screening in MENTORS
        }
        for key, _program, _name, *screening in MENTORS:
            cls._screen(cls.mentors[key], *screening)
        cls.mentees = {
            key: cls._mentee(programs[program], name)
            for key, program, name, _waiting_since in MENTEES
        }
        cls.mentees["lou"].birth_year = 2010  # another age group
        cls.mentees["nia"].write({"birth_year": False, "age_group": "family"})
        for key, _program, _name, waiting_since in MENTEES:
            cls.mentees[key].waiting_since = waiting_since
        # Archived: no longer waiting.
        cls.mentees["quinn"].active = False
        cls.mentee_a.waiting_since = date(2026, 1, 1)
        cls.mentee_b.waiting_since = date(2026, 1, 1)
        mentors = {"mentor_a": cls.mentor_a, **cls.mentors}
        cls.tandems = {}
        for program, mentor, mentee, phase, reason, *dates in TANDEMS:
            # Their history comes with the key moments; the gates'
            # requirements are waived as for tandems documented on paper.
            tandem = cls.tandems[mentee] = cls._tandem(
                programs[program],
                mentors[mentor],
                cls.mentees[mentee],
                cls.coordinator_a if program == "A" else cls.coordinator_b,
                phase,
                documented=False,
            )
            values = dict(zip(TANDEM_DATES, dates, strict=True))
            if reason:
                values["end_reason_id"] = cls.reasons[reason].id
            tandem.write(
                {
                    "date_matched": False,
                    "date_started": False,
                    **{name: value for name, value in values.items() if value},
                }
            )
        cls.tandems["pia"].active = False
        cls.moments = cls.env["mentoring.key.moment"].create(
            [
                {
                    "tandem_id": cls.tandems[tandem].id,
                    "type_id": cls.types[type_name].id,
                    "date": on,
                    "summary": summary,
                    "notes": f"<p>Notes on {summary}</p>",
                    "confidential": type_name == "conflict",
                }
                for tandem, type_name, on, summary in MOMENTS
            ]
        )
        cls.env.cr.precommit.run()

    @classmethod
    def _screen(cls, mentor, applied, interviewed, cleared, trained):
        """Write the dates of the mentor's screening that are given."""
        values = {
            "application_date": applied,
            "interview_date": interviewed,
            "police_clearance_date": cleared,
            "training_date": trained,
        }
        values = {name: value for name, value in values.items() if value}
        if values:
            mentor.write(values)

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
