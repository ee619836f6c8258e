from odoo.exceptions import AccessError

from .common import DAYS_PER_MONTH, ReportCase


class TestTandemAnalysis(ReportCase):
    def test_rows_hold_the_facts_of_each_tandem(self):
        analysis = self.env["mentoring.tandem.analysis"]
        for name, tandem in self.tandems.items():
            row = analysis.browse(tandem.id)
            start = tandem.date_started or tandem.date_matched
            with self.subTest(tandem=name):
                self.assertEqual(row.tandem_id, tandem)
                self.assertEqual(row.program_id, tandem.program_id)
                self.assertEqual(row.phase, tandem.phase)
                self.assertEqual(row.date_start, start)
                self.assertEqual(row.year_started, start and str(start.year))
                self.assertEqual(
                    row.year_ended, tandem.date_ended and str(tandem.date_ended.year)
                )
                self.assertEqual(row.age_group, tandem.mentee_id.age_group)
                self.assertEqual(
                    row.contact_count,
                    self.env["mentoring.key.moment"].search_count(
                        [
                            ("tandem_id", "=", tandem.id),
                            ("type_id.counts_as_contact", "=", True),
                        ]
                    ),
                )
                if tandem.date_matched and tandem.date_requested:
                    self.assertEqual(
                        row.days_to_match,
                        (tandem.date_matched - tandem.date_requested).days,
                    )
                if tandem.date_ended:
                    self.assertAlmostEqual(
                        row.duration_months,
                        (tandem.date_ended - start).days / DAYS_PER_MONTH,
                    )
                    self.assertEqual(
                        row.ending,
                        "early" if tandem.end_reason_id.premature else "regular",
                    )
                else:
                    self.assertFalse(row.duration_months)
                    self.assertEqual(row.ending, "running")

    def test_grouped_like_the_pivot(self):
        groups = dict(
            self.env["mentoring.tandem.analysis"]._read_group(
                [("program_id", "=", self.program_a.id)],
                ["ending"],
                ["__count"],
            )
        )
        tandems = self.env["mentoring.tandem"].with_context(active_test=False)
        domain = [("program_id", "=", self.program_a.id)]
        self.assertEqual(
            groups["early"],
            tandems.search_count(
                domain + [("date_ended", "!=", False), ("ended_prematurely", "=", True)]
            ),
        )
        self.assertEqual(groups["early"], 2)
        self.assertEqual(
            groups["running"],
            tandems.search_count(domain + [("date_ended", "=", False)]),
        )

    def test_coordinator_analyses_her_programmes_only(self):
        analysis = self.env["mentoring.tandem.analysis"].with_user(self.coordinator_a)
        rows = analysis.search([])
        self.assertEqual(rows.program_id, self.program_a)
        self.assertIn(self.tandems["kim"].id, rows.ids)
        with self.assertRaises(AccessError):
            analysis.browse(self.tandems["rosa"].id).read(["contact_count"])
        with self.assertRaises(AccessError):
            analysis.browse(self.tandems["kim"].id).write({"contact_count": 0})

    def test_health_of_the_running_tandems(self):
        analysis = self.env["mentoring.tandem.analysis"]
        for name, tandem in self.tandems.items():
            with self.subTest(tandem=name):
                expected = tandem.health if tandem.phase != "closure" else False
                self.assertEqual(analysis.browse(tandem.id).health, expected)
        # Last contact in April 2025: critical long since; an ended tandem
        # has no health to report.
        self.assertEqual(analysis.browse(self.tandems["rosa"].id).health, "critical")
        self.assertFalse(analysis.browse(self.tandems["kim"].id).health)
        groups = dict(
            analysis._read_group(
                [("program_id", "=", self.program_a.id), ("health", "!=", False)],
                ["health"],
                ["__count"],
            )
        )
        tandems = self.env["mentoring.tandem"].with_context(active_test=False)
        self.assertEqual(
            sum(groups.values()),
            tandems.search_count(
                [("program_id", "=", self.program_a.id), ("phase", "!=", "closure")]
            ),
        )
        for health, count in groups.items():
            with self.subTest(health=health):
                self.assertEqual(
                    count,
                    tandems.search_count(
                        [
                            ("program_id", "=", self.program_a.id),
                            ("phase", "!=", "closure"),
                            ("health", "=", health),
                        ]
                    ),
                )
