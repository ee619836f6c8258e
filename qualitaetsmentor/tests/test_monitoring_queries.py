from datetime import date

from freezegun import freeze_time

from odoo import Command

from .common import MentoringCase


class TestMonitoringQueries(MentoringCase):
    """The daily scheduled action costs the same number of queries for 5 or 50
    tandems: health and reminders are aggregated, never queried per tandem."""

    def _tandems(self, count, label):
        program = self.env["mentoring.program"].create(
            {
                "name": f"Messprogramm {label}",
                "coordinator_ids": [Command.link(self.coordinator_a.id)],
            }
        )
        mentors = self.env["mentoring.mentor"].create(
            [
                {
                    "name": f"Mentor {label} {i}",
                    "program_id": program.id,
                    "interview_date": date(2026, 1, 12),
                    "consent_date": date(2026, 1, 12),
                    "police_clearance_date": date(2021, 7, 1),
                    "training_date": date(2026, 2, 7),
                }
                for i in range(count)
            ]
        )
        mentees = self.env["mentoring.mentee"].create(
            [
                {
                    "name": f"Mentee {label} {i}",
                    "program_id": program.id,
                    "consent_date": date(2026, 1, 15),
                }
                for i in range(count)
            ]
        )
        tandems = (
            self.env["mentoring.tandem"]
            .with_context(mail_activity_automation_skip=True)
            .create(
                [
                    {
                        "program_id": program.id,
                        "mentor_id": mentor.id,
                        "mentee_id": mentee.id,
                        "coordinator_id": self.coordinator_a.id,
                        "stage_id": self.stages["matching"].id,
                        "date_matched": date(2026, 3, 1),
                    }
                    for mentor, mentee in zip(mentors, mentees, strict=True)
                ]
            )
        )
        self.env["mentoring.key.moment"].create(
            [
                {
                    "tandem_id": tandem.id,
                    "type_id": self.types[kind].id,
                    "date": day,
                    "summary": "Talk",
                }
                for tandem in tandems
                for kind, day in (
                    ("getting_to_know", date(2026, 3, 8)),
                    ("conflict", date(2026, 3, 20)),
                    ("check_in", date(2026, 3, 25)),
                )
            ]
        )
        tandems.stage_id = self.stages["accompaniment"]
        return tandems

    def _queries(self, tandems, day):
        """Queries of one run over ``tandems`` on ``day``, caches cold."""
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(day):
            before = self.cr.sql_log_count
            tandems._monitor_quality()
            self.env.flush_all()
            return self.cr.sql_log_count - before

    def test_monitoring_queries_do_not_grow_with_the_number_of_tandems(self):
        with freeze_time("2026-03-25"):
            few, many = self._tandems(5, "A"), self._tandems(50, "B")
        # First run on 2026-05-04: contacts overdue (the last one was on
        # 2026-03-25), the first feedback talk overdue, the police clearance
        # expiring: health changes and three reminders per tandem are created.
        first = [self._queries(few, "2026-05-04"), self._queries(many, "2026-05-04")]
        self.assertEqual(len(many.activity_ids), 150)
        self.assertEqual(set(many.mapped("health")), {"critical"})
        # The next day nothing new is due: health recomputed, no duplicate.
        second = [self._queries(few, "2026-05-05"), self._queries(many, "2026-05-05")]
        self.assertEqual(len(many.activity_ids), 150)
        # Creating 150 activities instead of 15 takes one more INSERT and one
        # more UPDATE: Odoo writes new rows in batches of 100.
        self.assertLessEqual(first[1] - first[0], 2, f"first run: {first}")
        self.assertEqual(second[0], second[1], f"second run: {second}")
        self.assertLess(first[1], 30)
        self.assertLess(second[1], 15)
