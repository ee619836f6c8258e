"""Relationship quality from the feedback surveys (issue 15, item 8; issue
16): the report by programme and feedback point, and the average per
programme and year in the quality workbook beside the coordinator's own
rating."""

import base64
import io
from datetime import date

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests.common import new_test_user

from odoo.addons.qualitaetsmentor.tests.common import MentoringCase
from odoo.addons.qualitaetsmentor.tests.survey_common import SurveyAnswers


class RelationshipCase(SurveyAnswers, MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls._feedback_survey()
        # Programme A (matched 2026-03-01): two answers at 6 months, one at
        # 12 months on New Year's Eve 23:30 UTC (New Year's Day in Hamburg:
        # 2027).
        with freeze_time("2026-09-10 10:00:00"):
            cls.mentor_6 = cls._answer(
                cls.survey, cls.tandem_a, cls.mentor_a.partner_id, [4, 4, 5, 3]
            )
            cls.family_6 = cls._answer(
                cls.survey,
                cls.tandem_a,
                cls.mentee_a.partner_id,
                [2, 3, 2, 1],
                text="Emil mag nicht mehr",
                audience="family",
            )
        with freeze_time("2026-12-31 23:30:00"):
            cls.mentor_12 = cls._answer(
                cls.survey,
                cls.tandem_a,
                cls.mentor_a.partner_id,
                [5, 5, 5, 5],
                point="month_12",
            )
        # Not completed: in no figure.
        cls._answer(
            cls.survey,
            cls.tandem_a,
            cls.mentee_a.partner_id,
            [1, 1, 1, 1],
            point="month_12",
            audience="family",
            done=False,
        )
        # Programme B.
        with freeze_time("2026-05-02 08:00:00"):
            cls.answer_b = cls._answer(
                cls.survey, cls.tandem_b, cls.mentor_b.partner_id, [3, 3, 3, 3]
            )
        # The coordinator's own ratings on key moments of 2026 (one not rated).
        with freeze_time("2027-01-15 10:00:00"):
            for on, quality in (
                (date(2026, 4, 1), "4"),
                (date(2026, 7, 1), "2"),
                (date(2026, 8, 1), "0"),
            ):
                cls._moment(cls.tandem_a, "check_in", on, relationship_quality=quality)
        cls.env.flush_all()


class TestRelationshipReport(RelationshipCase):
    def _groups(self, user, groupby):
        report = self.env["mentoring.relationship.report"].with_user(user)
        return {
            tuple(getattr(group, "id", group) for group in row[: len(groupby)]): row[
                len(groupby) :
            ]
            for row in report._read_group(
                [("program_id", "in", (self.program_a | self.program_b).ids)],
                groupby,
                ["score:avg", "__count"],
            )
        }

    def test_average_by_programme_and_feedback_point(self):
        by_point = self._groups(self.coordinator_a, ["program_id", "feedback_point"])
        self.assertEqual(
            by_point,
            {
                (self.program_a.id, "month_6"): (3.0, 2),
                (self.program_a.id, "month_12"): (5.0, 1),
            },
        )
        # The programme's average weighs each answer once: (4 + 2 + 5) / 3,
        # as a count over the answers by another route gives it.
        answers = self.mentor_6 | self.family_6 | self.mentor_12
        hand = sum(answers.mapped("mentoring_score")) / len(answers)
        [(score, count)] = self._groups(self.coordinator_a, ["program_id"]).values()
        self.assertAlmostEqual(score, hand)
        self.assertAlmostEqual(score, 11 / 3)
        self.assertEqual(count, 3)

    def test_the_year_is_the_organisations(self):
        by_year = self._groups(self.coordinator_a, ["year"])
        self.assertEqual(by_year, {("2026",): (3.0, 2), ("2027",): (5.0, 1)})

    def test_each_role_reads_the_rows_of_its_programmes(self):
        self.assertEqual(
            self._groups(self.coordinator_b, ["program_id"]),
            {(self.program_b.id,): (3.0, 1)},
        )
        self.assertEqual(
            set(self._groups(self.admin, ["program_id"])),
            {(self.program_a.id,), (self.program_b.id,)},
        )
        viewer = self._viewer(self.program_b, "qm_rel_viewer", "Beate Beirat")
        self.assertEqual(
            self._groups(viewer, ["program_id"]), {(self.program_b.id,): (3.0, 1)}
        )
        # Read-only users read no tandem of a row (its name names people).
        with self.assertRaises(AccessError):
            self.env["mentoring.relationship.report"].with_user(viewer).search([]).read(
                ["tandem_id"]
            )
        survey_manager = new_test_user(
            self.env,
            login="qm_rel_survey",
            name="Susi Umfragen",
            groups="base.group_user,survey.group_survey_manager",
        )
        with self.assertRaises(AccessError):
            self.env["mentoring.relationship.report"].with_user(survey_manager).search(
                []
            )


class TestRelationshipInQualityReport(RelationshipCase):
    def test_survey_average_beside_the_coordinators_rating(self):
        figures = self.env["mentoring.quality.report"]._relationship_figures(
            self.program_a | self.program_b, [2026, 2027]
        )
        self.assertEqual(
            figures,
            {
                (self.program_a.id, 2026): {
                    "survey_score": 3.0,
                    "survey_count": 2,
                    "coordinator_rating": 3.0,
                    "coordinator_count": 2,
                },
                (self.program_a.id, 2027): {
                    "survey_score": 5.0,
                    "survey_count": 1,
                    "coordinator_rating": None,
                    "coordinator_count": 0,
                },
                (self.program_b.id, 2026): {
                    "survey_score": 3.0,
                    "survey_count": 1,
                    "coordinator_rating": None,
                    "coordinator_count": 0,
                },
            },
        )
        # Through the record rules: another programme's coordinator gets none.
        self.assertEqual(
            self.env["mentoring.quality.report"]
            .with_user(self.coordinator_b)
            ._relationship_figures(self.program_a, [2026]),
            {},
        )

    def test_workbook_holds_the_averages_and_their_definitions(self):
        wizard = (
            self.env["mentoring.report.export"]
            .with_user(self.coordinator_a)
            .create(
                {
                    "workbook": "quality",
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2027, 12, 31),
                    "lang": "en_US",
                    "program_ids": self.program_a.ids,
                }
            )
        )
        wizard.action_export()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        rows = list(book["Quality Figures"].iter_rows(values_only=True))
        header = rows[0]
        figures = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
        survey = figures["Relationship quality in the feedback surveys (1–5)"]
        self.assertEqual(survey["Programme"], self.program_a.name)
        self.assertEqual((survey["2026"], survey["2027"]), (3.0, 5.0))
        answered = figures["Feedback surveys answered"]
        self.assertEqual((answered["2026"], answered["2027"]), (2, 1))
        rating = figures["Relationship quality rated by the coordinator (1–5)"]
        self.assertEqual((rating["2026"], rating["2027"]), (3.0, None))
        rated = figures["Ratings by the coordinator"]
        self.assertEqual((rated["2026"], rated["2027"]), (2, 0))
        definitions = dict(
            book["Quality Definitions"].iter_rows(min_row=2, values_only=True)
        )
        self.assertIn(
            "from 1 (poor) to 5 (very good)",
            definitions["Relationship quality in the feedback surveys (1–5)"],
        )
        self.assertIn(
            "Not Rated",
            definitions["Relationship quality rated by the coordinator (1–5)"],
        )
