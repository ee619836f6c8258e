import base64
import io
import zipfile
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command

from odoo.addons.qualitaetsmentor.tests.common import MentoringCase

from .common import ReportCase

# fmt: off
# Three tandems of 2025 in a programme of the default standards (first contact
# within 14 days, 2 contacts in the first month, a contact every 30 days,
# feedback talks after 42 days, 6 and 12 months). Per tandem: matched, started,
# ended, end reason, the mentor's training and clearance, the key moments.
TANDEMS = {
    # First contact on day 14; April without contact; feedback 12 days after
    # its due date; ended regularly before the second feedback talk was due.
    "t1": (date(2025, 1, 10), date(2025, 1, 20), date(2025, 6, 30), "regular",
           date(2024, 12, 15), date(2024, 12, 1),
           (("check_in", date(2025, 1, 24)), ("check_in", date(2025, 2, 5)),
            ("feedback", date(2025, 3, 5)), ("check_in", date(2025, 5, 6)))),
    # First contact on day 15, one contact in the first month; every month a
    # contact, never more than 30 days apart; no first feedback talk, the
    # second 14 days after its due date. Trained and cleared after the match.
    "t2": (date(2025, 1, 10), date(2025, 1, 25), None, None,
           date(2025, 2, 1), date(2025, 2, 1),
           tuple(("check_in", day) for day in (
               date(2025, 1, 25), date(2025, 2, 20), date(2025, 3, 15),
               date(2025, 4, 10), date(2025, 5, 5), date(2025, 6, 1),
               date(2025, 6, 25), date(2025, 8, 15), date(2025, 9, 10),
               date(2025, 10, 5), date(2025, 10, 30), date(2025, 11, 25),
               date(2025, 12, 20),
           )) + (("feedback", date(2025, 7, 24)),)),
    # June without contact; the first feedback talk 15 days late, none for
    # the second; ended early.
    "t3": (date(2025, 3, 1), date(2025, 3, 1), date(2025, 9, 30), "moved",
           date(2024, 12, 15), date(2024, 12, 1),
           (("check_in", date(2025, 3, 5)), ("check_in", date(2025, 3, 20)),
            ("feedback", date(2025, 4, 27)), ("check_in", date(2025, 5, 10)),
            ("check_in", date(2025, 7, 15)), ("check_in", date(2025, 8, 10)))),
}
# fmt: on

# (applicable, met) of 2025, counted by hand from the table above.
EXPECTED_2025 = {
    "first_contact": (3, 2),
    "first_month": (3, 2),
    # t1: Feb-Jun (April missing), t2: Feb-Dec, t3: Mar-Sep (June missing)
    "regular_contact": (23, 21),
    "no_gap": (3, 1),
    # t1: 1st on time; t2: 1st missing, 2nd on day +14; t3: +15, 2nd missing
    "feedback": (5, 2),
    "closure": (2, 2),
    "training": (3, 2),
    "clearance": (3, 2),
    "ended_early": (2, 1),
}
TODAY = "2026-01-10"


class QualityCase(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program_q = cls.env["mentoring.program"].create(
            {
                "name": "Lernpaten Wilhelmsburg",
                "coordinator_ids": [Command.link(cls.coordinator_a.id)],
            }
        )
        reasons = {
            name: cls.env.ref(f"qualitaetsmentor.end_reason_{name}")
            for name in ("regular", "moved")
        }
        cls.quality_tandems = {}
        for key, (
            matched,
            started,
            ended,
            reason,
            trained,
            cleared,
            moments,
        ) in TANDEMS.items():
            mentor = cls._mentor(cls.program_q, f"Mentorin {key}")
            tandem = cls._tandem(
                cls.program_q,
                mentor,
                cls._mentee(cls.program_q, f"Mentee {key}"),
                cls.coordinator_a,
                documented=False,
            )
            tandem.write({"date_matched": matched, "date_started": started})
            # Screening entered after the match was recorded: the tandem's
            # fact follows a clearance valid on the match date.
            mentor.write(
                {
                    "interview_date": date(2024, 11, 1),
                    "training_date": trained,
                    "police_clearance_date": cleared,
                }
            )
            for type_name, on in moments:
                cls._moment(tandem, type_name, on)
            if ended:
                cls._close(tandem, ended, end_reason_id=reasons[reason].id)
            cls.quality_tandems[key] = tandem
        cls.env.cr.precommit.run()

    def setUp(self):
        super().setUp()
        # The fixtures are created on the real day (the builders' dates lie
        # in 2026); the report is read on a fixed one.
        freezer = freeze_time(TODAY)
        freezer.start()
        self.addCleanup(freezer.stop)

    def rates(self, user=None, year=2025, program=None):
        report = self.env["mentoring.quality.report"]
        if user:
            report = report.with_user(user)
        program = program or self.program_q
        rates = report._yearly_rates(program, [year])
        return {
            standard: rates[program_id, year_, standard]
            for program_id, year_, standard in rates
            if program_id == program.id and year_ == year
        }


class TestQualityReport(QualityCase):
    def test_each_standard_at_its_edges(self):
        self.assertEqual(self.rates(), EXPECTED_2025)

    def test_a_first_contact_on_day_14_meets_day_15_does_not(self):
        facts = self.env["mentoring.quality.report"]._read_group(
            [
                ("program_id", "=", self.program_q.id),
                ("standard", "=", "first_contact"),
            ],
            ["quarter"],
            ["met:sum"],
        )
        self.assertEqual(facts, [("1", 2)])
        # One day later the first contact of t1 is late too.
        moment = self.quality_tandems["t1"].key_moment_ids.filtered(
            lambda moment: moment.date == date(2025, 1, 24)
        )
        moment.date = date(2025, 1, 25)
        self.assertEqual(self.rates()["first_contact"], (3, 1))

    def test_rates_equal_a_count_over_key_moments(self):
        """The same figures counted another way: the ORM over the tandems and
        their key moments."""
        tandems = self.env["mentoring.tandem"].search(
            [("program_id", "=", self.program_q.id)]
        )
        contacts = {
            tandem: sorted(
                tandem.key_moment_ids.filtered("type_id.counts_as_contact").mapped(
                    "date"
                )
            )
            for tandem in tandems
        }
        days = self.program_q.first_contact_days
        first_contact = [
            any(
                tandem.date_matched <= day <= tandem.date_matched + timedelta(days)
                for day in contacts[tandem]
            )
            for tandem in tandems
        ]
        months = []
        for tandem in tandems:
            month = (tandem.date_started - timedelta(1)).replace(day=1)
            month += relativedelta(months=1)
            last_day = tandem.date_ended or date(2025, 12, 31)
            while month + relativedelta(months=1, days=-1) <= last_day:
                months.append(
                    any(
                        (day.year, day.month) == (month.year, month.month)
                        for day in contacts[tandem]
                    )
                )
                month += relativedelta(months=1)
        ended = tandems.filtered("date_ended")
        closed = ended.filtered(
            lambda tandem: (
                tandem.end_reason_id
                and "closing" in tandem.key_moment_ids.mapped("category")
            )
        )
        rates = self.rates()
        self.assertEqual(
            rates["first_contact"], (len(first_contact), sum(first_contact))
        )
        self.assertEqual(rates["regular_contact"], (len(months), sum(months)))
        self.assertEqual(rates["closure"], (len(ended), len(closed)))
        self.assertEqual(
            rates["ended_early"],
            (len(ended), len(ended.filtered("end_reason_id.premature"))),
        )

    def test_the_rate_of_several_rows_divides_the_sums(self):
        Report = self.env["mentoring.quality.report"]
        domain = [
            ("program_id", "=", self.program_q.id),
            ("standard", "=", "regular_contact"),
            ("year", "=", "2025"),
        ]
        quarters = Report.search(domain)
        self.assertEqual(len(quarters), 4)
        [(rate,)] = Report._read_group(domain, [], ["rate:avg"])
        self.assertAlmostEqual(rate, 100 * 21 / 23)
        # Not the mean of the quarters' rates.
        self.assertNotAlmostEqual(rate, sum(quarters.mapped("rate")) / 4, places=2)
        # The web client's read_group (pivot, graph) alike.
        [group] = Report.read_group(domain, ["rate:avg"], ["standard"])
        self.assertAlmostEqual(group["rate"], 100 * 21 / 23)

    def test_an_undecided_standard_does_not_count_yet(self):
        # t2's third feedback talk is due today: it may still be held within
        # 14 days.
        rates_2026 = self.rates(year=2026)
        self.assertNotIn("feedback", rates_2026)
        with freeze_time("2026-01-25"):
            self.assertEqual(self.rates(year=2026)["feedback"], (1, 0))

    def test_a_coordinator_of_another_programme_sees_no_rows_of_ours(self):
        Report = self.env["mentoring.quality.report"]
        self.assertTrue(Report.with_user(self.coordinator_a).search_count([]))
        theirs = Report.with_user(self.coordinator_b).search([])
        self.assertTrue(theirs)
        self.assertEqual(theirs.program_id, self.program_b)
        self.assertEqual(self.rates(self.coordinator_b), {})
        self.assertEqual(self.rates(self.coordinator_a), EXPECTED_2025)

    def test_a_read_only_user_sees_her_programmes_rates(self):
        viewer = self._viewer(self.program_q, "qm_board", "Beate Beirat")
        self.assertEqual(self.rates(viewer), EXPECTED_2025)
        Report = self.env["mentoring.quality.report"].with_user(viewer)
        self.assertEqual(Report.search([]).program_id, self.program_q)

    def test_clearance_at_the_match_stays_when_renewed_or_removed(self):
        t1, t2 = self.quality_tandems["t1"], self.quality_tandems["t2"]
        self.assertTrue(t1.clearance_valid_at_match)
        self.assertFalse(t2.clearance_valid_at_match)
        t1.mentor_id.police_clearance_date = date(2025, 12, 1)
        t1.mentor_id.police_clearance_date = False
        self.assertTrue(t1.clearance_valid_at_match)
        self.assertEqual(self.rates()["clearance"], (3, 2))

    def test_a_clearance_is_valid_on_its_valid_until_day(self):
        # As the matching gate counts it (valid until >= the day): a match on
        # the last day of a clearance's validity met the standard.
        t2 = self.quality_tandems["t2"]
        mentor = t2.mentor_id
        self.assertEqual(self.program_q.police_clearance_validity_years, 5)
        mentor.police_clearance_date = date(2020, 1, 9)
        self.assertFalse(t2.clearance_valid_at_match)
        mentor.police_clearance_date = date(2020, 1, 10)
        self.assertEqual(mentor.police_clearance_valid_until, t2.date_matched)
        self.assertTrue(t2.clearance_valid_at_match)

    def test_a_refresher_training_does_not_change_a_closed_year(self):
        t1, t2 = self.quality_tandems["t1"], self.quality_tandems["t2"]
        # Entered after the match was recorded: t1's training lay before it,
        # t2's after it.
        self.assertTrue(t1.trained_at_match)
        self.assertFalse(t2.trained_at_match)
        self.assertEqual(self.rates()["training"], (3, 2))
        # A refresher training today moves both mentors' training date past
        # their match: 2025 stays as reported.
        for tandem in (t1, t2):
            tandem.mentor_id.training_date = date(2026, 1, 10)
        self.assertTrue(t1.trained_at_match)
        self.assertFalse(t2.trained_at_match)
        self.assertEqual(self.rates()["training"], (3, 2))
        # Corrected to a day before the match, t2's fact follows.
        t2.mentor_id.training_date = date(2025, 1, 5)
        self.assertTrue(t2.trained_at_match)
        self.assertEqual(self.rates()["training"], (3, 3))

    def test_figures_stay_after_the_anonymisation(self):
        before = self.rates()
        medians = self.env["mentoring.quality.report"]._median_figures(
            self.program_q, [2025]
        )
        self.env["mentoring.anonymization"]._run(dry_run=False, today=date(2026, 1, 9))
        t1, t3 = self.quality_tandems["t1"], self.quality_tandems["t3"]
        self.assertTrue(t1.date_anonymized)
        self.assertTrue(t3.date_anonymized)
        self.assertFalse(t1.mentor_id.police_clearance_date)
        self.assertEqual(self.rates(), before)
        self.assertEqual(
            self.env["mentoring.quality.report"]._median_figures(
                self.program_q, [2025]
            ),
            medians,
        )

    def test_medians_beside_the_rates(self):
        medians = self.env["mentoring.quality.report"]._median_figures(
            self.program_q, [2025]
        )
        # Days to the first contact: 14, 15 and 4.
        self.assertEqual(medians[self.program_q.id, 2025]["first_contact_median"], 14)


class TestClearanceRenewal(QualityCase):
    """The standard *Police Clearance Renewed Before It Expired*: three
    mentors of tandems running since 2020, whose clearances (inspected in
    2020, valid five years) expire in 2025."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.renewal_mentors = {}
        for key, cleared in (
            ("early", date(2020, 1, 6)),
            ("late", date(2020, 3, 1)),
            ("never", date(2020, 5, 1)),
        ):
            mentor = cls._mentor(cls.program_q, f"Mentorin {key}")
            tandem = cls._tandem(
                cls.program_q,
                mentor,
                cls._mentee(cls.program_q, f"Mentee {key}"),
                cls.coordinator_a,
                documented=False,
            )
            tandem.write(
                {"date_matched": date(2020, 2, 1), "date_started": date(2020, 2, 1)}
            )
            mentor.write(
                {
                    "interview_date": date(2019, 11, 1),
                    "training_date": date(2019, 12, 1),
                    "police_clearance_date": cleared,
                }
            )
            cls.renewal_mentors[key] = mentor
        cls.env.cr.precommit.run()

    def renew(self):
        mentors = self.renewal_mentors
        self.assertEqual(
            mentors["early"].police_clearance_valid_until, date(2025, 1, 6)
        )
        # One day before the expiry: met; one day after: not met.
        mentors["early"].police_clearance_date = date(2025, 1, 5)
        mentors["late"].police_clearance_date = date(2025, 3, 2)

    def test_renewed_a_day_before_meets_a_day_after_does_not(self):
        self.renew()
        # The clearance never renewed expired on 2025-05-01 and counts too.
        self.assertEqual(self.rates()["clearance_renewal"], (3, 1))
        Report = self.env["mentoring.quality.report"]
        by_quarter = {
            quarter: (applicable, met)
            for quarter, applicable, met in Report._read_group(
                [
                    ("program_id", "=", self.program_q.id),
                    ("year", "=", "2025"),
                    ("standard", "=", "clearance_renewal"),
                ],
                ["quarter"],
                ["applicable:sum", "met:sum"],
            )
        }
        self.assertEqual(by_quarter, {"1": (2, 1), "2": (1, 0)})
        # The new clearances expire in 2030: not decided yet.
        self.assertNotIn("clearance_renewal", self.rates(year=2030))

    def test_a_correction_is_no_renewal(self):
        mentor = self.renewal_mentors["late"]
        mentor.police_clearance_date = date(2020, 2, 1)
        self.assertFalse(
            self.env["mentoring.clearance.expiry"].search(
                [("mentor_id", "=", mentor.id)]
            )
        )
        # Expired on 2025-02-01, not renewed.
        self.assertEqual(self.rates()["clearance_renewal"], (3, 0))

    def test_the_figure_stays_after_the_anonymisation(self):
        self.renew()
        for mentor in self.renewal_mentors.values():
            self._close(mentor.tandem_ids, date(2025, 6, 30))
        before = self.rates()["clearance_renewal"]
        self.assertEqual(before, (3, 1))
        self.env["mentoring.anonymization"]._run(dry_run=False, today=date(2026, 1, 9))
        for mentor in self.renewal_mentors.values():
            self.assertFalse(mentor.police_clearance_date)
            self.assertTrue(mentor.tandem_ids.date_anonymized)
        self.assertEqual(self.rates()["clearance_renewal"], before)

    def test_a_coordinator_of_another_programme_sees_no_rows(self):
        self.renew()
        Expiry = self.env["mentoring.clearance.expiry"]
        mentors = [("mentor_id", "in", [m.id for m in self.renewal_mentors.values()])]
        self.assertEqual(len(Expiry.with_user(self.coordinator_a).search(mentors)), 2)
        self.assertFalse(Expiry.with_user(self.coordinator_b).search(mentors))
        self.assertFalse(
            Expiry.with_user(self.coordinator_b).search([]).program_id - self.program_b
        )
        self.assertEqual(self.rates(self.coordinator_a)["clearance_renewal"], (3, 1))
        self.assertNotIn(
            "clearance_renewal",
            self.rates(self.coordinator_b, program=self.program_b),
        )
        self.assertEqual(self.rates(self.coordinator_b), {})


class TestQualityWorkbook(QualityCase):
    def export_quality(self, user, workbook="quality"):
        wizard = (
            self.env["mentoring.report.export"]
            .with_user(user)
            .create(
                {
                    "workbook": workbook,
                    "date_from": date(2024, 1, 1),
                    "date_to": date(2025, 12, 31),
                    "lang": "en_US",
                    "program_ids": self.program_q.ids,
                }
            )
        )
        wizard.action_export()
        return base64.b64decode(wizard.file_data)

    def test_workbook_holds_the_same_figures_and_a_chart(self):
        import openpyxl

        content = self.export_quality(self.coordinator_a)
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(
            book.sheetnames,
            ["Quality Report", "Quality Figures", "Quality Definitions", "About"],
        )
        self.assertEqual(book["Quality Report"].freeze_panes, "A2")
        rows = ReportCase.table(book["Quality Report"])
        self.assertEqual(list(rows[0])[:4], ["Programme", "Standard", "2024", "2025"])
        labels = dict(
            self.env["mentoring.quality.report"]
            ._fields["standard"]
            ._description_selection(self.env)
        )
        self.assertEqual([row["Standard"] for row in rows], list(labels.values()))
        by_label = {row["Standard"]: row for row in rows}
        for standard, (applicable, met) in EXPECTED_2025.items():
            row = by_label[labels[standard]]
            self.assertEqual(row["Programme"], self.program_q.name)
            self.assertEqual(
                (row["Applicable 2025"], row["Met 2025"]), (applicable, met)
            )
            self.assertAlmostEqual(row["2025"], met / applicable)
            self.assertIsNone(row["2024"])
        figures = {
            row["Figure"]: row for row in ReportCase.table(book["Quality Figures"])
        }
        # Days to the first contact: 14, 15 and 4.
        self.assertEqual(
            figures["Median days from the match to the first contact"]["2025"], 14
        )
        # openpyxl does not read charts back: the chart part is in the file.
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
        self.assertIn("xl/charts/chart1.xml", names)
        chart = zipfile.ZipFile(io.BytesIO(content)).read("xl/charts/chart1.xml")
        self.assertIn(b"<c:lineChart>", chart)
        definitions = {
            row[0]: row[1]
            for row in book["Quality Definitions"].iter_rows(
                min_row=2, values_only=True
            )
        }
        self.assertIn("14 days", definitions[labels["feedback"]])

    def test_funder_workbook_has_the_quality_sheet(self):
        import openpyxl

        viewer = self._viewer(self.program_q, "qm_board", "Beate Beirat")
        content = self.export_quality(viewer, "statistics")
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertIn("Quality Report", book.sheetnames)
        self.assertIn(
            "xl/charts/chart1.xml", zipfile.ZipFile(io.BytesIO(content)).namelist()
        )
        # A read-only user exports the quality report on its own too.
        content = self.export_quality(viewer)
        self.assertIn(
            "Quality Report", openpyxl.load_workbook(io.BytesIO(content)).sheetnames
        )


class TestOverviewPanel(QualityCase):
    def test_my_tandems_next_to_my_programmes(self):
        colleague = self._coordinator("qm_clara", "Clara Kollegin")
        self.program_q.coordinator_ids = [Command.link(colleague.id)]
        self.quality_tandems["t2"].coordinator_id = colleague
        with freeze_time("2025-12-31"):
            panel = {
                row["standard"]: row
                for row in self.env["mentoring.quality.report"]
                .with_user(self.coordinator_a)
                .get_overview_panel()
            }
        # Anna's t1 and t3 were trained before the match, Clara's t2 not.
        training = panel["training"]
        self.assertEqual((training["mine_met"], training["mine_applicable"]), (2, 2))
        self.assertAlmostEqual(training["mine"], 100)
        self.assertAlmostEqual(training["program"], 100 * 2 / 3)
        self.assertAlmostEqual(panel["first_contact"]["program"], 100 * 2 / 3)
        self.assertEqual(list(panel)[0], "first_contact")
        # Programme B's coordinator sees only her programme.
        with freeze_time("2025-12-31"):
            self.assertEqual(
                self.env["mentoring.quality.report"]
                .with_user(self.coordinator_b)
                .get_overview_panel(),
                [],
            )
