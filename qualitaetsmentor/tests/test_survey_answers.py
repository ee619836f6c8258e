"""Feedback survey answers of a tandem (issue 15, items 9 and 11): the score,
who reads an answer, and what the anonymisation leaves of it."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import new_test_user

from .common import MentoringCase
from .survey_common import SurveyAnswers
from .test_anonymization import AnonymizationCase

SURVEY_USER = "survey.group_survey_user"
SURVEY_MANAGER = "survey.group_survey_manager"


class SurveyAccessCase(SurveyAnswers, MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls._feedback_survey()
        cls.answer_a = cls._answer(
            cls.survey,
            cls.tandem_a,
            cls.mentor_a.partner_id,
            [4, 4, 5, 3],
            text="Emil hat Angst vor seinem Vater",
        )
        cls.answer_b = cls._answer(
            cls.survey, cls.tandem_b, cls.mentor_b.partner_id, [2, 3, 2, 1]
        )
        # An answer of Odoo's survey app, with no tandem.
        cls.answer_free = cls._answer(
            cls.survey, cls.tandem_a.browse(), cls.env.user.partner_id, [5, 5, 5, 5]
        )
        manager = cls.env.ref(SURVEY_MANAGER)
        officer = cls.env.ref(SURVEY_USER)
        cls.colleague = cls._coordinator("qm_survey_colleague", "Clara Kollegin")
        cls.program_a.coordinator_ids = [Command.link(cls.colleague.id)]
        cls.readonly = cls._viewer(cls.program_a, "qm_survey_ro", "Renate Vorstand")
        cls.survey_manager = new_test_user(
            cls.env,
            login="qm_survey_manager",
            name="Susi Umfragen",
            groups=f"base.group_user,{SURVEY_MANAGER}",
        )
        other = cls.env["res.company"].create({"name": "Anderer Träger"})
        cls.other_company = cls._user(
            "qm_survey_other",
            "Olga Anderswo",
            "admin",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        cls.portal = new_test_user(
            cls.env,
            login="qm_survey_portal",
            name="Markus Mentor",
            groups="base.group_portal",
            partner_id=cls.mentor_b.partner_id.id,
        )
        for user in (cls.coordinator_a, cls.colleague, cls.readonly):
            user.groups_id = [Command.link(officer.id)]
        for user in (cls.coordinator_b, cls.admin, cls.other_company):
            user.groups_id = [Command.link(manager.id)]


class TestSurveyScore(SurveyAccessCase):
    def test_the_score_is_the_mean_of_the_scale_answers(self):
        self.assertEqual(self.answer_a.mentoring_score, 4.0)
        self.assertEqual(self.answer_b.mentoring_score, 2.0)
        half = self._answer(
            self.survey,
            self.tandem_a,
            self.mentee_a.partner_id,
            [5, 4],
            audience="family",
        )
        self.assertEqual(half.mentoring_score, 4.5)


class TestSurveyAnswerAccess(SurveyAccessCase):
    """An answer of a tandem, and its lines, are read by the coordinators of
    the tandem's programme and the administrators; nobody else reads
    anything of it, whatever rights in the survey app she has."""

    def _readable(self, user):
        answers = self.env["survey.user_input"].with_user(user)
        lines = self.env["survey.user_input.line"].with_user(user)
        ours = (self.answer_a | self.answer_b | self.answer_free).ids
        try:
            found = answers.search([("id", "in", ours)])
            found_lines = lines.search([("user_input_id", "in", ours)])
        except AccessError:
            return None
        self.assertEqual(found_lines.user_input_id, found)
        return found

    def test_each_role_reads_the_answers_of_its_tandems(self):
        expected = {
            "coordinator_a": self.answer_a | self.answer_free,
            "colleague": self.answer_a | self.answer_free,
            "coordinator_b": self.answer_b | self.answer_free,
            "admin": self.answer_a | self.answer_b | self.answer_free,
            # Read-only users read the scores in the reports, not the answers.
            "readonly": self.answer_free,
            # Odoo's survey manager without a mentoring role: her own survey
            # app's answers, none of a tandem.
            "survey_manager": self.answer_free,
            "other_company": self.answer_free,
        }
        for role, answers in expected.items():
            with self.subTest(role=role):
                self.assertEqual(self._readable(getattr(self, role)), answers)

    def test_the_portal_reads_no_answer(self):
        self.assertIsNone(self._readable(self.portal))
        with self.assertRaises(AccessError):
            self.answer_b.with_user(self.portal).read(["mentoring_score"])

    def test_another_programme_cannot_open_the_answer(self):
        for role in ("coordinator_b", "survey_manager", "readonly"):
            user = getattr(self, role)
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.answer_a.with_user(user).read(["email"])
            with self.subTest(role=role), self.assertRaises(AccessError):
                self.answer_a.user_input_line_ids.with_user(user).read(
                    ["value_text_box"]
                )
        self.assertEqual(
            self.answer_a.with_user(self.coordinator_a).user_input_line_ids.mapped(
                "value_text_box"
            )[-1],
            "Emil hat Angst vor seinem Vater",
        )

    def test_the_results_page_counts_only_readable_answers(self):
        """``/survey/results`` reads the lines with the user's rights."""
        lines = self.env["survey.user_input.line"].with_user(self.survey_manager)
        found = lines.search([("survey_id", "=", self.survey.id)])
        self.assertEqual(found.user_input_id, self.answer_free)
        statistics = (
            self.survey.with_user(self.survey_manager)
            .question_ids[-1]
            ._prepare_statistics(found)
        )
        self.assertNotIn("Angst", str(statistics))

    def test_an_archived_tandem_keeps_its_answers_for_its_coordinator(self):
        self.tandem_a.active = False
        self.assertEqual(
            self._readable(self.coordinator_a), self.answer_a | self.answer_free
        )

    def test_a_coordinator_without_survey_rights_reads_her_tandems_answers(self):
        """The coordinator reads (only reads) what her tandems answered,
        without any right in Odoo's survey app; another programme's
        coordinator reads nothing of it."""
        own = self._coordinator("qm_survey_plain_a", "Paula Plain")
        self.program_a.coordinator_ids = [Command.link(own.id)]
        other = self._coordinator("qm_survey_plain_b", "Berta Plain")
        self.program_b.coordinator_ids = [Command.link(other.id)]
        for user in (own, other):
            self.assertFalse(user.has_group(SURVEY_USER))
        self.assertEqual(self._readable(own), self.answer_a)
        self.assertEqual(self._readable(other), self.answer_b)
        form = self.tandem_a.with_user(own).web_read(
            {
                "survey_answer_ids": {
                    "fields": {
                        "user_input_line_ids": {
                            "fields": {
                                "question_id": {"fields": {"display_name": {}}},
                                "value_scale": {},
                                "value_text_box": {},
                            }
                        }
                    }
                }
            }
        )[0]
        lines = form["survey_answer_ids"][0]["user_input_line_ids"]
        self.assertEqual(
            [line["question_id"]["display_name"] for line in lines],
            ["Frage 1", "Frage 2", "Frage 3", "Frage 4", "Was möchten Sie uns sagen?"],
        )
        self.assertEqual(lines[-1]["value_text_box"], "Emil hat Angst vor seinem Vater")
        with self.assertRaises(AccessError):
            self.answer_a.user_input_line_ids[:1].with_user(own).write(
                {"value_scale": 1}
            )
        with self.assertRaises(AccessError):
            self.answer_a.user_input_line_ids.with_user(other).read(["value_text_box"])

    def test_the_invited_person_answers_with_her_token(self):
        """The survey's own flow (token, sudo) still works for her."""
        answer = self._answer(
            self.survey,
            self.tandem_a,
            self.mentor_a.partner_id,
            [],
            point="month_12",
            done=False,
        )
        found = (
            self.env["survey.user_input"]
            .with_user(self.portal)
            .sudo()
            .search([("access_token", "=", answer.access_token)])
        )
        self.assertEqual(found, answer)
        found._save_lines(self.survey.question_ids[0], "5")
        found._mark_done()
        self.assertEqual(answer.mentoring_score, 5.0)


class TestSurveyInDossier(SurveyAccessCase):
    def _feedback_table(self, user, tandem):
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html("qualitaetsmentor.report_handover_dossier", tandem.ids)
        )
        html = html.decode()
        start = html.index("o_mentoring_dossier_feedback")
        return html, html[start : html.index("</table>", start)]

    def test_the_dossier_shows_the_scores_not_the_answers(self):
        """Issue 15, item 8: per tandem the feedback point, who answered,
        the date and the score; the free text stays in the survey app."""
        html, table = self._feedback_table(self.coordinator_a, self.tandem_a)
        self.assertIn("After 6 Months", table)
        self.assertIn("Mentor", table)
        self.assertIn("4.0", table)
        self.assertIn("Participations", html)
        self.assertNotIn("Angst", html)
        _html, table = self._feedback_table(self.coordinator_b, self.tandem_b)
        self.assertIn("2.0", table)
        self.assertNotIn("4.0", table)


class TestSurveyAnonymization(SurveyAnswers, AnonymizationCase):
    """What the anonymisation leaves of the answers: the score and the
    feedback point; no text, contact, e-mail or name (issue 15, item 11)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        survey = cls._feedback_survey()
        cls.answer_mentor = cls._answer(
            survey,
            cls.tandem_c,
            cls.mentor_c.partner_id,
            [4, 4, 5, 3],
            text="Zoo-Ausflug mit Yvonne",
        )
        cls.answer_family = cls._answer(
            survey,
            cls.tandem_c,
            cls.guardian,
            [2, 3, 2, 1],
            text="Xaverius Quastbeck: Rollstuhl fehlt",
            audience="family",
        )

    def _survey_strings(self, strings):
        cr = self.env.cr
        found = []
        for table, columns in (
            ("survey_user_input", ("email", "nickname")),
            ("survey_user_input_line", ("value_text_box", "value_char_box")),
        ):
            for column in columns:
                for string in strings:
                    cr.execute(
                        f'SELECT count(*) FROM "{table}" WHERE "{column}" ILIKE %s',  # noqa: S608
                        [f"%{string}%"],
                    )
                    if cr.fetchone()[0]:
                        found.append(f"{table}.{column}: {string}")
        return found

    def test_answers_lose_texts_and_contacts_and_keep_the_score(self):
        personal = ["Zoo-Ausflug", "Yvonne", "Rollstuhl", "Quastbeck", "Quenzel"]
        self.assertTrue(self._survey_strings(personal))
        mentor_contact = self.mentor_c.partner_id
        self._run(date(2026, 7, 1))
        self.assertEqual(self._survey_strings(personal), [])
        for answer, score in ((self.answer_mentor, 4.0), (self.answer_family, 2.0)):
            with self.subTest(audience=answer.mentoring_audience):
                self.assertEqual(answer.mentoring_score, score)
                self.assertEqual(answer.mentoring_tandem_id, self.tandem_c)
                self.assertEqual(answer.mentoring_feedback_point, "month_6")
                self.assertFalse(answer.partner_id)
                self.assertFalse(answer.email)
                self.assertEqual(
                    answer.user_input_line_ids.mapped("answer_type"), ["scale"] * 4
                )
        # The contact an answer pointed to was not "used elsewhere": it is
        # anonymised in place, as without the survey.
        self.assertEqual(self.mentor_c.partner_id, mentor_contact)
        self.assertEqual(mentor_contact.name, f"Anonymised mentor {self.mentor_c.id}")
        self.assertEqual(self._personal_strings_in_database(PERSONAL_C), [])

    def test_an_answer_to_another_survey_keeps_the_contact_in_use(self):
        """An answer of Odoo's survey app outside the programme still counts
        as use of the contact elsewhere."""
        other = self._feedback_survey("Vereinsumfrage")
        self._answer(other, self.tandem_c.browse(), self.mentor_c.partner_id, [3])
        contact = self.mentor_c.partner_id
        self._run(date(2026, 7, 1))
        self.assertEqual(contact.name, "Zacharias Quenzel")
        self.assertNotEqual(self.mentor_c.partner_id, contact)


PERSONAL_C = ["Zacharias", "Quenzel", "Yvonne", "Quastbeck", "zq@example.org"]


class TestSurveyAnswersAreNotChanged(SurveyAccessCase):
    """Found by a tester: the record rules are checked on the record before
    a write, so a survey user could turn her own answer into a tandem's, or
    move a line into one; a coordinator with survey rights could move or
    delete her tandems' answers. Only the invitation writes them."""

    def _own_answer(self, user):
        other = self.env["survey.survey"].create({"title": "Betriebsausflug"})
        question = self.env["survey.question"].create(
            {"survey_id": other.id, "title": "Wie war es?", "question_type": "text_box"}
        )
        answer = (
            self.env["survey.user_input"]
            .with_user(user)
            .create({"survey_id": other.id, "partner_id": user.partner_id.id})
        )
        line = (
            self.env["survey.user_input.line"]
            .with_user(user)
            .create(
                {
                    "user_input_id": answer.id,
                    "question_id": question.id,
                    "answer_type": "text_box",
                    "value_text_box": "eingeschleuster Text",
                }
            )
        )
        return answer, line

    def test_a_survey_manager_plants_nothing_in_a_tandem(self):
        answer, line = self._own_answer(self.survey_manager)
        self.assertEqual(self.tandem_b.relationship_score, 2.0)
        mentor_survey = self.env.ref("qualitaetsmentor.survey_feedback_mentor")
        for vals in (
            {"mentoring_tandem_id": self.tandem_b.id},
            {"mentoring_feedback_point": "end"},
            {"survey_id": mentor_survey.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                answer.write(vals)
        with self.assertRaises(UserError):
            line.write({"user_input_id": self.answer_a.id})
        self.assertEqual(self.tandem_b.relationship_score, 2.0)
        self.assertNotIn(
            "eingeschleuster Text",
            self.answer_a.user_input_line_ids.mapped("value_text_box"),
        )
        # Her own survey's answer stays hers to change.
        line.value_text_box = "Schön"
        self.assertEqual(line.value_text_box, "Schön")

    def test_a_coordinator_only_reads_her_tandems_answers(self):
        answer = self.answer_a.with_user(self.coordinator_a)
        with self.assertRaises(UserError):
            answer.write({"mentoring_tandem_id": self.tandem_b.id})
        with self.assertRaises(UserError):
            answer.unlink()
        with self.assertRaises(UserError):
            answer.user_input_line_ids[:1].unlink()
        self.assertEqual(self.answer_a.mentoring_tandem_id, self.tandem_a)
        self.assertEqual(self.answer_a.mentoring_score, 4.0)
